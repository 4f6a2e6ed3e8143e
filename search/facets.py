"""Filters and facets of the register search: what the URL parameters mean, how they are
validated, and the labels shown for facet values.

Every facet may have several values (``?kommune=diez&kommune=montabaur``): values of one facet
are alternatives (OR), different facets narrow each other (AND). Facet counts are computed
"disjunctively": the counts of one facet apply all *other* selected filters, so choosing a
municipality still shows how many hits the other municipalities have.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from intranet.input_guards import parse_id
from prozesse.entry_types import TYPE_KEYS
from prozesse.models import (
    DepartmentPage,
    MunicipalityPage,
    ProcessCategory,
    ScenarioCategory,
)
from prozesse.models.base import status_labels

#: Facet name (= URL parameter) → heading, in display order.
FACET_TITLES = {
    "kommune": _("Kommune"),
    "fachbereich": _("Fachbereich"),
    "typ": _("Inhaltstyp"),
    "status": _("Status"),
    "kategorie": _("Kategorie"),
    "schlagwort": _("Schlagwort"),
}
FACET_NAMES = tuple(FACET_TITLES)

MAX_VALUES_PER_FACET = 10
MAX_VALUE_LENGTH = 100


def category_labels() -> dict[str, str]:
    return {
        value: str(label) for value, label in [*ProcessCategory.choices, *ScenarioCategory.choices]
    }


@dataclass(frozen=True)
class SearchFilters:
    kommune: tuple[str, ...] = ()  # municipality slugs
    fachbereich: tuple[str, ...] = ()  # department page ids
    typ: tuple[str, ...] = ()  # keys of TYPE_KEYS
    status: tuple[str, ...] = ()  # register_status values
    kategorie: tuple[str, ...] = ()  # process or scenario category values
    schlagwort: tuple[str, ...] = ()  # tag names

    @classmethod
    def from_querydict(cls, data: QueryDict) -> SearchFilters:
        """Read filters from request parameters; malformed values are dropped, never an error."""
        values = {}
        for name in FACET_NAMES:
            cleaned = []
            for raw in data.getlist(name)[:MAX_VALUES_PER_FACET]:
                value = " ".join(str(raw).split())[:MAX_VALUE_LENGTH]
                if not value or value in cleaned:
                    continue
                if name == "fachbereich" and parse_id(value) is None:
                    continue
                if name == "typ" and value not in TYPE_KEYS:
                    continue
                cleaned.append(value)
            values[name] = tuple(cleaned)
        return cls(**values)

    def active(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def __bool__(self) -> bool:
        return bool(self.active())

    def without(self, name: str, value: str | None = None) -> SearchFilters:
        """These filters minus one value (or the whole facet when ``value`` is None)."""
        current = getattr(self, name)
        kept = () if value is None else tuple(v for v in current if v != value)
        return replace(self, **{name: kept})

    def adding(self, name: str, value: str) -> SearchFilters:
        current = getattr(self, name)
        return self if value in current else replace(self, **{name: (*current, value)})

    def as_params(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.active().items() for value in values]


@dataclass
class FacetCatalog:
    """What is needed to translate between stored values (ids) and URL values (slugs) and to
    label facet values. Loaded once per search (one small query; content types are cached)."""

    municipality_slug_by_id: dict[int, str] = field(default_factory=dict)
    municipality_title_by_slug: dict[str, str] = field(default_factory=dict)
    municipality_title_by_path: dict[str, str] = field(default_factory=dict)
    municipality_path_by_id: dict[int, str] = field(default_factory=dict)
    type_key_by_content_type_id: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> FacetCatalog:
        catalog = cls()
        rows = MunicipalityPage.objects.values_list("pk", "slug", "title", "path")
        for pk, slug, title, path in rows:
            catalog.municipality_slug_by_id[pk] = slug
            catalog.municipality_title_by_slug[slug] = title
            catalog.municipality_title_by_path[path] = title
            catalog.municipality_path_by_id[pk] = path
        for key, model in TYPE_KEYS.items():
            content_type = ContentType.objects.get_for_model(model)
            catalog.type_key_by_content_type_id[content_type.pk] = key
        return catalog

    def municipality_ids(self, slugs) -> list[int]:
        return [pk for pk, slug in self.municipality_slug_by_id.items() if slug in slugs]

    def labels(self, facet_counts: dict[str, dict[str, int]], filters: SearchFilters) -> dict:
        """Labels for every value that is counted or selected."""
        department_ids = {
            int(value)
            for value in [*facet_counts.get("fachbereich", {}), *filters.fachbereich]
            if str(value).isdigit()
        }
        departments = _department_labels(department_ids, self.municipality_title_by_path)
        return {
            "kommune": self.municipality_title_by_slug,
            "fachbereich": departments,
            "typ": {key: str(model._meta.verbose_name) for key, model in TYPE_KEYS.items()},
            "status": status_labels(),
            "kategorie": category_labels(),
            "schlagwort": {},
        }


def _department_labels(
    department_ids: set[int], municipality_title_by_path: dict[str, str]
) -> dict[str, str]:
    """Department titles with their municipality ("Bürgerbüro (VG Diez)"): one query."""
    if not department_ids:
        return {}
    departments = DepartmentPage.objects.filter(pk__in=department_ids).values_list(
        "pk", "title", "path"
    )
    labels = {}
    for pk, title, path in departments:
        town = municipality_title_by_path.get(path[: -DepartmentPage.steplen])
        labels[str(pk)] = f"{title} ({town})" if town else title
    return labels
