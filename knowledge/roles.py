"""Who is who for knowledge management: approvers of a page, knowledge managers.

The groups are provisioned by ``prozesse.roles``: every department has its own workflow
whose first step is a group-approval task for "Freigabe <Kommune> – <Fachbereich>" (a second,
conditional step "Interkommunale Freigabe (Lenkungskreis)" follows); the committee section has a
workflow approved by the Lenkungskreis; knowledge management is "Wissensmanagement <Kommune>"
and "Wissensmanagement (alle Kommunen)". Like that module, approvers are found through Wagtail's
page-keyed relations (the page's workflow and its first approval step), never by group name.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from wagtail.models import GroupApprovalTask, WorkflowPage

from prozesse.models import IntermunicipalApprovalTask
from prozesse.roles.definitions import KNOWLEDGE_ALL_NAME, KNOWLEDGE_NAME

KNOWLEDGE_PREFIX = KNOWLEDGE_NAME.split("{", 1)[0].strip()  # "Wissensmanagement"

#: Permissions of every knowledge-management group (app_label.codename), on top of what
#: ``prozesse.roles.provisioning`` grants them (people, IT systems, tags, admin access).
KNOWLEDGE_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "knowledge.view_knowledge_dashboard",
    "knowledge.add_handover",
    "knowledge.change_handover",
    "knowledge.view_handover",
    "knowledge.view_feedback",
    "knowledge.change_feedback",
    "knowledge.view_adoption",
)
#: Only the cross-town group edits the review policy (Wiedervorlage-Regeln).
CENTRAL_KNOWLEDGE_PERMISSIONS = ("knowledge.change_reviewpolicy",)
#: The steering committee looks at the health dashboard.
STEERING_PERMISSIONS = ("wagtailadmin.access_admin", "knowledge.view_knowledge_dashboard")
#: Read confirmations (Kenntnisnahmen): owners and reviewers ask for them (which page is checked
#: per page: ``knowledge.reading.can_request_reading``); knowledge management follows them.
READING_REQUEST_PERMISSIONS = ("knowledge.add_readcampaign", "knowledge.view_readcampaign")
READING_FOLLOW_PERMISSIONS = ("knowledge.view_readcampaign",)


def _users():
    return get_user_model().objects.filter(is_active=True)


def approval_groups(page) -> QuerySet[Group]:
    """The groups of the first approval step of the workflow that governs ``page`` (for a
    department: its Freigabe group; for a decision: the Lenkungskreis)."""
    workflow = page.get_workflow() if page is not None else None
    if workflow is None:
        return Group.objects.none()
    first = (
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .exclude(pk__in=IntermunicipalApprovalTask.objects.values("pk"))
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    return first.groups.all() if first is not None else Group.objects.none()


def reviewers_of(department) -> QuerySet:
    """Active users who approve changes in ``department`` (its Freigabe group)."""
    return _users().filter(groups__in=approval_groups(department)).distinct().order_by("pk")


def reviewers_for(page) -> QuerySet:
    """Active users who approve changes of ``page``: its department's Freigabe group, for a
    decision the Lenkungskreis."""
    department = getattr(page, "department", None)
    return reviewers_of(department if department is not None else page)


def is_reviewer_of(user, page) -> bool:
    if user is None or not user.is_authenticated:
        return False
    department = getattr(page, "department", None)
    groups = approval_groups(department if department is not None else page)
    return user.groups.filter(pk__in=groups.values("pk")).exists()


def knowledge_groups() -> QuerySet[Group]:
    """ "Wissensmanagement (alle Kommunen)" and every "Wissensmanagement <Kommune>"."""
    return Group.objects.filter(
        Q(name=KNOWLEDGE_ALL_NAME) | Q(name__startswith=f"{KNOWLEDGE_PREFIX} ")
    )


def knowledge_managers(municipality=None) -> QuerySet:
    """Active members of the cross-town group and, for a municipality, of its own group."""
    names = [KNOWLEDGE_ALL_NAME]
    if municipality is not None:
        names.append(KNOWLEDGE_NAME.format(municipality=municipality.title))
    return _users().filter(groups__name__in=names).distinct().order_by("pk")


def is_knowledge_manager(user) -> bool:
    """Knowledge management is whoever may start a handover (granted per group)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("knowledge.add_handover"))
    )


def role_permissions(role: str) -> tuple[str, ...]:
    """The knowledge app's permissions for a provisioned role (key of
    ``prozesse.roles.matrix.ROLES``). Provisioning asks for them through the Wagtail hook
    ``provision_role_permissions`` (registered in ``knowledge.wagtail_hooks``), so every
    provisioned installation has them – not only the demo."""
    if role == "wissen_kommune":
        return KNOWLEDGE_PERMISSIONS + READING_FOLLOW_PERMISSIONS
    if role == "wissen_alle":
        return KNOWLEDGE_PERMISSIONS + CENTRAL_KNOWLEDGE_PERMISSIONS + READING_FOLLOW_PERMISSIONS
    if role == "lenkungskreis":
        return STEERING_PERMISSIONS + READING_REQUEST_PERMISSIONS
    if role in ("redaktion", "freigabe"):
        return READING_REQUEST_PERMISSIONS
    return ()


def reviewed_paths(user) -> list[str]:
    """Tree paths of the pages (departments, committee sections) whose workflow the user's
    groups approve in their first step."""

    if user is None or not user.is_authenticated:
        return []
    tasks = GroupApprovalTask.objects.filter(groups__in=user.groups.all(), active=True).exclude(
        pk__in=IntermunicipalApprovalTask.objects.values("pk")
    )
    return list(
        WorkflowPage.objects.filter(workflow__workflow_tasks__task__in=tasks, workflow__active=True)
        .values_list("page__path", flat=True)
        .distinct()
    )
