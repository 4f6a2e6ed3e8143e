"""The ``provision_*`` functions: groups, page permissions and workflows of departments,
municipalities, the committee and the global roles.

Provisioning sets the defined state and reports every change; a second run reports none. One
function per job, used by the management commands, the admin view ("Rollen und Freigabe")
and the demo (``demo.accounts``). Every approval step it makes is a four-eyes step
(``prozesse.models.approval``); a plain GroupApprovalTask found in its place is converted
(same row, history kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow

from prozesse.models import (
    CommitteeSectionPage,
    DepartmentPage,
    FourEyesApprovalTask,
    IntermunicipalApprovalTask,
    MunicipalityPage,
    MunicipalityStaffGroup,
)
from prozesse.roles.attached import (
    department_names,
    first_approval_task,
    group_with_rights_on,
    only_group,
    own_workflow,
)
from prozesse.roles.definitions import (
    ADMIN_ACCESS,
    COMMITTEE_PAGE_ACTIONS,
    COMMITTEE_TASK_NAME,
    COMMITTEE_WORKFLOW_NAME,
    EDITOR_COLLECTION_PERMISSIONS,
    EDITOR_PAGE_ACTIONS,
    KNOWLEDGE_ALL_NAME,
    KNOWLEDGE_MODEL_PERMISSIONS,
    KNOWLEDGE_NAME,
    KNOWLEDGE_PAGE_ACTIONS,
    REVIEWER_PAGE_ACTIONS,
    STAFF_NAME,
    STAFF_TOWN_NAME,
    WAGTAIL_DEFAULT_GROUPS,
    contributed_permissions,
)
from prozesse.roles.intermunicipal import intermunicipal_task, provision_intermunicipal_step
from prozesse.roles.report import Report
from prozesse.roles.sync import (
    activate,
    assign_workflow,
    ensure_named,
    four_eyes,
    free_name,
    grant_collection_permissions,
    grant_model_permissions,
    sync_page_permissions,
    sync_task_groups,
    sync_workflow_tasks,
)
from prozesse.roles.tree import ensure_committee_section, ensure_department_page, home_page


@dataclass
class DepartmentRoles:
    department: DepartmentPage
    editors: Group
    reviewers: Group
    workflow: Workflow
    review_task: GroupApprovalTask


@dataclass
class CommitteeRoles:
    section: CommitteeSectionPage
    members: Group
    workflow: Workflow
    task: GroupApprovalTask
    intermunicipal_task: IntermunicipalApprovalTask


@transaction.atomic
def provision_department_roles(
    department: DepartmentPage, report: Report | None = None
) -> DepartmentRoles:
    """Groups, page permissions and workflow of an existing department page."""
    report = report if report is not None else Report()
    department = department.specific
    names = department_names(department)
    key = names["disambiguation"]

    workflow = own_workflow(department)
    review_task = first_approval_task(workflow)
    # Without its workflow step, the reviewers' group is the one with the right to unlock.
    reviewers = only_group(review_task, department) or group_with_rights_on(
        department, REVIEWER_PAGE_ACTIONS, [], names["reviewers"], required="unlock"
    )
    editors = group_with_rights_on(
        department, EDITOR_PAGE_ACTIONS, exclude=[reviewers], expected_name=names["editors"]
    )

    editors = ensure_named(editors, Group, names["editors"], key, "Gruppe", report)
    reviewers = ensure_named(reviewers, Group, names["reviewers"], key, "Gruppe", report)
    sync_page_permissions(editors, department, EDITOR_PAGE_ACTIONS, report)
    sync_page_permissions(reviewers, department, REVIEWER_PAGE_ACTIONS, report)
    for role, group in (("redaktion", editors), ("freigabe", reviewers)):
        grant_model_permissions(group, (*ADMIN_ACCESS, *contributed_permissions(role)), report)
        grant_collection_permissions(group, EDITOR_COLLECTION_PERMISSIONS, report)

    review_task = ensure_named(
        review_task, FourEyesApprovalTask, names["reviewers"], key, "Prüfschritt", report
    )
    review_task = four_eyes(review_task, report)
    activate(review_task, "Prüfschritt", report)
    sync_task_groups(review_task, [reviewers], report)
    workflow = ensure_named(workflow, Workflow, names["workflow"], key, "Workflow", report)
    activate(workflow, "Workflow", report)
    steps = [review_task]
    if (second := intermunicipal_task()) is not None:
        steps.append(second)
    sync_workflow_tasks(workflow, steps, report)
    assign_workflow(department, workflow, report)
    return DepartmentRoles(department, editors, reviewers, workflow, review_task)


def provision_department(
    municipality: MunicipalityPage,
    title: str,
    *,
    code: str | None = None,
    report: Report | None = None,
) -> DepartmentRoles:
    """``manage.py provision_department``: the department page, then its roles."""
    report = report if report is not None else Report()
    with transaction.atomic():
        department = ensure_department_page(municipality, title, code=code, report=report)
        return provision_department_roles(department, report)


@transaction.atomic
def provision_municipality_roles(
    municipality: MunicipalityPage, report: Report | None = None
) -> Group:
    """The municipality's knowledge-management group (reads the municipality in the admin)."""
    report = report if report is not None else Report()
    name = KNOWLEDGE_NAME.format(municipality=municipality.title)
    group = group_with_rights_on(
        municipality, KNOWLEDGE_PAGE_ACTIONS, exclude=[], expected_name=name
    )
    group = ensure_named(group, Group, name, municipality.code, "Gruppe", report)
    sync_page_permissions(group, municipality, KNOWLEDGE_PAGE_ACTIONS, report)
    grant_model_permissions(
        group, (*KNOWLEDGE_MODEL_PERMISSIONS, *contributed_permissions("wissen_kommune")), report
    )
    provision_municipality_staff(municipality, report)
    return group


