"""The read API's endpoints: a listing and a detail view for processes, scenarios, decisions,
articles, towns and departments, plus one listing over every register entry. The four register
page types' pairs are built from one table (``REGISTER_TYPES``).

Every queryset starts from live pages and passes ``visibility_of(request)`` — the reader is
the token's owner or the signed-in browser user (``api.urls`` authenticates before these
run). A page the reader may not see answers 404 exactly like one that does not exist, and
counts never include it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from api import schemas, serialize
from prozesse.entry_types import TYPE_KEYS
from prozesse.models import (
    ArticlePage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    ProcessPage,
    RegisterEntryPage,
)
from prozesse.visibility import Visibility, visibility_of

router = Router()

NOT_FOUND = {404: schemas.Error}


def _visible(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    return visibility_of(request).apply(queryset.live())


def _page(request: HttpRequest, queryset: QuerySet, params: schemas.PageParams) -> dict:
    """One page of ``queryset`` (already filtered and ordered) with the counts."""
    count = queryset.count()
    start = (params.page - 1) * params.page_size
    return {
        "count": count,
        "page": params.page,
        "pages": math.ceil(count / params.page_size),
        "page_size": params.page_size,
        "items": list(queryset[start : start + params.page_size]),
    }


def _get(request: HttpRequest, queryset: QuerySet, page_id: int):
    """The visible live page ``page_id`` of ``queryset``, else 404 (hidden or missing alike)."""
    page = None
    if 0 < page_id <= schemas.PAGE_ID_MAX:
        page = _visible(request, queryset).filter(pk=page_id).first()
    if page is None:
        raise Http404(_("Seite nicht gefunden."))
    return page


def _entries(request: HttpRequest, model: type[RegisterEntryPage], filters) -> QuerySet:
    queryset = (
        model.objects.select_related("municipality", "department")
        .prefetch_related("tags")
        .order_by("title", "pk")
    )
    if filters.town:
        queryset = queryset.filter(municipality__slug=filters.town)
    if filters.department is not None:
        queryset = queryset.filter(department_id=filters.department)
    if filters.status:
        queryset = queryset.filter(register_status=filters.status)
    return _visible(request, queryset)


def _listing(request: HttpRequest, queryset: QuerySet, params: schemas.PageParams) -> dict:
    result = _page(request, queryset, params)
    result["items"] = serialize.entries(request, result["items"])
    return result


# ------------------------------------------------------------------------- register pages


@router.get(
    "/entries/",
    response=schemas.Paged[schemas.Entry],
    url_name="entry_list",
    tags=["Register"],
    summary="Alle Registereinträge",
)
def entry_list(request: HttpRequest, filters: Query[schemas.RegisterFilters]):
    """Processes, scenarios, decisions and articles in one listing (``type`` narrows it)."""
    queryset = _entries(request, RegisterEntryPage, filters)
    if filters.type:
        model = TYPE_KEYS.get(filters.type)
        queryset = queryset.type(model) if model is not None else queryset.none()
    return _listing(request, queryset, filters)


@dataclass(frozen=True)
class RegisterType:
    """One register page type's pair of endpoints: ``/<path>/`` and ``/<path>/{page_id}/``."""

    path: str
    name: str  # the views' names: ``<name>_list`` and ``<name>_detail`` (URL and operation ids)
    model: type[RegisterEntryPage]
    tag: str
    list_summary: str
    detail_summary: str
    filters: type[schemas.EntryFilters]
    filter_field: str | None  # the filter of ``filters`` beyond ``EntryFilters``, a model field
    schema: type
    serializer: Callable[[HttpRequest, RegisterEntryPage, Visibility], dict]
    select_related: tuple[str, ...] = ()  # beyond municipality, department and content owner
    prefetch_related: tuple[str, ...] = ()  # beyond tags


REGISTER_TYPES = (
    RegisterType(
        path="processes",
        name="process",
        model=ProcessPage,
        tag="Prozesse",
        list_summary="Prozesssteckbriefe",
        detail_summary="Ein Prozesssteckbrief",
        filters=schemas.CategoryFilters,
        filter_field="category",
        schema=schemas.Process,
        serializer=serialize.process,
        prefetch_related=("it_systems",),
    ),
    RegisterType(
        path="scenarios",
        name="scenario",
        model=EmergencyScenarioPage,
        tag="Notfallszenarien",
        list_summary="Notfallszenarien",
        detail_summary="Ein Notfallszenario",
        filters=schemas.CategoryFilters,
        filter_field="category",
        schema=schemas.Scenario,
        serializer=serialize.scenario,
    ),
    RegisterType(
        path="decisions",
        name="decision",
        model=DecisionPage,
        tag="Beschlüsse",
        list_summary="Beschlüsse",
        detail_summary="Ein Beschluss",
        filters=schemas.EntryFilters,
        filter_field=None,
        schema=schemas.Decision,
        serializer=serialize.decision,
        select_related=("responsible_person", "responsible_department"),
    ),
    RegisterType(
        path="articles",
        name="article",
        model=ArticlePage,
        tag="Wiki-Artikel",
        list_summary="Wiki-Artikel",
        detail_summary="Ein Wiki-Artikel",
        filters=schemas.ArticleFilters,
        filter_field="kind",
        schema=schemas.Article,
        serializer=serialize.article,
    ),
)


