"""The intranet's home page for staff, led by their tasks: search first, the way to the
emergency handbook of their town ("Notfall"), their town, and what changed there lately.

"My town" is the reader's own municipality (``prozesse.towns.home_town_ids``: the staff group
"Mitarbeitende <Kommune>" and the towns their roles act for). Readers without one (the
central roles, administrators) see every town instead. Everything goes through the
visibility rule (``prozesse.visibility``). Below the frame the page is the same for every reader
of the same towns who may see the same pages, so it is rendered once and shared
(``prozesse.shared_fragments``)."""

from __future__ import annotations

from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from prozesse.models import (
    CommitteeSectionPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    RegisterEntryPage,
    RegisterPage,
    ScenarioStatus,
)
from prozesse.routing import route_to_entry
from prozesse.shared_fragments import shared_fragment
from prozesse.towns import home_town_ids
from prozesse.visibility import visible

#: Entries in "Zuletzt geändert".
RECENT_LIMIT = 8


class HomePage(Page):
    intro = models.TextField(_("Einleitung"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "prozesse.MunicipalityPage",
        "prozesse.CommitteeSectionPage",
        "prozesse.RegisterPage",
        "prozesse.ImportInboxPage",
    ]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def route(self, request, path_components):
        return route_to_entry(self, path_components) or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        own_ids = home_town_ids(request.user)
        # The same for every reader of the same towns who may see the same pages: rendered
        # once and shared (prozesse.shared_fragments), personal parts stay in the frame.
        context["start_page_body"] = shared_fragment(
            request,
            "start-page",
            (self.pk, *sorted(own_ids)),
            lambda: render_to_string(
                "home/includes/start_page_body.html",
                {**self._body_context(request, own_ids), "page": self, "request": request},
            ),
        )
        return context

    def _body_context(self, request, own_ids: set[int]) -> dict:
        context = {}
        # Towns and committee sections live only below the one home page (their
        # parent_page_types, this page's max_count), so no tree condition: at 100,000 pages
        # PostgreSQL answered "children of the home page" by walking the whole page table.
        context["municipalities"] = visible(
            request, MunicipalityPage.objects.live().order_by("title")
        )
        context["committees"] = visible(
            request, CommitteeSectionPage.objects.live().order_by("title")
        )
        context["register_page"] = visible(request, RegisterPage.objects.live()).first()
        my_towns = [town for town in context["municipalities"] if town.pk in own_ids]
        context["my_towns"] = my_towns
        context["emergency_towns"] = [
            {
                "town": town,
                "handbook_url": town.url + town.reverse_subpage("handbook"),
                "scenarios": visible(
                    request,
                    EmergencyScenarioPage.objects.live()
                    .filter(municipality=town)
                    .exclude(status=ScenarioStatus.ARCHIVED)
                    .order_by("title"),
                )[:5],
            }
            for town in (my_towns or context["municipalities"])
        ]
        recent = RegisterEntryPage.objects.live().select_related("municipality", "department")
        if my_towns:
            recent = recent.filter(municipality__in=[town.pk for town in my_towns])
        context["recent_changes"] = visible(request, recent.order_by("-last_published_at"))[
            :RECENT_LIMIT
        ]
        return context
