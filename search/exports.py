"""Search results as CSV or XLSX (``/suche/export/csv/?q=…`` with the page's filters and sort).

The same ``search_register`` as the page and the API, page after page, so a download holds
exactly the hits the reader sees on screen – only live pages they may see – up to
``MAX_EXPORT_ROWS``. Exports are not counted as searches for the editors' statistics.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.table_export import FORMATS, table_download
from search.facets import SearchFilters
from search.service import MAX_PAGE_SIZE, ResultRow, search_register
from search.views import sort_from

#: The most hits one download holds (the engine pages through at most this many).
MAX_EXPORT_ROWS = 1000


def _headers() -> list[str]:
    return [
        _("Titel"),
        _("Inhaltstyp"),
        _("Kommune"),
        _("Fachbereich"),
        _("Status"),
        _("Letzte Änderung"),
        _("Adresse"),
    ]


def _row(row: ResultRow, request: HttpRequest) -> list:
    return [
        row.title,
        row.type_label,
        row.municipality.title if row.municipality else "",
        row.department.title if row.department else "",
        row.status_label,
        timezone.localdate(row.last_change) if row.last_change else None,
        request.build_absolute_uri(row.url) if row.url else "",
    ]


def result_rows(request: HttpRequest) -> Iterator[list]:
    """Every hit of the request's search (``q``, filters, ``sortierung``), as table rows."""
    query = request.GET.get("q", "")
    filters = SearchFilters.from_querydict(request.GET)
    sort = sort_from(request.GET.get("sortierung", ""))
    number, written = 1, 0
    while written < MAX_EXPORT_ROWS:
        outcome = search_register(
            query,
            filters,
            user=request.user,
            session=request.session,
            sort=sort,
            page=number,
            page_size=MAX_PAGE_SIZE,
            request=request,
        )
        if outcome.page_number != number:  # past the end: the service answered the last page
            return
        for row in outcome.results[: MAX_EXPORT_ROWS - written]:
            written += 1
            yield _row(row, request)
        if not outcome.has_next:
            return
        number += 1


def search_export(request: HttpRequest, export_format: str) -> HttpResponse:
    if export_format not in FORMATS:
        raise Http404
    rows = list(result_rows(request))
    filename = f"suche-{timezone.localdate():%Y-%m-%d}"
    return table_download(export_format, filename, _("Suchergebnisse"), _headers(), rows)
