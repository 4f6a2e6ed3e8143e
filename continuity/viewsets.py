"""Admin wiring of business continuity as Wagtail viewsets: the BIA overview (namespace
``continuity_bia``) with its menu entry, and the snippets for locations and providers, scoped
to the user's towns like people and IT systems (``prozesse.wagtail_hooks``)."""

from __future__ import annotations

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSet

from continuity import views
from continuity.models import Location, Provider
from continuity.permissions import OVERVIEW_PERMISSIONS
from prozesse.wagtail_hooks import TownForm, TownScopedViewSet


class OverviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return OVERVIEW_PERMISSIONS.user_has_permission(request.user, "view")


class BIAOverviewViewSet(ViewSet):
    name = "continuity_bia"
    url_prefix = "notfallvorsorge"
    icon = "warning"
    menu_label = gettext_lazy("Folgenabschätzungen")
    menu_order = 260
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        return OverviewMenuItem

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("", view(views.TownListView), name="index"),
            path("<int:town_id>/", view(views.TownOverviewView), name="town"),
            path("<int:town_id>/csv/", view(views.TownCsvView), name="csv"),
        ]


class LocationViewSet(TownScopedViewSet):
    model = Location
    edit_handler = ObjectList(Location.panels, base_form_class=TownForm)
    icon = "home"
    menu_label = gettext_lazy("Standorte")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "address", "municipality", "recovery_hours"]
    search_fields = ["name", "address"]
    list_shared = True


class ProviderViewSet(TownScopedViewSet):
    model = Provider
    edit_handler = ObjectList(Provider.panels, base_form_class=TownForm)
    icon = "site"
    menu_label = gettext_lazy("Dienstleister")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "kind", "municipality", "recovery_hours"]
    search_fields = ["name", "contact"]
    list_shared = True
