"""Existing installations: the approval steps provisioning made become four-eyes steps.

Provisioning (prozesse.workflows) made plain GroupApprovalTasks before: the first step of each
department and committee workflow and the shared "Interkommunale Freigabe (Lenkungskreis)".
Each is turned into a FourEyesApprovalTask in place (same primary key, so workflows, groups,
running task states and the history stay attached). Hand-made steps of other workflows are
left alone.
"""

from django.db import migrations

INTERMUNICIPAL_TASK_NAME = "Interkommunale Freigabe (Lenkungskreis)"
PROVISIONED_PAGE_MODELS = ("departmentpage", "committeesectionpage")


def _provisioned_task_ids(apps, content_type) -> set[int]:
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflows = WorkflowPage.objects.filter(
        page__content_type__app_label="prozesse",
        page__content_type__model__in=PROVISIONED_PAGE_MODELS,
    ).values("workflow_id")
    first_steps = set()
    for workflow_id in workflows.values_list("workflow_id", flat=True).distinct():
        step = (
            WorkflowTask.objects.filter(workflow_id=workflow_id, task__content_type=content_type)
            .exclude(task__name=INTERMUNICIPAL_TASK_NAME)
            .order_by("sort_order")
            .first()
        )
        if step is not None:
            first_steps.add(step.task_id)
    intermunicipal = Task.objects.filter(
        content_type=content_type, name=INTERMUNICIPAL_TASK_NAME
    ).values_list("pk", flat=True)
    return first_steps | set(intermunicipal)


def to_four_eyes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    FourEyesApprovalTask = apps.get_model("prozesse", "FourEyesApprovalTask")
    group_approval, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    four_eyes, _ = ContentType.objects.get_or_create(
        app_label="prozesse", model="foureyesapprovaltask"
    )
    ids = _provisioned_task_ids(apps, group_approval)
    for pk in sorted(ids):
        FourEyesApprovalTask(groupapprovaltask_ptr_id=pk).save_base(raw=True, force_insert=True)
    Task.objects.filter(pk__in=ids).update(content_type=four_eyes)


def to_group_approval(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    FourEyesApprovalTask = apps.get_model("prozesse", "FourEyesApprovalTask")
    group_approval, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    ids = list(FourEyesApprovalTask.objects.values_list("pk", flat=True))
    Task.objects.filter(pk__in=ids).update(content_type=group_approval)
    # Only the child rows go; the GroupApprovalTask and Task rows stay.
    FourEyesApprovalTask.objects.filter(pk__in=ids)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("prozesse", "0004_four_eyes_approval_task"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_four_eyes, to_group_approval)]
