"""The shared intermunicipal step: one four-eyes step, "Interkommunale Freigabe
(Lenkungskreis)", at the end of every department workflow, approved by the committees' groups
(the Lenkungskreis). It applies only to content flagged for other towns; for anything else
the receivers below skip it. Imported by ``prozesse.apps`` to connect them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import GroupApprovalTask, TaskState, WorkflowPage, WorkflowState, WorkflowTask

from prozesse.models import CommitteeSectionPage, DepartmentPage, FourEyesApprovalTask
from prozesse.roles.definitions import (
    INTERMUNICIPAL_FIELD,
    INTERMUNICIPAL_SKIP_COMMENT,
    INTERMUNICIPAL_TASK_NAME,
)
from prozesse.roles.report import Report
from prozesse.roles.sync import activate, four_eyes, sync_task_groups, sync_workflow_tasks


def intermunicipal_task() -> GroupApprovalTask | None:
    """The intermunicipal step, once the committee is provisioned."""
    task = GroupApprovalTask.objects.filter(name=INTERMUNICIPAL_TASK_NAME).order_by("pk").first()
    return task.specific if task is not None else None


def provision_intermunicipal_step(members: Group, report: Report) -> FourEyesApprovalTask:
    """The intermunicipal step, approved by every committee's group (``members`` while no
    committee workflow exists), at the end of every department workflow; running reviews
    that now have it skip it unless their content is flagged."""
    step = intermunicipal_task()
    if step is None:
        step = FourEyesApprovalTask.objects.create(name=INTERMUNICIPAL_TASK_NAME)
        report.note(f"Prüfschritt angelegt: {INTERMUNICIPAL_TASK_NAME}")
    step = four_eyes(step, report)
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
    for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS):
        sync_intermunicipal_step(state)
    return step


def _shares_intermunicipal(workflow_state: WorkflowState) -> bool:
    """Whether the submitted content (its latest revision) is flagged for other towns."""
    page = workflow_state.content_object
    revision = page.get_latest_revision() if page is not None else None
    return bool(revision and revision.content.get(INTERMUNICIPAL_FIELD))


def sync_intermunicipal_step(workflow_state: WorkflowState) -> None:
    """Skip the intermunicipal step of a running workflow unless its content is flagged.

    A skipped TaskState counts as done for Wagtail (``get_next_task``), sends no notification
    and shows in the workflow history with a comment. When the editor flags the content later
    (a resubmission, or an edit during review), the skip is withdrawn before the first step's
    approval moves the workflow on, so the Lenkungskreis reviews it.
    """
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    link = (
        WorkflowTask.objects.filter(
            workflow_id=workflow_state.workflow_id, task__name=INTERMUNICIPAL_TASK_NAME
        )
        .select_related("task")
        .first()
    )
    if link is None:
        return
    states = TaskState.objects.filter(workflow_state=workflow_state, task=link.task)
    skipped = states.filter(status=TaskState.STATUS_SKIPPED)
    if _shares_intermunicipal(workflow_state):
        skipped.delete()
    elif not states.exclude(status=TaskState.STATUS_CANCELLED).exists():
        TaskState.objects.create(
            workflow_state=workflow_state,
            task=link.task,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            comment=INTERMUNICIPAL_SKIP_COMMENT,
        )


@receiver(post_save, sender=WorkflowState, dispatch_uid="prozesse_intermunicipal_on_workflow")
def _intermunicipal_on_workflow_saved(sender, instance: WorkflowState, **kwargs) -> None:
    # Runs when a workflow starts or resumes, before Wagtail picks the next task.
    sync_intermunicipal_step(instance)


@receiver(post_save, sender=TaskState, dispatch_uid="prozesse_intermunicipal_on_task")
def _intermunicipal_on_task_saved(sender, instance: TaskState, **kwargs) -> None:
    # Runs when the department's step is approved, before Wagtail moves the workflow on.
    if instance.status == TaskState.STATUS_APPROVED and instance.task.name != (
        INTERMUNICIPAL_TASK_NAME
    ):
        sync_intermunicipal_step(instance.workflow_state)
