"""The staff search page (/suche/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from search.service import SearchFilters, search_register


def filters_from_request(request: HttpRequest) -> SearchFilters:
    """Read the filter parameters; malformed values are ignored, never an error page."""
    department = request.GET.get("fachbereich", "")
    return SearchFilters(
        kommune=request.GET.get("kommune", "")[:100],
        fachbereich=int(department) if department.isdigit() else None,
        typ=request.GET.get("typ", "")[:30],
        status=request.GET.get("status", "")[:30],
    )


def search_page(request: HttpRequest) -> HttpResponse:
    outcome = search_register(
        request.GET.get("q", ""), filters_from_request(request), request.GET.get("seite", 1)
    )
    query = request.GET.copy()
    query.pop("seite", None)
    active_filters = [
        (key, value)
        for key, value in (
            ("kommune", outcome.filters.kommune),
            ("fachbereich", outcome.filters.fachbereich or ""),
            ("typ", outcome.filters.typ),
            ("status", outcome.filters.status),
        )
        if value
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "outcome": outcome,
            "query_without_page": query.urlencode(),
            "active_filters": active_filters,
        },
    )
