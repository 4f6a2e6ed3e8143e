"""The intranet's home page: entry points for staff."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from prozesse.models import CommitteeSectionPage, MunicipalityPage, RegisterEntryPage, RegisterPage
from prozesse.routing import route_to_entry
from prozesse.visibility import visible


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
        context["municipalities"] = visible(
            request, MunicipalityPage.objects.live().child_of(self).order_by("title")
        )
        context["committees"] = visible(
            request, CommitteeSectionPage.objects.live().child_of(self).order_by("title")
        )
        context["register_page"] = visible(request, RegisterPage.objects.live()).first()
        context["recent_changes"] = visible(
            request,
            RegisterEntryPage.objects.live()
            .select_related("municipality", "department")
            .order_by("-last_published_at"),
        )[:8]
        return context
