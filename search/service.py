"""One search function for every entry point: the search page, the JSON API and commands.

It searches live register entries (processes, scenarios, decisions, articles) with the
configured backend, applies the filters, computes facets and, when the search engine cannot be
reached, answers from the database backend and says so (``degraded``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from prozesse.models import (
    ArticlePage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    ProcessPage,
    RegisterEntryPage,
)
from prozesse.models.base import status_labels

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20

#: URL value of the ``typ`` filter → page model.
TYPE_KEYS: dict[str, type[RegisterEntryPage]] = {
    "prozess": ProcessPage,
    "notfallszenario": EmergencyScenarioPage,
    "beschluss": DecisionPage,
    "artikel": ArticlePage,
}


def _search_engine_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "the search engine is unreachable or failed", for both clients."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:  # pragma: no cover - optional client
        pass
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [ApiError, TransportError]
    except ImportError:  # pragma: no cover - optional client
        pass
    return tuple(errors)


SEARCH_ENGINE_ERRORS = _search_engine_errors()


@dataclass(frozen=True)
class SearchFilters:
    kommune: str = ""  # municipality slug
    fachbereich: int | None = None  # department page id
    typ: str = ""  # key of TYPE_KEYS
    status: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    query: str
    filters: SearchFilters
    page: PaginatorPage
    count: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    degraded: bool = False
    message: str = ""


def clean_query(raw: str) -> str:
    """Normalise user input: collapse whitespace, cap the length (a 10 kB paste is fine)."""
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


def _base_queryset(filters: SearchFilters):
    queryset = RegisterEntryPage.objects.live()
    if filters.typ in TYPE_KEYS:
        queryset = queryset.type(TYPE_KEYS[filters.typ])
    if filters.kommune:
        municipality = MunicipalityPage.objects.filter(slug=filters.kommune).first()
        queryset = queryset.filter(municipality_id=municipality.pk if municipality else -1)
    if filters.fachbereich:
        queryset = queryset.filter(department_id=filters.fachbereich)
    if filters.status:
        queryset = queryset.filter(register_status=filters.status)
    return queryset


def _run(query: str, filters: SearchFilters, page_number, backend_name: str):
    backend = get_search_backend(backend_name)
    queryset = _base_queryset(filters)
    results = (
        backend.search(query, queryset, operator="and")
        if query
        else queryset.order_by("-last_published_at")
    )
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(page_number)
    facets = _facets(backend, query, filters) if query else {}
    return page, paginator.count, facets


def _facets(backend, query: str, filters: SearchFilters) -> dict[str, list[FacetValue]]:
    queryset = _base_queryset(filters)
    results = backend.search(query, queryset, operator="and")
    municipalities = results.facet("municipality")
    departments = results.facet("department")
    statuses = results.facet("register_status")
    types = results.facet("content_type")

    municipality_names = dict(
        MunicipalityPage.objects.filter(pk__in=[k for k in municipalities if k]).values_list(
            "pk", "slug"
        )
    )
    municipality_titles = dict(
        MunicipalityPage.objects.filter(pk__in=municipality_names).values_list("slug", "title")
    )
    department_titles = dict(
        DepartmentPage.objects.filter(pk__in=[k for k in departments if k]).values_list(
            "pk", "title"
        )
    )
    type_by_ct = {
        ContentType.objects.get_for_model(model).pk: key for key, model in TYPE_KEYS.items()
    }
    labels = status_labels()
    return {
        "kommune": [
            FacetValue(
                municipality_names[pk],
                municipality_titles[municipality_names[pk]],
                count,
                municipality_names[pk] == filters.kommune,
            )
            for pk, count in municipalities.items()
            if pk in municipality_names
        ],
        "fachbereich": [
            FacetValue(str(pk), department_titles[pk], count, pk == filters.fachbereich)
            for pk, count in departments.items()
            if pk in department_titles
        ],
        "typ": [
            FacetValue(
                type_by_ct[ct],
                str(TYPE_KEYS[type_by_ct[ct]]._meta.verbose_name),
                count,
                type_by_ct[ct] == filters.typ,
            )
            for ct, count in types.items()
            if ct in type_by_ct
        ],
        "status": [
            FacetValue(value, labels.get(value, value), count, value == filters.status)
            for value, count in statuses.items()
            if value
        ],
    }


def search_register(
    query: str, filters: SearchFilters | None = None, page_number=1
) -> SearchOutcome:
    """Search live register entries; falls back to the database backend on an outage."""
    query = clean_query(query)
    filters = filters or SearchFilters()
    try:
        page, count, facets = _run(query, filters, page_number, "default")
        return SearchOutcome(query, filters, page, count, facets)
    except SEARCH_ENGINE_ERRORS as error:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.error("Search engine unavailable, answering from the database: %s", error)
    page, count, facets = _run(query, filters, page_number, "fallback")
    return SearchOutcome(
        query,
        filters,
        page,
        count,
        facets,
        degraded=True,
        message=_(
            "Die Volltextsuche ist gerade nicht erreichbar. Die Ergebnisse stammen aus der "
            "einfacheren Datenbanksuche und können unvollständig sein."
        ),
    )