def municipality_staff_group(municipality: MunicipalityPage) -> Group | None:
    """ "Mitarbeitende <Kommune>" of ``municipality``, once provisioned."""
    link = MunicipalityStaffGroup.objects.filter(municipality=municipality).first()
    return link.group if link is not None else None


@transaction.atomic
def provision_municipality_staff(
    municipality: MunicipalityPage, report: Report | None = None
) -> Group:
    """ "Mitarbeitende <Kommune>": all staff of the town (no rights of its own; pages are
    restricted to it). Attached to the municipality by MunicipalityStaffGroup."""
    report = report if report is not None else Report()
    name = STAFF_TOWN_NAME.format(municipality=municipality.title)
    group = municipality_staff_group(municipality)
    if group is None:
        existing = Group.objects.filter(name=name, staff_of__isnull=True).first()
        if existing is not None and not existing.page_permissions.exists():
            group = existing
            report.note(f"Gruppe übernommen: {name}")
        else:
            group = Group.objects.create(name=free_name(Group, name, None, municipality.code))
            report.note(f"Gruppe angelegt: {group.name}")
        MunicipalityStaffGroup.objects.create(municipality=municipality, group=group)
    else:
        group = ensure_named(group, Group, name, municipality.code, "Gruppe", report)
    grant_model_permissions(group, contributed_permissions("mitarbeitende"), report)
    return group


def provision_municipality(
    municipality: MunicipalityPage,
    departments: Sequence[tuple[str, str | None]] = (),
    report: Report | None = None,
) -> list[DepartmentRoles]:
    """``manage.py provision_municipality``: knowledge management of the municipality, the
    listed departments (title, code) and every other department it already has."""
    report = report if report is not None else Report()
    with transaction.atomic():
        provision_municipality_roles(municipality, report)
        pages = [
            ensure_department_page(municipality, title, code=code, report=report)
            for title, code in departments
        ]
        pages += [
            page
            for page in DepartmentPage.objects.child_of(municipality).order_by("path")
            if page.pk not in {p.pk for p in pages}
        ]
        return [provision_department_roles(page, report) for page in pages]


