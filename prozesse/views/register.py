"""The register table: all live processes of all municipalities, filterable and sortable, and
its download as CSV or XLSX with the same filters (``register_export``).

Used by the register page; the admin list (modeladmin) offers the same filters to editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.table_export import FORMATS, table_download
from prozesse.models.organisation import DepartmentPage, MunicipalityPage
from prozesse.models.process import Maturity, ProcessCategory, ProcessPage, ProcessStatus
from prozesse.pagination import page_of
from prozesse.visibility import Visibility, visibility_of

PAGE_SIZE = 50

#: Sort key in the URL → (column label, ordering), in column order.
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "titel": (_("Prozess"), ("title",)),
    "kommune": (_("Kommune"), ("municipality__title", "title")),
    "fachbereich": (_("Fachbereich"), ("department__title", "title")),
    "art": (_("Prozessart"), ("category", "title")),
    "status": (_("Status"), ("status", "title")),
    "reifegrad": (_("Reifegrad"), ("maturity", "title")),
    "schluessel": (_("Registerschlüssel"), ("register_key",)),
    "pruefung": (_("Nächste Prüfung"), ("next_review_date", "title")),
}


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class RegisterFilterForm(forms.Form):
    kommune = forms.ModelChoiceField(
        label=_("Kommune"), queryset=MunicipalityPage.objects.none(), required=False,
        empty_label=_("Alle Kommunen"), to_field_name="slug",
    )  # fmt: skip
    fachbereich = forms.CharField(label=_("Fachbereich"), required=False, max_length=100)
    art = forms.ChoiceField(
        label=_("Prozessart"), choices=_blank(_("Alle")) + ProcessCategory.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(_("Alle")) + ProcessStatus.choices, required=False
    )
    reifegrad = forms.TypedChoiceField(
        label=_("Reifegrad"),
        choices=_blank(_("Alle")) + [(str(v), label) for v, label in Maturity.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    schlagwort = forms.CharField(label=_("Schlagwort"), required=False, max_length=100)
    sortierung = forms.ChoiceField(
        label=_("Sortierung"), choices=[(key, key) for key in SORTS], required=False
    )
    absteigend = forms.BooleanField(label=_("absteigend"), required=False)

    def __init__(self, *args, visibility: Visibility, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = visibility.apply(
            MunicipalityPage.objects.live().order_by("title")
        )


@dataclass(frozen=True)
class RegisterQuery:
    form: RegisterFilterForm
    processes: QuerySet[ProcessPage]
    sort: str
    descending: bool


def filtered_processes(data: dict, visibility: Visibility) -> RegisterQuery:
    """Apply the register filters in ``data`` (a GET dict) to the live processes the reader may
    see; invalid filters are ignored."""
    form = RegisterFilterForm(data or None, visibility=visibility)
    queryset = visibility.apply(
        ProcessPage.objects.live().select_related("municipality", "department", "content_owner")
    )
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        if cleaned["kommune"]:
            queryset = queryset.filter(municipality=cleaned["kommune"])
        if cleaned["fachbereich"]:
            queryset = queryset.filter(department__title__iexact=cleaned["fachbereich"])
        if cleaned["art"]:
            queryset = queryset.filter(category=cleaned["art"])
        if cleaned["status"]:
            queryset = queryset.filter(status=cleaned["status"])
        if cleaned["reifegrad"] is not None:
            queryset = queryset.filter(maturity=cleaned["reifegrad"])
        if cleaned["schlagwort"]:
            queryset = queryset.filter(tags__name__iexact=cleaned["schlagwort"]).distinct()
        sort = cleaned["sortierung"] or "titel"
        descending = cleaned["absteigend"]
    else:
        sort, descending = "titel", False
    ordering = SORTS[sort][1]
    if descending:
        ordering = tuple(f"-{field}" for field in ordering)
    return RegisterQuery(form, queryset.order_by(*ordering), sort, descending)


def register_table(request: HttpRequest) -> dict:
    visibility = visibility_of(request)
    result = filtered_processes(request.GET, visibility)
    listing = page_of(request, result.processes, per_page=PAGE_SIZE)
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
        "filter_form": result.form,
        "processes": listing.page_obj,
        "paginator": listing.page_obj.paginator,
        "current_sort": result.sort,
        "descending": result.descending,
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
    result = filtered_processes(request.GET, visibility_of(request))
    rows = (_export_row(process, request) for process in result.processes.iterator(2000))
    filename = f"prozessregister-{timezone.localdate():%Y-%m-%d}"
    return table_download(
        export_format, filename, str(_("Prozessregister")), [str(h) for h in EXPORT_HEADERS], rows
    )
