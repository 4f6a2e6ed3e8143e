"""The admin screens of knowledge management as Wagtail viewsets, and their menu.

Each screen is a viewset with its own URL namespace under ``/admin/wissen/``:

- ``knowledge_dashboard`` – the knowledge dashboard (``gesundheit/``);
- ``knowledge_overdue`` – overdue reviews with their actions (``ueberfaellig/…``);
- ``knowledge_handovers`` – handovers and their interview and record (``uebergaben/…``);
- ``knowledge_adoptions`` – adopting a process, the adoptions and their comparison
  (``uebernehmen/<page_id>/``, ``uebernahmen/…``);
- ``knowledge_reading`` – read confirmations (Kenntnisnahmen): the campaigns, one campaign per
  department and person with its export, and asking for one on a page
  (``kenntnisnahmen/…``, ``kenntnisnahme-anfordern/<page_id>/``);
- ``knowledge_reviews`` – confirming that an entry is current (``bestaetigen/<page_id>/``),
  reached from the page's header button and the dashboard panels, not from the menu.

:class:`KnowledgeManagementGroup` puts the first three and the feedback snippets
(``FeedbackViewSet``) into the "Wissensmanagement" menu; an entry is shown to whoever holds
the "view" permission of its permission policy. ``knowledge.wagtail_hooks`` registers them.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from knowledge.models import Adoption, Feedback, Handover, ReadCampaign
from knowledge.roles import is_knowledge_manager
from knowledge.views.admin import adoptions, dashboard, handovers, overdue, reading, reviews
from knowledge.views.admin.base import DASHBOARD_PERMISSIONS
from prozesse.admin_visibility import VisibleSnippetViewSet, objects_on_visible_pages

#: Where every knowledge-management screen lives, below /admin/.
URL_PREFIX = "wissen"


class KnowledgeViewSet(ViewSet):
    """A knowledge-management screen: its URLs under /admin/wissen/ and its menu entry, shown
    to users with the "view" permission of ``permission_policy``."""

    url_prefix = URL_PREFIX
    #: Whose "view" permission shows the menu entry (by default the policy of ``model``).
    model = None

    @cached_property
    def permission_policy(self) -> BasePermissionPolicy:
        return policy_registry.get_by_type(self.model)

    @cached_property
    def menu_item_class(self) -> type[MenuItem]:
        policy = self.permission_policy

        def is_shown(item, request) -> bool:
            return policy.user_has_permission(request.user, "view")

        return type(f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})


class DashboardViewSet(KnowledgeViewSet):
    name = "knowledge_dashboard"
    icon = "table"
    menu_label = gettext_lazy("Dashboard")
    menu_order = 10

    @cached_property
    def permission_policy(self) -> BasePermissionPolicy:
        return DASHBOARD_PERMISSIONS

    def get_urlpatterns(self):
        return [path("gesundheit/", self.construct_view(dashboard.HealthView), name="index")]


class OverdueViewSet(KnowledgeViewSet):
    """ "Überfällige Prüfungen": shown to knowledge management only."""

    name = "knowledge_overdue"
    icon = "date"
    menu_label = gettext_lazy("Überfällige Prüfungen")
    menu_order = 15

    @cached_property
    def menu_item_class(self) -> type[MenuItem]:
        def is_shown(item, request) -> bool:
            return is_knowledge_manager(request.user)

        return type("OverdueMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        view = self.construct_view
        report = overdue.OverdueReportView
        return [
            path("ueberfaellig/", view(report), name="index"),
            path(
                "ueberfaellig/ergebnisse/",
                view(report, results_only=True),
                name="index_results",
            ),
            path("ueberfaellig/<int:page_id>/erinnern/", view(overdue.RemindView), name="remind"),
            path(
                "ueberfaellig/<int:page_id>/zuweisen/", view(overdue.ReassignView), name="reassign"
            ),
        ]


class HandoverViewSet(KnowledgeViewSet):
    name = "knowledge_handovers"
    model = Handover
    icon = "group"
    menu_label = gettext_lazy("Wissensübergaben")
    menu_order = 20

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("uebergaben/", view(handovers.HandoverListView), name="index"),
            path("uebergaben/neu/", view(handovers.HandoverCreateView), name="add"),
            path("uebergaben/<int:pk>/", view(handovers.HandoverDetailView), name="detail"),
            path(
                "uebergaben/<int:pk>/ausfuehren/",
                view(handovers.HandoverExecuteView),
                name="execute",
            ),
            path("uebergaben/<int:pk>/gespraech/", view(handovers.InterviewView), name="interview"),
            path("uebergaben/<int:pk>/protokoll/", view(handovers.HandoverPrintView), name="print"),
            path(
                "uebergaben/<int:pk>/abschliessen/",
                view(handovers.HandoverCloseView),
                name="close",
            ),
        ]


class AdoptionViewSet(KnowledgeViewSet):
    name = "knowledge_adoptions"
    model = Adoption
    icon = "copy"
    menu_label = gettext_lazy("Übernahmen")
    menu_order = 30

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("uebernahmen/", view(adoptions.AdoptionListView), name="index"),
            path("uebernahmen/<int:pk>/", view(adoptions.AdoptionCompareView), name="compare"),
            path("uebernehmen/<int:page_id>/", view(adoptions.AdoptView), name="adopt"),
        ]


class ReadingViewSet(KnowledgeViewSet):
    name = "knowledge_reading"
    model = ReadCampaign
    icon = "tick-inverse"
    menu_label = gettext_lazy("Kenntnisnahmen")
    menu_order = 35

    def get_urlpatterns(self):
        view = self.construct_view
        return [
            path("kenntnisnahmen/", view(reading.CampaignListView), name="index"),
            path("kenntnisnahmen/<int:pk>/", view(reading.CampaignDetailView), name="detail"),
            path(
                "kenntnisnahmen/<int:pk>/export/",
                view(reading.CampaignExportView),
                name="export",
            ),
            path(
                "kenntnisnahme-anfordern/<int:page_id>/",
                view(reading.RequestReadingView),
                name="request",
            ),
        ]


class ReviewViewSet(ViewSet):
    """Confirming currency: reached from pages and panels, not from the menu."""

    name = "knowledge_reviews"
    url_prefix = URL_PREFIX

    def get_urlpatterns(self):
        return [
            path(
                "bestaetigen/<int:page_id>/",
                self.construct_view(reviews.ConfirmView),
                name="confirm",
            )
        ]


class FeedbackViewSet(VisibleSnippetViewSet):
    """Feedback on pages (a snippet): only feedback on pages the user may see exists for them."""

    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Rückmeldungen")
    add_to_admin_menu = False
    list_display = ["__str__", "kind", "page", "author_name", "author_municipality", "created_at"]
    list_filter = ["kind", "hidden"]
    search_fields = ["title", "text", "author_name"]

    def visible(self, request):
        # Feedback on a page the user may not see does not exist for them.
        return objects_on_visible_pages(Feedback)(request)


class FeedbackMenuEntry(KnowledgeViewSet):
    """The menu entry of the feedback snippets. Snippets are registered at start-up with
    ``register_snippet`` (Wagtail looks them up before the admin URLs exist), so the
    feedback viewset cannot join the group itself; this entry links to its listing."""

    name = "knowledge_feedback"
    model = Feedback
    icon = "comment"
    menu_label = gettext_lazy("Rückmeldungen")
    menu_order = 40

    @cached_property
    def menu_url(self) -> str:
        return reverse(Feedback.snippet_viewset.get_url_name("list"))


class KnowledgeManagementGroup(ViewSetGroup):
    """The "Wissensmanagement" menu."""

    menu_label = gettext_lazy("Wissensmanagement")
    menu_icon = "help"
    menu_order = 250
    items = (
        DashboardViewSet,
        OverdueViewSet,
        HandoverViewSet,
        AdoptionViewSet,
        ReadingViewSet,
        FeedbackMenuEntry,
    )
