"""Register pages as the read API's JSON (the shapes of ``api.schemas``).

Only what the reader may see goes in: the pages themselves are filtered by the endpoints, and
every link to *another* page here (related processes, a scenario's processes, pages and towns a
decision affects, the department that implements it, processes embedded in an article) passes
``Visibility`` again — the same rule as the page templates.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from prozesse.entry_types import type_key_for
from prozesse.models import (
    ArticlePage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    ProcessPage,
    RegisterEntryPage,
    ScenarioProcess,
)
from prozesse.models.base import status_labels
from prozesse.visibility import Visibility

#: URL name (in the ``api_v1`` namespace) of each page type's detail endpoint.
DETAIL_ROUTES: dict[type[Page], str] = {
    ProcessPage: "process_detail",
    EmergencyScenarioPage: "scenario_detail",
    DecisionPage: "decision_detail",
    ArticlePage: "article_detail",
    MunicipalityPage: "town_detail",
    DepartmentPage: "department_detail",
}


def choice(value, label) -> dict | None:
    if value in (None, ""):
        return None
    return {"value": str(value), "label": str(label)}


def field_choice(instance: Model, field: str) -> dict | None:
    return choice(getattr(instance, field), getattr(instance, f"get_{field}_display")())


def absolute_url(request: HttpRequest, page: Page) -> str | None:
    url = page.get_url(request=request)
    return request.build_absolute_uri(url) if url else None


def api_url(request: HttpRequest, model: type[Page], pk: int) -> str:
    for klass, name in DETAIL_ROUTES.items():
        if issubclass(model, klass):
            return request.build_absolute_uri(reverse(f"api_v1:{name}", args=[pk]))
    raise LookupError(model)


def html(value: str) -> str:
    """Rich text as the site renders it (internal links expanded)."""
    return expand_db_html(value) if value else ""


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def town_ref(town: MunicipalityPage | None) -> dict | None:
    if town is None:
        return None
    return {"id": town.pk, "title": town.title, "slug": town.slug, "code": town.code}


def department_ref(department: DepartmentPage | None) -> dict | None:
    if department is None:
        return None
    return {"id": department.pk, "title": department.title, "code": department.code}


def person_ref(person) -> dict | None:
    if person is None:
        return None
    return {"name": person.name, "role": person.role}


def type_choice(model: type[Page]) -> dict | None:
    return choice(type_key_for(model), model._meta.verbose_name)


def page_refs(request: HttpRequest, pages: Iterable[Page], visibility: Visibility) -> list[dict]:
    """Links to the live pages of ``pages`` the reader may see."""
    refs = []
    for page in pages:
        if not page.live or not visibility.allows(page):
            continue
        model = page.specific_class or type(page)
        refs.append(
            {
                "id": page.pk,
                "title": page.title,
                "type": type_choice(model),
                "url": absolute_url(request, page),
            }
        )
    return refs


# ------------------------------------------------------------------------- register pages


def entry(request: HttpRequest, page: RegisterEntryPage, labels: dict[str, str]) -> dict:
    """The listing fields of any register entry (specific or the common base page)."""
    model = page.specific_class or type(page)
    return {
        "id": page.pk,
        "title": page.title,
        "type": type_choice(model),
        "url": absolute_url(request, page),
        "api_url": api_url(request, model, page.pk),
        "town": town_ref(page.municipality),
        "department": department_ref(page.department),
        "status": choice(page.register_status, labels.get(page.register_status, "")),
        "summary": page.summary,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "first_published_at": page.first_published_at,
        "last_change": page.last_change,
        "next_review_date": page.next_review_date,
    }


def entries(request: HttpRequest, pages: Iterable[RegisterEntryPage]) -> list[dict]:
    labels = status_labels()
    return [entry(request, page, labels) for page in pages]


def _steps(page: ProcessPage) -> list[dict]:
    steps = []
    for block in page.steps:
        value = block.value
        system = value.get("it_system")
        steps.append(
            {
                "name": value.get("name") or "",
                "responsible_role": value.get("responsible_role") or "",
                "it_system": system.name if system is not None else None,
                "description": value.get("description") or "",
                "duration": value.get("duration") or "",
            }
        )
    return steps


def _legal_bases(request: HttpRequest, page: ProcessPage) -> list[dict]:
    bases = []
    for block in page.legal_bases:
        value = block.value
        link = value.link()
        bases.append(
            {
                "citation": value.citation(),
                "title": value.display_title(),
                "url": request.build_absolute_uri(link) if link.startswith("/") else link,
            }
        )
    return bases


def process(request: HttpRequest, page: ProcessPage, visibility: Visibility) -> dict:
    related = [
        link.process
        for link in page.related_process_links.select_related("process").order_by("sort_order")
    ]
    scenarios = EmergencyScenarioPage.objects.live().filter(
        pk__in=ScenarioProcess.objects.filter(process=page).values("page")
    )
    url = absolute_url(request, page)
    return {
        **entry(request, page, status_labels()),
        "register_key": page.register_key,
        "category": field_choice(page, "category"),
        "service_key": page.service_key,
        "owner": person_ref(page.content_owner),
        "deputies": [person_ref(link.person) for link in page.deputies.select_related("person")],
        "trigger": page.trigger,
        "outcome": page.outcome,
        "inputs": lines(page.inputs),
        "outputs": lines(page.outputs),
        "steps": _steps(page),
        "legal_bases": _legal_bases(request, page),
        "it_systems": sorted(system.name for system in page.it_systems.all()),
        "case_volume": page.case_volume,
        "processing_minutes": page.processing_minutes,
        "maturity": field_choice(page, "maturity"),
        "criticality": field_choice(page, "criticality"),
        "rto_hours": page.rto_hours,
        "share_intermunicipal": page.share_intermunicipal,
        "related_processes": page_refs(request, related, visibility),
        "scenarios": page_refs(request, visibility.apply(scenarios).order_by("title"), visibility),
        "bpmn_url": f"{url}export/bpmn/" if url and page.bpmn_file else None,
        "profile_pdf_url": f"{url}export/pdf/" if url else None,
    }


def scenario(request: HttpRequest, page: EmergencyScenarioPage, visibility: Visibility) -> dict:
    alarm_chain = []
    for block in page.alarm_chain:
        value = block.value
        person, substitute = value.get("person"), value.get("substitute")
        alarm_chain.append(
            {
                "role": value.get("role") or "",
                "person": person.name if person is not None else None,
                "substitute": substitute.name if substitute is not None else None,
                "phone": value.get("phone") or "",
                "availability": value.get("availability") or "",
            }
        )
    links = page.process_links.select_related("process").order_by("sort_order")
    return {
        **entry(request, page, status_labels()),
        "category": field_choice(page, "category"),
        "owner": person_ref(page.content_owner),
        "description_html": html(page.description),
        "triggers_html": html(page.triggers),
        "alarm_chain": alarm_chain,
        "immediate_actions": [str(block.value) for block in page.immediate_actions],
        "continuity_html": html(page.continuity),
        "recovery_html": html(page.recovery),
        "resources_html": html(page.resources),
        "last_exercise_date": page.last_exercise_date,
        "exercise_result": page.exercise_result,
        "processes": page_refs(request, (link.process for link in links), visibility),
    }


def decision(request: HttpRequest, page: DecisionPage, visibility: Visibility) -> dict:
    department = page.responsible_department
    if department is not None and not (department.live and visibility.allows(department)):
        department = None
    targets = [link.target for link in page.affected_page_links.select_related("target")]
    towns = [
        town
        for town in page.affected_municipalities.order_by("title")
        if town.live and visibility.allows(town)
    ]
    return {
        **entry(request, page, status_labels()),
        "decision_number": page.decision_number,
        "meeting_date": page.meeting_date,
        "paper_type": page.paper_type,
        "decision_text_html": html(page.decision_text),
        "rationale_html": html(page.rationale),
        "responsible_person": person_ref(page.responsible_person),
        "responsible_department": department_ref(department),
        "due_date": page.due_date,
        "votes": {"yes": page.votes_yes, "no": page.votes_no, "abstain": page.votes_abstain},
        "affected_towns": [town_ref(town) for town in towns],
        "affected_pages": page_refs(request, targets, visibility),
    }


def article(request: HttpRequest, page: ArticlePage, visibility: Visibility) -> dict:
    # Rendered like the page: an embedded process the reader may not see is left out there.
    body = page.body.render_as_block(context={"request": request, "page": page})
    return {
        **entry(request, page, status_labels()),
        "kind": field_choice(page, "kind"),
        "owner": person_ref(page.content_owner),
        "body_html": str(body),
    }


# --------------------------------------------------------------------------- organisation


def town(request: HttpRequest, page: MunicipalityPage) -> dict:
    return {
        **town_ref(page),
        "ags": page.ags,
        "kind": field_choice(page, "kind"),
        "state": field_choice(page, "state"),
        "url": absolute_url(request, page),
        "api_url": api_url(request, MunicipalityPage, page.pk),
    }


def town_detail(
    request: HttpRequest, page: MunicipalityPage, departments: Iterable[DepartmentPage]
) -> dict:
    return {
        **town(request, page),
        "description": page.description,
        "departments": [department_ref(department) for department in departments],
    }


def department(request: HttpRequest, page: DepartmentPage, parent: MunicipalityPage | None) -> dict:
    return {
        **department_ref(page),
        "town": town_ref(parent),
        "url": absolute_url(request, page),
        "api_url": api_url(request, DepartmentPage, page.pk),
    }
