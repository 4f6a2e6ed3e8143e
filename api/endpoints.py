"""The read API's endpoints: a listing and a detail view for processes, scenarios, decisions,
articles, towns and departments, plus one listing over every register entry.

Every queryset starts from live pages and passes ``visibility_of(request)`` — the reader is
the token's owner or the signed-in browser user (``api.urls`` authenticates before these
run). A page the reader may not see answers 404 exactly like one that does not exist, and
counts never include it.
"""

from __future__ import annotations

import math

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
from prozesse.visibility import visibility_of

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


@router.get(
    "/processes/",
    response=schemas.Paged[schemas.Entry],
    url_name="process_list",
    tags=["Prozesse"],
    summary="Prozesssteckbriefe",
)
def process_list(request: HttpRequest, filters: Query[schemas.CategoryFilters]):
    queryset = _entries(request, ProcessPage, filters)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    return _listing(request, queryset, filters)


@router.get(
    "/processes/{int:page_id}/",
    response={200: schemas.Process, **NOT_FOUND},
    url_name="process_detail",
    tags=["Prozesse"],
    summary="Ein Prozesssteckbrief",
)
def process_detail(request: HttpRequest, page_id: int):
    queryset = ProcessPage.objects.select_related(
        "municipality", "department", "content_owner"
    ).prefetch_related("tags", "it_systems")
    page = _get(request, queryset, page_id)
    return serialize.process(request, page, visibility_of(request))


@router.get(
    "/scenarios/",
    response=schemas.Paged[schemas.Entry],
    url_name="scenario_list",
    tags=["Notfallszenarien"],
    summary="Notfallszenarien",
)
def scenario_list(request: HttpRequest, filters: Query[schemas.CategoryFilters]):
    queryset = _entries(request, EmergencyScenarioPage, filters)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    return _listing(request, queryset, filters)


@router.get(
    "/scenarios/{int:page_id}/",
    response={200: schemas.Scenario, **NOT_FOUND},
    url_name="scenario_detail",
    tags=["Notfallszenarien"],
    summary="Ein Notfallszenario",
)
def scenario_detail(request: HttpRequest, page_id: int):
    queryset = EmergencyScenarioPage.objects.select_related(
        "municipality", "department", "content_owner"
    ).prefetch_related("tags")
    page = _get(request, queryset, page_id)
    return serialize.scenario(request, page, visibility_of(request))


@router.get(
    "/decisions/",
    response=schemas.Paged[schemas.Entry],
    url_name="decision_list",
    tags=["Beschlüsse"],
    summary="Beschlüsse",
)
def decision_list(request: HttpRequest, filters: Query[schemas.EntryFilters]):
    return _listing(request, _entries(request, DecisionPage, filters), filters)


@router.get(
    "/decisions/{int:page_id}/",
    response={200: schemas.Decision, **NOT_FOUND},
    url_name="decision_detail",
    tags=["Beschlüsse"],
    summary="Ein Beschluss",
)
def decision_detail(request: HttpRequest, page_id: int):
    queryset = DecisionPage.objects.select_related(
        "municipality", "department", "content_owner", "responsible_person",
        "responsible_department",
    ).prefetch_related("tags")  # fmt: skip
    page = _get(request, queryset, page_id)
    return serialize.decision(request, page, visibility_of(request))


@router.get(
    "/articles/",
    response=schemas.Paged[schemas.Entry],
    url_name="article_list",
    tags=["Wiki-Artikel"],
    summary="Wiki-Artikel",
)
def article_list(request: HttpRequest, filters: Query[schemas.ArticleFilters]):
    queryset = _entries(request, ArticlePage, filters)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return _listing(request, queryset, filters)


@router.get(
    "/articles/{int:page_id}/",
    response={200: schemas.Article, **NOT_FOUND},
    url_name="article_detail",
    tags=["Wiki-Artikel"],
    summary="Ein Wiki-Artikel",
)
def article_detail(request: HttpRequest, page_id: int):
    queryset = ArticlePage.objects.select_related(
        "municipality", "department", "content_owner"
    ).prefetch_related("tags")
    page = _get(request, queryset, page_id)
    return serialize.article(request, page, visibility_of(request))


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
