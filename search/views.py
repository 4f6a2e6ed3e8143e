"""The staff search page (/suche/). The JSON API (search/api.py) renders the same outcome."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query

from search.facets import SearchFilters
from search.service import SearchOutcome, Sort, search_register
from search.views_admin import add_explain_links

logger = logging.getLogger(__name__)


def sort_from(value: str) -> Sort:
    return Sort.CHANGED if value == Sort.CHANGED.value else Sort.RELEVANCE


def search_page(request: HttpRequest) -> HttpResponse:
    outcome = search_register(
        request.GET.get("q", ""),
        SearchFilters.from_querydict(request.GET),
        user=request.user,
        session=request.session,
        sort=sort_from(request.GET.get("sortierung", "")),
        page=request.GET.get("seite", 1),
        request=request,
    )
    if outcome.query and outcome.page_number == 1 and not outcome.degraded:
        _count_query(outcome.query)
    add_explain_links(request.user, outcome.results, outcome.query)
    return TemplateResponse(request, "search/search.html", page_context(outcome))


#: Facet values shown before "Weitere …" (selected values always come first).
FACET_VALUES_SHOWN = 8


def page_context(outcome: SearchOutcome) -> dict:
    """Links of the page: facet toggles, filter removal, sorting, paging, suggestions."""
    for facet in outcome.facets:
        facet.shown = facet.values[:FACET_VALUES_SHOWN]
        facet.more = facet.values[FACET_VALUES_SHOWN:]
        for value in facet.values:
            filters = (
                outcome.filters.without(facet.name, value.value)
                if value.selected
                else outcome.filters.adding(facet.name, value.value)
            )
            value.url = _url(outcome.query, filters, outcome.sort)
    active_filters = [
        {
            "facet": facet.title,
            "label": value.label,
            "url": value.url,
        }
        for facet in outcome.facets
        for value in facet.values
        if value.selected
    ]
    return {
        "outcome": outcome,
        # Without a search engine (scripts/run --embedded) the help text says what the database
        # search cannot do instead of promising the engine's German analysis.
        "database_search_only": "fallback" not in settings.WAGTAILSEARCH_BACKENDS,
        "database_stems": getattr(settings, "USES_POSTGRESQL", False),
        "active_filters": active_filters,
        "hidden_filters": outcome.filters.as_params(),
        "sort_links": [
            {
                "label": label,
                "url": _url(outcome.query, outcome.filters, sort),
                "current": sort is outcome.sort,
            }
            for sort, label in (
                (Sort.RELEVANCE, _("Relevanz")),
                (Sort.CHANGED, _("Letzte Änderung")),
            )
        ],
        "previous_url": _url(outcome.query, outcome.filters, outcome.sort, outcome.page_number - 1),
        "next_url": _url(outcome.query, outcome.filters, outcome.sort, outcome.page_number + 1),
        "suggestion_url": _url(outcome.suggestion, outcome.filters, outcome.sort)
        if outcome.suggestion
        else "",
        "unfiltered_url": _url(outcome.query, SearchFilters(), outcome.sort),
    }


def _url(query: str, filters: SearchFilters, sort: Sort, page: int = 1) -> str:
    # A result page has a link per facet value (often over a hundred): plain urlencode on
    # pairs writes the same query string as a QueryDict at a fraction of the cost.
    params = [("q", query), *filters.as_params()]
    if sort is not Sort.RELEVANCE:
        params.append(("sortierung", sort.value))
    if page > 1:
        params.append(("seite", str(page)))
    return "?" + urlencode(params)


def _count_query(query: str) -> None:
    """Count the query for the editors' "popular searches" (search promotions admin)."""

    try:
        with transaction.atomic():
            Query.get(query).add_hit()
    except Exception:  # statistics must never break the search
        logger.exception("Could not count search query")
