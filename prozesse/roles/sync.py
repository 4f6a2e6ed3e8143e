"""Setting groups, rights, approval steps and workflows to their defined state.

Every function changes only what differs and notes each change in the ``Report``; run twice,
the second run notes nothing. Page permissions are set exactly (extra ones are revoked),
Django and collection permissions only added (further ones an administrator added stay).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from prozesse.models import FourEyesApprovalTask
from prozesse.roles.definitions import PERMISSION_LABELS
from prozesse.roles.report import Report


def _page_permissions() -> dict[str, Permission]:
    content_type = ContentType.objects.get_for_model(Page)
    return {
        permission.codename.removesuffix("_page"): permission
        for permission in Permission.objects.filter(content_type=content_type)
    }


def _permissions(labels: Iterable[str]) -> list[Permission]:
    """Permission objects for "app_label.codename" strings; unknown ones are skipped (a model
    may not be installed in every deployment)."""
    wanted = [label.split(".", 1) for label in labels]
    query = Q(pk__in=[])
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query).select_related("content_type"))


def free_name(model: type[Model], name: str, current_pk: int | None, disambiguation: str) -> str:
    """``name`` if no other object of ``model`` uses it, else ``name (disambiguation)``."""
    name = name[:150]
    others = model.objects.filter(name=name)
    if current_pk is not None:
        others = others.exclude(pk=current_pk)
    if not others.exists():
        return name
    return f"{name[: 150 - len(disambiguation) - 3]} ({disambiguation})"


def ensure_named(
    obj: Model | None,
    model: type[Model],
    name: str,
    disambiguation: str,
    kind: str,
    report: Report,
    **create_kwargs,
) -> Model:
    """Create ``obj`` (if None) or rename it to ``name``; returns the object."""
    if obj is None:
        existing = Group.objects.filter(name=name).first() if model is Group else None
        if existing is not None and not existing.page_permissions.exists():
            # A group of that name that no page links to yet is adopted (e.g. created by hand).
            report.note(f"{kind} übernommen: {name}")
            return existing
        obj = model.objects.create(
            name=free_name(model, name, None, disambiguation), **create_kwargs
        )
        report.note(f"{kind} angelegt: {obj.name}")
        return obj
    wanted = free_name(model, name, obj.pk, disambiguation)
    if obj.name != wanted:
        report.note(f"{kind} umbenannt: {obj.name} → {wanted}")
        obj.name = wanted
        obj.save(update_fields=["name"])
    return obj


def sync_page_permissions(group: Group, page: Page, actions: Sequence[str], report: Report) -> None:
    """Exactly ``actions`` for ``group`` on ``page`` (other pages are left alone)."""
    by_action = _page_permissions()
    wanted = {by_action[action] for action in actions}
    existing = GroupPagePermission.objects.filter(group=group, page=page).select_related(
        "permission"
    )
    present = set()
    for grant in existing:
        if grant.permission in wanted:
            present.add(grant.permission)
            continue
        grant.delete()
        action = grant.permission.codename.removesuffix("_page")
        report.note(
            f"Seitenrecht entzogen: {group.name} – {PERMISSION_LABELS.get(action, action)} "
            f"auf „{page.title}“"
        )
    for action in actions:
        permission = by_action[action]
        if permission not in present:
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
            report.note(
                f"Seitenrecht erteilt: {group.name} – {PERMISSION_LABELS[action]} "
                f"auf „{page.title}“"
            )


def grant_model_permissions(group: Group, labels: Sequence[str], report: Report) -> None:
    """At least these Django permissions (further ones an administrator added stay)."""
    missing = [
        permission
        for permission in _permissions(labels)
        if not group.permissions.filter(pk=permission.pk).exists()
    ]
    if missing:
        group.permissions.add(*missing)
        names = ", ".join(
            f"{p.content_type.app_label}.{p.codename}"
            for p in sorted(missing, key=lambda p: p.codename)
        )
        report.note(f"Rechte erteilt: {group.name} – {names}")


def grant_collection_permissions(group: Group, labels: Sequence[str], report: Report) -> None:
    """At least these permissions on the root collection."""
    root = Collection.get_first_root_node()
    for permission in _permissions(labels):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
        if created:
            report.note(
                f"Sammlungsrecht erteilt: {group.name} – {permission.codename} auf „{root.name}“"
            )


def sync_workflow_tasks(workflow: Workflow, tasks: Sequence[Task], report: Report) -> None:
    """Exactly ``tasks``, in this order, as the steps of ``workflow``."""
    current = list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True))
    if current == [task.pk for task in tasks]:
        return
    workflow.workflow_tasks.all().delete()
    for position, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=position)
    report.note(f"Schritte von „{workflow.name}“: " + " → ".join(task.name for task in tasks))


def sync_task_groups(task: GroupApprovalTask, groups: Sequence[Group], report: Report) -> None:
    """Exactly ``groups`` approve in ``task``."""
    if set(task.groups.values_list("pk", flat=True)) != {group.pk for group in groups}:
        task.groups.set(groups)
        report.note(f"Prüfgruppe von „{task.name}“: " + ", ".join(group.name for group in groups))


def four_eyes(task: GroupApprovalTask, report: Report) -> FourEyesApprovalTask:
    """``task`` as a four-eyes step: a plain GroupApprovalTask is converted in place (same
    primary key, so its workflows, groups and task states stay attached)."""
    if isinstance(task, FourEyesApprovalTask):
        return task
    FourEyesApprovalTask(groupapprovaltask_ptr_id=task.pk).save_base(raw=True, force_insert=True)
    Task.objects.filter(pk=task.pk).update(
        content_type=ContentType.objects.get_for_model(FourEyesApprovalTask)
    )
    report.note(f"Prüfschritt auf Vier-Augen-Freigabe umgestellt: {task.name}")
    return FourEyesApprovalTask.objects.get(pk=task.pk)


def activate(obj: Task | Workflow, kind: str, report: Report) -> None:
    """A deactivated step or workflow becomes active again."""
    if not obj.active:
        obj.active = True
        obj.save(update_fields=["active"])
        report.note(f"{kind} wieder aktiviert: {obj.name}")


def assign_workflow(page: Page, workflow: Workflow, report: Report) -> None:
    """``workflow`` governs ``page`` (and its subtree)."""
    link = WorkflowPage.objects.filter(page=page).first()
    if link is None or link.workflow_id != workflow.pk:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        report.note(f"Workflow zugewiesen: „{page.title}“ → {workflow.name}")
