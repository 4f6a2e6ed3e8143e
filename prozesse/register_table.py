"""The register page's table: all live processes of all municipalities the reader may see,
filtered and sorted by the query parameters (``prozesse.filters.RegisterFilterSet``), and its
download as CSV or XLSX with the same filters (``register_export``).

The register page (``prozesse.models.register.RegisterPage``) calls ``register_table_html``
(the table, shared by readers who may see the same pages) and ``register_export``; the admin
register list offers the same filters to editors (``prozesse.views.register_listing``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from intranet.table_export import FORMATS, table_download
from prozesse.filters import SORTS, RegisterFilterSet
from prozesse.models.organisation import DepartmentPage
from prozesse.models.process import ProcessPage
from prozesse.pagination import page_of
from prozesse.shared_fragments import shared_fragment
from prozesse.visibility import Visibility, visibility_of

PAGE_SIZE = 50
#: Entries the register page counts and pages through; beyond it the page says "mehr als"
#: and asks for a filter (a municipality's register stays far below it).
COUNT_LIMIT = 10_000
#: What one row of the table shows and its link needs. A process page row holds the whole
#: process (steps, diagram, attachments); loading only these fields cuts the application's time
#: per table page by about a fifth at 50 rows. A field the template reads that is not listed
#: here costs one query per row (the query-count test of the register page catches it).
TABLE_FIELDS = (
    "title",
    "path",
    "depth",
    "url_path",
    "slug",
    "live",
    "content_type",
    "locale",
    "translation_key",
    "alias_of",
    "category",
    "status",
    "maturity",
    "register_key",
    "next_review_date",
    "municipality__title",
    "department__title",
)


def filtered_processes(data: dict, visibility: Visibility) -> RegisterFilterSet:
    """The register filters in ``data`` (a GET dict) over the live processes the reader may
    see; ``.applied()`` is the filtered, sorted queryset (invalid filters are ignored)."""
    return RegisterFilterSet(
        data or None,
        visibility.apply(
            ProcessPage.objects.live().select_related("municipality", "department", "content_owner")
        ),
        visibility=visibility,
    )


def register_table_html(request: HttpRequest, page) -> SafeString:
    """The register page's table with its filters, count and pages, rendered once per set of
    query parameters for all readers who may see the same pages (``shared_fragments``)."""
    return shared_fragment(
        request,
        "register-table",
        (page.pk, *sorted(request.GET.lists())),
        lambda: render_to_string(
            "prozesse/includes/register_table.html",
            {**register_table(request), "page": page, "request": request},
        ),
    )


def register_table(request: HttpRequest) -> dict:
    """Template context of the register table: filter form, one page of the table, sorting."""
    visibility = visibility_of(request)
    filters = filtered_processes(request.GET, visibility)
    rows = (
        filters.applied()
        .select_related(None)
        .select_related("municipality", "department")
        .only(*TABLE_FIELDS)
    )
    listing = page_of(request, rows, per_page=PAGE_SIZE, count_limit=COUNT_LIMIT)
    without_sort = request.GET.copy()
    without_sort.pop("seite", None)
    for key in ("sortierung", "absteigend"):
        without_sort.pop(key, None)
    departments = (
        visibility.apply(DepartmentPage.objects.live())
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()
    )
    return {
        "filter_form": filters.form,
        "processes": listing.page_obj,
        "paginator": listing.page_obj.paginator,
        "current_sort": filters.sort,
        "descending": filters.descending,
        "query_without_page": listing.query_without_page,
        "query_without_sort": without_sort.urlencode(),
        "sort_columns": [(key, label) for key, (label, _ordering) in SORTS.items()],
        "department_names": list(departments),
    }


#: Columns of the register download: German titles, labels rather than codes.
EXPORT_HEADERS = (
    _("Prozess"),
    _("Registerschlüssel"),
    _("Kommune"),
    _("Fachbereich"),
    _("Prozessart"),
    _("Status"),
    _("Reifegrad (OZG)"),
    _("LeiKa-/FIM-Schlüssel"),
    _("Verantwortlich"),
    _("Fallzahl pro Jahr"),
    _("Nächste Prüfung"),
    _("Letzte Änderung"),
    _("Adresse"),
)


def _export_row(process: ProcessPage, request: HttpRequest) -> list:
    changed = process.last_change
    return [
        process.title,
        process.register_key or "",
        process.municipality.title if process.municipality else "",
        process.department.title if process.department else "",
        process.get_category_display(),
        process.get_status_display(),
        process.get_maturity_display() if process.maturity is not None else "",
        process.service_key,
        process.content_owner.name if process.content_owner else "",
        process.case_volume,
        process.next_review_date,
        timezone.localdate(changed) if changed else None,
        process.get_full_url(request) or "",
    ]


def register_export(request: HttpRequest, export_format: str) -> HttpResponse:
    """The register table with the request's filters and sorting, as CSV or XLSX: every
    live process the reader may see, not only the current page of the table."""
    if export_format not in FORMATS:
        raise Http404
    processes: QuerySet[ProcessPage] = filtered_processes(
        request.GET, visibility_of(request)
    ).applied()
    rows = (_export_row(process, request) for process in processes.iterator(2000))
    filename = f"prozessregister-{timezone.localdate():%Y-%m-%d}"
    return table_download(
        export_format, filename, str(_("Prozessregister")), [str(h) for h in EXPORT_HEADERS], rows
    )
