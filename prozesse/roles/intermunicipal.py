"""The shared intermunicipal step: one ``IntermunicipalApprovalTask`` at the end of every
department workflow, approved by the committees' groups (the Lenkungskreis).

The step itself decides whether it applies (``prozesse.models.approval``); provisioning
finds it by its type, creates it with the committee and appends it to department workflows.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, WorkflowPage, WorkflowState

from prozesse.models import CommitteeSectionPage, DepartmentPage, IntermunicipalApprovalTask
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME
from prozesse.roles.report import Report
from prozesse.roles.sync import activate, sync_task_groups, sync_workflow_tasks


def intermunicipal_task() -> IntermunicipalApprovalTask | None:
    """The intermunicipal step, once the committee is provisioned."""
    return IntermunicipalApprovalTask.objects.order_by("pk").first()


def provision_intermunicipal_step(members: Group, report: Report) -> IntermunicipalApprovalTask:
    """The intermunicipal step, approved by every committee's group (``members`` while no
    committee workflow exists), at the end of every department workflow; running reviews
    that now have it skip it unless their content is flagged."""
    step = intermunicipal_task()
    if step is None:
        step = IntermunicipalApprovalTask.objects.create(name=INTERMUNICIPAL_TASK_NAME)
        report.note(f"Prüfschritt angelegt: {INTERMUNICIPAL_TASK_NAME}")
    activate(step, "Prüfschritt", report)
    committee_tasks = GroupApprovalTask.objects.filter(
        workflow_tasks__workflow__workflow_pages__page__in=CommitteeSectionPage.objects.all()
    )
    committee_groups = list(
        Group.objects.filter(pk__in=committee_tasks.values("groups")).order_by("pk")
    )
    sync_task_groups(step, committee_groups or [members], report)
    departments = WorkflowPage.objects.filter(page__in=DepartmentPage.objects.all())
    for assignment in departments.select_related("workflow"):
        workflow = assignment.workflow
        links = workflow.workflow_tasks.order_by("sort_order").select_related("task")
        steps = [link.task for link in links]
        if step.pk not in {task.pk for task in steps}:
            sync_workflow_tasks(workflow, [*steps, step], report)
    # Reviews already running: the step settles now, as at the start of a workflow.
    for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS):
        IntermunicipalApprovalTask.settle(state)
    return step
