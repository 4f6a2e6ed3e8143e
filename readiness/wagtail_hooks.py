"""Admin wiring of emergency readiness: the exercise screens (a snippet viewset with a
FilterSet, scoped to the user's towns like people and IT systems in ``prozesse.wagtail_hooks``),
the handbook and kit screen, the "Notfallvorsorge" menu, and the rights provisioning grants
(``readiness.roles``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from prozesse.towns import may_act_for
from prozesse.wagtail_hooks import OTHER_TOWN_MESSAGE, TownPermissionPolicy, TownScopedViewSet
from readiness import views
from readiness.filters import ExerciseFilterSet
from readiness.forms import ExerciseForm
from readiness.models import Exercise
from readiness.roles import readiness_towns, role_permissions

register_permission_policy(Exercise, TownPermissionPolicy(Exercise))


class ExerciseViewSet(TownScopedViewSet):
    model = Exercise
    edit_handler = ObjectList(Exercise.panels, base_form_class=ExerciseForm)
    icon = "warning"
    menu_label = _("Übungen")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "municipality", "kind", "status", "planned_for", "held_on"]
    filterset_class = ExerciseFilterSet
    search_fields = ["title", "results"]
    ordering = ["-planned_for"]


register_snippet(ExerciseViewSet)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def refuse_other_towns_exercises(request, instance):
    """Editing or deleting an exercise of another town is refused (403)."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Exercise) and not may_act_for(request.user, obj.municipality_id):
            raise PermissionDenied(OTHER_TOWN_MESSAGE)


@hooks.register("register_admin_urls")
def readiness_admin_urls():
    return views.admin_urls()


class HandbookMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return readiness_towns(request.user).exists()


@hooks.register("register_admin_menu_item")
def handbook_menu_item():
    return HandbookMenuItem(
        _("Notfallhandbücher"), reverse("readiness_handbooks"), icon_name="doc-full", order=330
    )


@hooks.register("provision_role_permissions")
def readiness_role_permissions(role: str) -> tuple[str, ...]:
    """Provisioning (prozesse.roles.provisioning) grants these to its roles."""
    return role_permissions(role)