def _named(view: Callable, name: str, annotations: dict) -> Callable:
    """``view`` under ``name`` (django-ninja derives the operation id from the module and the
    function name) with real annotations (it reads the parameters' types from them)."""
    view.__name__ = view.__qualname__ = name
    view.__annotations__ = annotations
    return view


def _add_register_endpoints(kind: RegisterType) -> None:
    def listing(request, filters):
        queryset = _entries(request, kind.model, filters)
        value = getattr(filters, kind.filter_field) if kind.filter_field else None
        if value:
            queryset = queryset.filter(**{kind.filter_field: value})
        return _listing(request, queryset, filters)

    def detail(request, page_id):
        queryset = kind.model.objects.select_related(
            "municipality", "department", "content_owner", *kind.select_related
        ).prefetch_related("tags", *kind.prefetch_related)
        page = _get(request, queryset, page_id)
        return kind.serializer(request, page, visibility_of(request))

    list_name, detail_name = f"{kind.name}_list", f"{kind.name}_detail"
    router.get(
        f"/{kind.path}/",
        response=schemas.Paged[schemas.Entry],
        url_name=list_name,
        tags=[kind.tag],
        summary=kind.list_summary,
    )(_named(listing, list_name, {"request": HttpRequest, "filters": Query[kind.filters]}))
    router.get(
        f"/{kind.path}/{{int:page_id}}/",
        response={200: kind.schema, **NOT_FOUND},
        url_name=detail_name,
        tags=[kind.tag],
        summary=kind.detail_summary,
    )(_named(detail, detail_name, {"request": HttpRequest, "page_id": int}))


for _kind in REGISTER_TYPES:
    _add_register_endpoints(_kind)


# --------------------------------------------------------------------------- organisation


@router.get(
    "/towns/",
    response=schemas.Paged[schemas.Town],
    url_name="town_list",
    tags=["Organisation"],
    summary="Kommunen",
)
def town_list(request: HttpRequest, params: Query[schemas.PageParams]):
    queryset = _visible(request, MunicipalityPage.objects.order_by("title", "pk"))
    result = _page(request, queryset, params)
    result["items"] = [serialize.town(request, page) for page in result["items"]]
    return result


@router.get(
    "/towns/{int:page_id}/",
    response={200: schemas.TownDetail, **NOT_FOUND},
    url_name="town_detail",
    tags=["Organisation"],
    summary="Eine Kommune mit ihren Fachbereichen",
)
def town_detail(request: HttpRequest, page_id: int):
    page = _get(request, MunicipalityPage.objects.all(), page_id)
    departments = _visible(request, DepartmentPage.objects.child_of(page).order_by("title"))
    return serialize.town_detail(request, page, departments)


def _towns_of(departments: list[DepartmentPage]) -> dict[str, MunicipalityPage]:
    """Parent town of each department by its tree path, in one query."""
    paths = {page.path[: -DepartmentPage.steplen] for page in departments}
    return {town.path: town for town in MunicipalityPage.objects.filter(path__in=paths)}


@router.get(
    "/departments/",
    response=schemas.Paged[schemas.Department],
    url_name="department_list",
    tags=["Organisation"],
    summary="Fachbereiche",
)
def department_list(request: HttpRequest, filters: Query[schemas.DepartmentFilters]):
    queryset = DepartmentPage.objects.order_by("title", "pk")
    if filters.town:
        town = MunicipalityPage.objects.filter(slug=filters.town).first()
        queryset = queryset.child_of(town) if town is not None else queryset.none()
    result = _page(request, _visible(request, queryset), filters)
    towns = _towns_of(result["items"])
    result["items"] = [
        serialize.department(request, page, towns.get(page.path[: -DepartmentPage.steplen]))
        for page in result["items"]
    ]
    return result


@router.get(
    "/departments/{int:page_id}/",
    response={200: schemas.DepartmentDetail, **NOT_FOUND},
    url_name="department_detail",
    tags=["Organisation"],
    summary="Ein Fachbereich",
)
def department_detail(request: HttpRequest, page_id: int):
    page = _get(request, DepartmentPage.objects.all(), page_id)
    town = _towns_of([page]).get(page.path[: -DepartmentPage.steplen])
    count = _visible(request, RegisterEntryPage.objects.filter(department=page)).count()
    return {
        **serialize.department(request, page, town),
        "description": page.description,
        "entry_count": count,
    }
