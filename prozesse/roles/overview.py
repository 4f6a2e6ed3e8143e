"""What the admin screen "Rollen und Freigabe" shows about the provisioned roles: every
department with its groups and workflow, and the four-eyes steps lacking a second reviewer.
Both are read in a constant number of queries, with the rules provisioning uses to find what
is attached to a page (``prozesse.roles.attached``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from prozesse.models import DepartmentPage, FourEyesApprovalTask, MunicipalityPage
from prozesse.roles.attached import best_group, department_names
from prozesse.roles.definitions import EDITOR_PAGE_ACTIONS


@dataclass(frozen=True)
class DepartmentOverview:
    department: DepartmentPage
    municipality: MunicipalityPage | None
    editors: Group | None
    reviewers: Group | None
    workflow: Workflow | None


def department_overview() -> list[DepartmentOverview]:
    """Every department with its groups (annotated with ``members``) and workflow, None where
    not provisioned; in a constant number of queries, with the rules of provisioning."""
    departments = list(DepartmentPage.objects.order_by("path"))
    municipalities = {m.path: m for m in MunicipalityPage.objects.all()}
    links = {
        link.page_id: link
        for link in WorkflowPage.objects.filter(page__in=departments)
        .select_related("workflow")
        .annotate(shared=Count("workflow__workflow_pages"))
    }
    first_steps: dict[int, WorkflowTask] = {}
    for step in WorkflowTask.objects.filter(
        workflow__in=[link.workflow_id for link in links.values()]
    ).order_by("-sort_order"):
        first_steps[step.workflow_id] = step
    approvers: dict[int, list[int]] = {}
    for task_id, group_id in GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id__in=[step.task_id for step in first_steps.values()]
    ).values_list("groupapprovaltask_id", "group_id"):
        approvers.setdefault(task_id, []).append(group_id)
    grants = GroupPagePermission.objects.filter(page__in=departments).values_list(
        "page_id", "group_id", "permission__codename"
    )
    groups = {
        group.pk: group
        for group in Group.objects.filter(
            pk__in={group_id for _page, group_id, _codename in grants}
        ).annotate(
            members=Count("user"),
            active_members=Count("user", filter=Q(user__is_active=True)),
        )
    }
    held: dict[int, dict[Group, set[str]]] = {}
    for page_id, group_id, codename in grants:
        held.setdefault(page_id, {}).setdefault(groups[group_id], set()).add(codename)

    rows = []
    for department in departments:
        link = links.get(department.pk)
        workflow = link.workflow if link is not None and link.shared == 1 else None
        step = first_steps.get(workflow.pk) if workflow else None
        on_page = held.get(department.pk, {})
        reviewer_ids = approvers.get(step.task_id, []) if step else []
        reviewers = next((group for group in on_page if [group.pk] == reviewer_ids), None)
        editors = best_group(
            {group: rights for group, rights in on_page.items() if group != reviewers},
            EDITOR_PAGE_ACTIONS,
            department_names(department, municipalities)["editors"],
        )
        municipality = municipalities.get(department.path[: -department.steplen])
        rows.append(DepartmentOverview(department, municipality, editors, reviewers, workflow))
    return rows


@dataclass(frozen=True)
class ShortStep:
    """An approval step whose groups have fewer than two active members: whatever one of
    them submits, nobody may approve (four eyes)."""

    task: GroupApprovalTask
    groups: list[Group]
    active_members: int


def steps_without_second_reviewer() -> list[ShortStep]:
    """Every active four-eyes step used by an active workflow with fewer than two active
    members across its groups, by name; in a constant number of queries."""
    tasks = list(
        FourEyesApprovalTask.objects.filter(active=True, workflow_tasks__workflow__active=True)
        .distinct()
        .prefetch_related("groups")
        .order_by("name")
    )
    group_ids = {group.pk for task in tasks for group in task.groups.all()}
    members: dict[int, set[int]] = {}
    for group_id, user_id in (
        get_user_model()
        .groups.through.objects.filter(group_id__in=group_ids, user__is_active=True)
        .values_list("group_id", "user_id")
    ):
        members.setdefault(group_id, set()).add(user_id)
    short = []
    for task in tasks:
        groups = list(task.groups.all())
        active = len(set().union(*(members.get(group.pk, set()) for group in groups)))
        if active < 2:
            short.append(ShortStep(task, groups, active))
    return short
