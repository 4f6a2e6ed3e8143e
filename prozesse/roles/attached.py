"""Finding the groups, approval steps and workflow already attached to a page.

Groups, steps and workflows hang on their page through Wagtail's own page-keyed relations (the
workflow assigned to the page, the group page permissions, the groups of the workflow's first
approval step), not by name: renaming a page keeps everything attached. Rights added or
removed by hand do not detach a group either (``best_group``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from prozesse.models import DepartmentPage, IntermunicipalApprovalTask, MunicipalityPage
from prozesse.roles.definitions import DEPARTMENT_WORKFLOW_NAME, EDITORS_NAME, REVIEWERS_NAME
from prozesse.roles.tree import municipality_of


def own_workflow(page: Page) -> Workflow | None:
    """The workflow assigned to exactly this page, if no other page shares it."""
    link = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
    if link is None or link.workflow.workflow_pages.exclude(page=page).exists():
        return None
    return link.workflow


def first_approval_task(workflow: Workflow | None) -> GroupApprovalTask | None:
    """The workflow's first step if it is a GroupApprovalTask used by this workflow alone
    (never the shared intermunicipal step)."""
    if workflow is None:
        return None
    first = workflow.workflow_tasks.order_by("sort_order").select_related("task").first()
    if first is None:
        return None
    task = first.task.specific
    if not isinstance(task, GroupApprovalTask) or isinstance(task, IntermunicipalApprovalTask):
        return None
    if WorkflowTask.objects.filter(task=task).exclude(workflow=workflow).exists():
        return None
    return task


def only_group(task: GroupApprovalTask | None, page: Page) -> Group | None:
    """The task's approval group, if it is exactly one group with rights on ``page``."""
    if task is None:
        return None
    groups = list(task.groups.all())
    if len(groups) == 1 and groups[0].page_permissions.filter(page=page).exists():
        return groups[0]
    return None


def best_group(
    held: dict[Group, set[str]],
    actions: Sequence[str],
    expected_name: str,
    required: str | None = None,
) -> Group | None:
    """Among groups and the page permissions they hold on one page, the one that holds
    ``actions`` (and the ``required`` one among them): preferably the one called
    ``expected_name``, then the one with exactly these rights, then the closest match (the
    oldest on a tie). Rights added or removed by hand therefore do not detach a group from
    its page."""
    wanted = {f"{action}_page" for action in actions}
    best, best_rank = None, None
    for group, codenames in held.items():
        if not wanted & codenames or (required and f"{required}_page" not in codenames):
            continue
        rank = (group.name != expected_name, codenames != wanted, len(wanted - codenames), group.pk)
        if best_rank is None or rank < best_rank:
            best, best_rank = group, rank
    return best


def group_with_rights_on(
    page: Page,
    actions: Sequence[str],
    exclude: Iterable[Group | None],
    expected_name: str,
    required: str | None = None,
) -> Group | None:
    """The group attached to ``page`` for a role with ``actions`` (see ``best_group``)."""
    excluded = {group.pk for group in exclude if group is not None}
    held: dict[Group, set[str]] = {}
    for grant in (
        GroupPagePermission.objects.filter(page=page)
        .exclude(group_id__in=excluded)
        .select_related("group", "permission")
    ):
        held.setdefault(grant.group, set()).add(grant.permission.codename)
    return best_group(held, actions, expected_name, required)


def department_names(
    department: DepartmentPage, municipalities: dict[str, MunicipalityPage] | None = None
) -> dict[str, str]:
    """The names of a department's groups and workflow, and the key that tells apart
    departments of the same name (``municipalities`` by path saves the query)."""
    if municipalities is not None:
        municipality = municipalities.get(department.path[: -department.steplen])
    else:
        municipality = municipality_of(department)
    values = {
        "municipality": municipality.title if municipality else "",
        "department": department.title,
    }
    return {
        "editors": EDITORS_NAME.format(**values),
        "reviewers": REVIEWERS_NAME.format(**values),
        "workflow": DEPARTMENT_WORKFLOW_NAME.format(**values),
        "disambiguation": f"{municipality.code if municipality else ''}-{department.code}",
    }