@transaction.atomic
def provision_global_roles(report: Report | None = None) -> dict[str, Group]:
    """ "Wissensmanagement (alle Kommunen)" (reads the whole tree) and "Mitarbeitende"."""
    report = report if report is not None else Report()
    knowledge = Group.objects.filter(name=KNOWLEDGE_ALL_NAME).first()
    if knowledge is None:
        knowledge = Group.objects.create(name=KNOWLEDGE_ALL_NAME)
        report.note(f"Gruppe angelegt: {KNOWLEDGE_ALL_NAME}")
    sync_page_permissions(knowledge, home_page(), KNOWLEDGE_PAGE_ACTIONS, report)
    grant_model_permissions(
        knowledge, (*KNOWLEDGE_MODEL_PERMISSIONS, *contributed_permissions("wissen_alle")), report
    )
    staff, created = Group.objects.get_or_create(name=STAFF_NAME)
    if created:
        report.note(f"Gruppe angelegt: {STAFF_NAME}")
    grant_model_permissions(staff, contributed_permissions("mitarbeitende"), report)
    _disarm_wagtail_default_groups(report)
    return {"wissen_alle": knowledge, "mitarbeitende": staff}


def _disarm_wagtail_default_groups(report: Report) -> None:
    """Wagtail's default groups may publish anywhere: a member would bypass the four-eyes
    workflows and every town boundary. Provisioning takes their page rights away (the groups
    and their members stay; administrators give people our roles instead)."""
    for name in WAGTAIL_DEFAULT_GROUPS:
        rights = GroupPagePermission.objects.filter(group__name=name)
        if rights.exists():
            rights.delete()
            report.note(
                f"Wagtail-Standardgruppe „{name}“: Seitenrechte entzogen (sie umgingen Freigabe "
                "und Kommunengrenzen)"
            )


@transaction.atomic
def provision_committee_roles(
    section: CommitteeSectionPage, report: Report | None = None
) -> CommitteeRoles:
    """The committee group, its rights on the section, the decision workflow, and the
    intermunicipal step in every department workflow."""
    report = report if report is not None else Report()
    section = section.specific
    committee = section.title
    workflow = own_workflow(section)
    task = first_approval_task(workflow)
    members = only_group(task, section) or group_with_rights_on(
        section, COMMITTEE_PAGE_ACTIONS, exclude=[], expected_name=committee
    )
    members = ensure_named(members, Group, committee, str(section.pk), "Gruppe", report)
    sync_page_permissions(members, section, COMMITTEE_PAGE_ACTIONS, report)
    grant_model_permissions(
        members, (*ADMIN_ACCESS, *contributed_permissions("lenkungskreis")), report
    )
    grant_collection_permissions(members, EDITOR_COLLECTION_PERMISSIONS, report)

    task = ensure_named(
        task,
        FourEyesApprovalTask,
        COMMITTEE_TASK_NAME.format(committee=committee),
        str(section.pk),
        "Prüfschritt",
        report,
    )
    task = four_eyes(task, report)
    activate(task, "Prüfschritt", report)
    sync_task_groups(task, [members], report)
    workflow = ensure_named(
        workflow,
        Workflow,
        COMMITTEE_WORKFLOW_NAME.format(committee=committee),
        str(section.pk),
        "Workflow",
        report,
    )
    activate(workflow, "Workflow", report)
    sync_workflow_tasks(workflow, [task], report)
    assign_workflow(section, workflow, report)

    second = provision_intermunicipal_step(members, report)
    return CommitteeRoles(section, members, workflow, task, second)


def provision_committee(title: str | None = None, report: Report | None = None) -> CommitteeRoles:
    """``manage.py provision_committee``: the committee section page, then its roles."""
    report = report if report is not None else Report()
    with transaction.atomic():
        section = ensure_committee_section(title, report=report)
        return provision_committee_roles(section, report)


@transaction.atomic
def provision_all(report: Report | None = None) -> Report:
    """``manage.py provision_all``: every role over the existing tree (creates no pages).
    Committees come first, so department workflows get their intermunicipal step."""
    report = report if report is not None else Report()
    provision_global_roles(report)
    for section in CommitteeSectionPage.objects.order_by("path"):
        provision_committee_roles(section, report)
    for municipality in MunicipalityPage.objects.order_by("path"):
        provision_municipality_roles(municipality, report)
    for department in DepartmentPage.objects.order_by("path"):
        provision_department_roles(department, report)
    return report
