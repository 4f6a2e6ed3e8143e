"""The filters and sort choices of the process register, as django-filter FilterSets.

One definition serves both places that list the register:

- :class:`RegisterFilterSet` – the register page for staff (``prozesse.register_table``): the
  filters plus its own sort parameters (``sortierung``, ``absteigend``; :data:`SORTS`).
- :class:`AdminRegisterFilterSet` – the register list in the admin
  (``prozesse.views.register_listing``): the same filters plus "published", sorted by the
  listing's columns instead.

- :class:`DecisionFilterSet` – the decisions on a committee page (``prozesse.committee``):
  status, responsible person, town concerned, overdue. Invalid input is an error there (the
  page answers 400 and says which filter was wrong).

The choices they offer (the towns, the people) are reduced by the visibility rule
(``prozesse.visibility``): on the page to what the reader may see, in the admin to what the
user may see there. The query parameters and their German labels are part of the page's
address and must stay as they are.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from prozesse.decision_tasks import decisions_of_person, overdue_decisions
from prozesse.models.decision import DecisionPage, DecisionStatus
from prozesse.models.decision_tracking import DecisionTask
from prozesse.models.organisation import MunicipalityPage
from prozesse.models.people import Person
from prozesse.models.process import Maturity, ProcessCategory, ProcessPage, ProcessStatus
from prozesse.visibility import Visibility, admin_visible

#: Sort key in the URL → (column label, ordering), in the register page's column order.
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
DEFAULT_SORT = "titel"


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class FormOnlyFilter(django_filters.Filter):
    """A validated query parameter that filters nothing by itself (the sort parameters: the
    filter set orders with them)."""

    def __init__(self, *, field_class: type[forms.Field], **kwargs):
        self.field_class = field_class
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        return qs


class RegisterFilters(django_filters.FilterSet):
    """The filters of the register. Subclasses say which towns are offered (``town_choices``)."""

    kommune = django_filters.ModelChoiceFilter(
        field_name="municipality", label=_("Kommune"), queryset=MunicipalityPage.objects.none(),
        empty_label=_("Alle Kommunen"), to_field_name="slug",
    )  # fmt: skip
    fachbereich = django_filters.CharFilter(
        field_name="department__title", lookup_expr="iexact", label=_("Fachbereich"),
        max_length=100,
    )  # fmt: skip
    art = django_filters.ChoiceFilter(
        field_name="category", label=_("Prozessart"), choices=ProcessCategory.choices,
        empty_label=_("Alle"),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProcessStatus.choices, empty_label=_("Alle")
    )
    reifegrad = django_filters.TypedChoiceFilter(
        field_name="maturity",
        label=_("Reifegrad"),
        choices=_blank(_("Alle")) + [(str(v), label) for v, label in Maturity.choices],
        coerce=int,
        empty_value=None,
    )
    schlagwort = django_filters.CharFilter(
        field_name="tags__name", lookup_expr="iexact", label=_("Schlagwort"), max_length=100,
        distinct=True,
    )  # fmt: skip

    class Meta:
        model = ProcessPage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["kommune"].queryset = self.town_choices()

    def town_choices(self) -> QuerySet[MunicipalityPage]:
        raise NotImplementedError


class RegisterFilterSet(RegisterFilters):
    """The register page: its filters and sort order, for one reader's ``visibility``.

    Invalid input is not an error: :meth:`applied` then ignores every parameter, so a wrong
    link shows the whole register sorted by title."""

    sortierung = FormOnlyFilter(
        field_class=forms.ChoiceField,
        label=_("Sortierung"),
        choices=[(key, key) for key in SORTS],
    )
    absteigend = FormOnlyFilter(field_class=forms.BooleanField, label=_("absteigend"))

    def __init__(self, data=None, queryset=None, *, visibility: Visibility, request=None):
        self.visibility = visibility
        super().__init__(data, queryset, request=request)

    def town_choices(self) -> QuerySet[MunicipalityPage]:
        # The choice shows the title and sends the slug; the rest of each page stays unread.
        return self.visibility.apply(
            MunicipalityPage.objects.live().only("title", "slug").order_by("title")
        )

    @property
    def applies(self) -> bool:
        """Whether the parameters are present and all valid (else none of them counts)."""
        return self.is_valid()

    @property
    def sort(self) -> str:
        return (self.applies and self.form.cleaned_data["sortierung"]) or DEFAULT_SORT

    @property
    def descending(self) -> bool:
        return bool(self.applies and self.form.cleaned_data["absteigend"])

    def ordering(self) -> tuple[str, ...]:
        # The id last: many towns have a process of the same title, and without a unique
        # last key the database may give a row on two pages of the table and another on none.
        ordering = (*SORTS[self.sort][1], "pk")
        if self.descending:
            ordering = tuple(f"-{field}" for field in ordering)
        return ordering

    def applied(self) -> QuerySet[ProcessPage]:
        """The queryset filtered and sorted by the parameters."""
        queryset = self.filter_queryset(self.queryset.all()) if self.applies else self.queryset
        return queryset.order_by(*self.ordering())


class AdminRegisterFilterSet(RegisterFilters, WagtailFilterSet):
    """The register list in the admin: the same filters, plus published or not; the towns
    offered are those the user may see in the admin (drafts only where they hold page rights)."""

    class Meta:
        model = ProcessPage
        fields = ["live"]

    def town_choices(self) -> QuerySet[MunicipalityPage]:
        return admin_visible(self.request, MunicipalityPage.objects.all()).order_by("title")


class DecisionFilterSet(django_filters.FilterSet):
    """Filters of a committee page's decisions, for one reader's ``visibility``. The towns and
    people offered are those of decisions the reader may see."""

    status = django_filters.ChoiceFilter(
        field_name="decision_status", label=_("Status"), choices=DecisionStatus.choices,
        empty_label=_("Alle"),
    )  # fmt: skip
    verantwortlich = django_filters.ModelChoiceFilter(
        label=_("Verantwortlich"), queryset=Person.objects.none(), method="filter_person",
        empty_label=_("Alle Personen"),
    )  # fmt: skip
    kommune = django_filters.ModelChoiceFilter(
        field_name="affected_municipalities", label=_("Kommune"),
        queryset=MunicipalityPage.objects.none(), empty_label=_("Alle Kommunen"),
        to_field_name="slug",
    )  # fmt: skip
    ueberfaellig = django_filters.ChoiceFilter(
        label=_("Frist"), choices=[("ja", _("Nur überfällige"))], empty_label=_("Alle"),
        method="filter_overdue",
    )  # fmt: skip

    class Meta:
        model = DecisionPage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, visibility: Visibility, section):
        super().__init__(data, queryset)
        decisions = visibility.apply(DecisionPage.objects.live().child_of(section))
        tasks = DecisionTask.objects.filter(page__in=decisions, responsible=OuterRef("pk"))
        self.filters["verantwortlich"].queryset = Person.objects.filter(
            Q(decisions__in=decisions) | Exists(tasks)
        ).distinct()
        self.filters["kommune"].queryset = visibility.apply(
            MunicipalityPage.objects.live().order_by("title")
        )

    def filter_person(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return decisions_of_person(queryset, value) if value else queryset

    def filter_overdue(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return overdue_decisions(queryset) if value == "ja" else queryset

    def applied(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` filtered by the valid parameters (unfiltered when any is invalid)."""
        return self.filter_queryset(queryset) if self.is_valid() else queryset
