"""The steering committee (Lenkungskreis): a section below the home page whose children are its
decisions. Its page lists them with filters, traffic lights and pages done
(``prozesse.committee``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from prozesse.committee import committee_listing


class CommitteeSectionPage(Page):
    """A steering committee (Lenkungskreis) with its decisions as child pages."""

    committee_name = models.CharField(
        _("Gremium"),
        max_length=200,
        blank=True,
        help_text=_("Offizieller Name, falls abweichend vom Seitentitel"),
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["prozesse.DecisionPage"]

    content_panels = [*Page.content_panels, FieldPanel("committee_name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("Gremium (Lenkungskreis)")
        verbose_name_plural = _("Gremien")

    @property
    def display_name(self) -> str:
        return self.committee_name or self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(committee_listing(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Filters that cannot be used: the page explains them, with a client-error status.
        if getattr(response, "context_data", None) and response.context_data.get("filter_errors"):
            response.status_code = 400
        return response
