"""The import inbox: where imported process models wait until an editor sorts them in.

``manage.py import_bpmn`` without ``--department`` creates one (on demand) directly under the
home page. Processes in the inbox belong to no municipality and no department, so they get no
register key; moving one into a department assigns the key (see the receiver below).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from prozesse.models.process import ProcessPage

INBOX_SLUG = "import-eingang"
INBOX_TITLE = "Import-Eingang"


class ImportInboxPage(Page):
    description = models.TextField(
        _("Hinweis"),
        blank=True,
        default=(
            "Importierte Prozessmodelle warten hier als Entwürfe, bis die Redaktion sie in "
            "ihren Fachbereich verschiebt."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["prozesse.ProcessPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("description")]

    class Meta:
        verbose_name = _("Import-Eingang")
        verbose_name_plural = _("Import-Eingänge")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["waiting_count"] = ProcessPage.objects.child_of(self).count()
        return context
