"""Admin wiring of business continuity: the overview, the snippets for locations and providers,
the role permissions, and the two hooks of ``prozesse`` this app fills (process fields derived
from the analysis; the processes a scenario hits)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from continuity.derive import derive_from_analysis
from continuity.models import Location, Provider
from continuity.permissions import role_permissions
from continuity.scenarios import extend_scenarios
from continuity.viewsets import BIAOverviewViewSet, LocationViewSet, ProviderViewSet
from prozesse.models.emergency import SCENARIO_PROCESSES_HOOK
from prozesse.models.process import DERIVE_PROCESS_FIELDS_HOOK
from prozesse.towns import may_act_for
from prozesse.wagtail_hooks import OTHER_TOWN_MESSAGE, TownPermissionPolicy

register_permission_policy(Location, TownPermissionPolicy(Location))
register_permission_policy(Provider, TownPermissionPolicy(Provider))
register_snippet(LocationViewSet)
register_snippet(ProviderViewSet)


@hooks.register("register_admin_viewset")
def register_overview():
    return BIAOverviewViewSet()


@hooks.register("provision_role_permissions")
def continuity_role_permissions(role: str) -> tuple[str, ...]:
    return role_permissions(role)


hooks.register(DERIVE_PROCESS_FIELDS_HOOK, derive_from_analysis)
hooks.register(SCENARIO_PROCESSES_HOOK, extend_scenarios)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def refuse_other_towns_resources(request, instance):
    """Editing or deleting a location or provider of another town is refused (403)."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Location | Provider) and not may_act_for(
            request.user, obj.municipality_id
        ):
            raise PermissionDenied(OTHER_TOWN_MESSAGE)
