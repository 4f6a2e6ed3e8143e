"""The intermunicipal step becomes its own task type, and the existing step is converted.

Provisioning made the conditional second step of every department workflow, "Interkommunale
Freigabe (Lenkungskreis)", as a FourEyesApprovalTask and found it by that name; signal
receivers skipped it. Now it is an IntermunicipalApprovalTask (a four-eyes step that decides
itself whether it applies) and is found by its type. The step provisioning used – the first
group-approval step of that name – is converted in place (same primary key, so workflows,
groups, running task states and the history stay attached).
"""

import django.db.models.deletion
from django.db import migrations, models

INTERMUNICIPAL_TASK_NAME = "Interkommunale Freigabe (Lenkungskreis)"


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def to_intermunicipal(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    FourEyesApprovalTask = apps.get_model("prozesse", "FourEyesApprovalTask")
    IntermunicipalApprovalTask = apps.get_model("prozesse", "IntermunicipalApprovalTask")
    step = GroupApprovalTask.objects.filter(name=INTERMUNICIPAL_TASK_NAME).order_by("pk").first()
    if step is None:
        return
    if not FourEyesApprovalTask.objects.filter(pk=step.pk).exists():
        FourEyesApprovalTask(groupapprovaltask_ptr_id=step.pk).save_base(
            raw=True, force_insert=True
        )
    IntermunicipalApprovalTask(foureyesapprovaltask_ptr_id=step.pk).save_base(
        raw=True, force_insert=True
    )
    Task.objects.filter(pk=step.pk).update(
        content_type=_content_type(apps, "prozesse", "intermunicipalapprovaltask")
    )


def to_four_eyes(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    IntermunicipalApprovalTask = apps.get_model("prozesse", "IntermunicipalApprovalTask")
    ids = list(IntermunicipalApprovalTask.objects.values_list("pk", flat=True))
    Task.objects.filter(pk__in=ids).update(
        content_type=_content_type(apps, "prozesse", "foureyesapprovaltask")
    )
    # Only the child rows go; the FourEyesApprovalTask, GroupApprovalTask and Task rows stay.
    IntermunicipalApprovalTask.objects.filter(pk__in=ids)._raw_delete(
        schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [
        ("prozesse", "0006_town_links"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="IntermunicipalApprovalTask",
            fields=[
                (
                    "foureyesapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="prozesse.foureyesapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "Interkommunale Freigabe",
                "verbose_name_plural": "Interkommunale Freigaben",
            },
            bases=("prozesse.foureyesapprovaltask",),
        ),
        migrations.RunPython(to_intermunicipal, to_four_eyes),
    ]
