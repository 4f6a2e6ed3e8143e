"""Helpers for the provisioning tests: a snapshot of everything provisioning owns (to prove
a second run changes nothing), the sample organisation made by every command once, and
groups by name."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from tests.commands import run


def snapshot() -> dict:
    """Everything provisioning owns, with primary keys (a re-created object is a change)."""
    return {
        "groups": sorted(
            (
                group.pk,
                group.name,
                tuple(sorted(group.permissions.values_list("content_type__app_label", "codename"))),
            )
            for group in Group.objects.all()
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "pk", "group_id", "collection_id", "permission_id"
            )
        ),
        "workflows": sorted(
            (
                workflow.pk,
                workflow.name,
                workflow.active,
                tuple(workflow.workflow_tasks.values_list("pk", "task_id", "sort_order")),
            )
            for workflow in Workflow.objects.all()
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "tasks": sorted(
            (
                task.pk,
                task.name,
                task.active,
                tuple(sorted(task.groups.values_list("pk", flat=True)))
                if hasattr(task, "groups")
                else (),
            )
            for task in Task.objects.specific()
        ),
        "pages": sorted(Page.objects.values_list("pk", "title", "slug", "live", "path")),
    }


def provision_sample_organisation() -> str:
    """Every provisioning command once: committee, a town with three departments, all."""
    return "".join(
        [
            run("provision_committee"),
            run(
                "provision_municipality",
                "VG Talheim",
                "--ags=07100001",
                "--code=TAL",
                "--department=Bürgerbüro=BB",
                "--department=Ordnungsamt=OA",
            ),
            run("provision_department", "TAL", "Finanzen", "--code=FIN"),
            run("provision_all"),
        ]
    )


def groups_named(*names: str) -> list[Group]:
    """The groups with these names, in this order."""
    return [Group.objects.get(name=name) for name in names]
