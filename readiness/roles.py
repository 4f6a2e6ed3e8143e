"""Who does what in emergency readiness, and for which town.

* **Exercises** (plan, record, follow up) – knowledge management of the town (the role that
  usually holds the Notfallbeauftragte), with Django's model permissions on ``Exercise``;
  only for the towns they act for (``prozesse.towns``).
* **Requesting a handbook release** – the same people (``request_handbook_release``).
* **Releasing a handbook** – the town's Krisenstab or the Lenkungskreis: whoever holds
  ``readiness.release_handbook`` and acts for the town, or is a member of the Lenkungskreis
  (the committee that approves across towns, as in the intermunicipal step). The installation
  grants the right to the Lenkungskreis through provisioning; a town that has its own
  Krisenstab gives its group this right on a group anchored in the town. Nobody releases a
  handbook whose release they requested themselves (four eyes, as in
  ``prozesse.models.approval``).
* **The emergency kit** in the admin – whoever may release or request, for their towns.

Provisioning learns these rights through the hook ``provision_role_permissions``
(``readiness.wagtail_hooks``).
"""

from __future__ import annotations

from wagtail.models import GroupApprovalTask

from prozesse.models import CommitteeSectionPage, MunicipalityPage
from prozesse.towns import acting_towns, may_act_for

EXERCISE_PERMISSIONS = tuple(
    f"readiness.{action}_{model}"
    for model in ("exercise",)
    for action in ("add", "change", "delete", "view")
)
REQUEST_PERMISSIONS = ("readiness.request_handbook_release", "readiness.download_emergency_kit")
RELEASE_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "readiness.release_handbook",
    "readiness.download_emergency_kit",
    "readiness.view_exercise",
)


def role_permissions(role: str) -> tuple[str, ...]:
    """The readiness rights of a provisioned role (``prozesse.roles.matrix.ROLES`` keys)."""
    if role in ("wissen_kommune", "wissen_alle"):
        return EXERCISE_PERMISSIONS + REQUEST_PERMISSIONS
    if role == "lenkungskreis":
        return RELEASE_PERMISSIONS
    return ()


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def lenkungskreis_group_ids() -> set[int]:
    """The groups that approve in the committee sections' workflows (the Lenkungskreis)."""
    ids: set[int] = set()
    for section in CommitteeSectionPage.objects.all():
        workflow = section.get_workflow()
        if workflow is None:
            continue
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
            ids |= set(task.groups.values_list("pk", flat=True))
    return ids


def in_lenkungskreis(user) -> bool:
    return _active(user) and user.groups.filter(pk__in=lenkungskreis_group_ids()).exists()


def may_release(user, municipality) -> bool:
    """May ``user`` release the handbook of ``municipality`` (the four-eyes check is separate)?"""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("readiness.release_handbook"):
        return False
    return in_lenkungskreis(user) or may_act_for(user, municipality.pk)


def may_request(user, municipality) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return user.has_perm("readiness.request_handbook_release") and may_act_for(
        user, municipality.pk
    )


def may_download_kit(user, municipality) -> bool:
    return may_request(user, municipality) or may_release(user, municipality)


def readiness_towns(user):
    """The towns whose handbook and kit the user deals with in the admin."""
    if not _active(user):
        return MunicipalityPage.objects.none()
    if user.is_superuser or (
        user.has_perm("readiness.release_handbook") and in_lenkungskreis(user)
    ):
        return MunicipalityPage.objects.all()
    if user.has_perm("readiness.release_handbook") or user.has_perm(
        "readiness.request_handbook_release"
    ):
        return acting_towns(user)
    return MunicipalityPage.objects.none()
