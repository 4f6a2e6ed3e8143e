"""Who sees the BIA overview, and of which towns.

``continuity.view_bia_overview`` opens the overview for the towns the user acts for
(``prozesse.towns``: editors, reviewers and knowledge management of a town);
``continuity.view_bia_all_towns`` for every town (the steering committee, whose role is not
tied to a town, and central knowledge management). Provisioning grants them to the roles
through the hook ``provision_role_permissions`` (``role_permissions``)."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from continuity.models import ImpactAnalysis
from prozesse.models import MunicipalityPage
from prozesse.towns import acting_towns

TOWN_RESOURCE_PERMISSIONS = tuple(
    f"continuity.{action}_{model}"
    for model in ("location", "provider")
    for action in ("add", "change", "delete", "view")
)
OVERVIEW = ("continuity.view_bia_overview",)
ALL_TOWNS = ("continuity.view_bia_overview", "continuity.view_bia_all_towns")


class OverviewPermissionPolicy(ModelPermissionPolicy):
    """The action "view" means ``continuity.view_bia_overview``."""

    def _get_permission_codename(self, action: str) -> str:
        return f"{action}_bia_overview"


OVERVIEW_PERMISSIONS = OverviewPermissionPolicy(ImpactAnalysis)


def overview_towns(user) -> QuerySet[MunicipalityPage]:
    """The towns whose overview ``user`` may open."""
    if not user.has_perm("continuity.view_bia_overview"):
        return MunicipalityPage.objects.none()
    if user.is_superuser or user.has_perm("continuity.view_bia_all_towns"):
        return MunicipalityPage.objects.all()
    return acting_towns(user)


def role_permissions(role: str) -> tuple[str, ...]:
    """Continuity permissions of a provisioned role (key of ``prozesse.roles.matrix.ROLES``)."""
    if role == "wissen_kommune":
        return OVERVIEW + TOWN_RESOURCE_PERMISSIONS
    if role == "wissen_alle":
        return ALL_TOWNS + TOWN_RESOURCE_PERMISSIONS
    if role == "lenkungskreis":
        return ALL_TOWNS
    if role in ("redaktion", "freigabe"):
        return OVERVIEW
    return ()
