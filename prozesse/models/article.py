"""Free wiki article: lessons learned, how-tos, background."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from prozesse.blocks import ArticleBodyBlock
from prozesse.models.base import RegisterEntryPage


class ArticleKind(models.TextChoices):
    LESSONS_LEARNED = "erfahrungsbericht", _("Erfahrungsbericht (Lessons Learned)")
    HOWTO = "anleitung", _("Anleitung")
    BACKGROUND = "hintergrund", _("Hintergrund")


class ArticlePage(RegisterEntryPage):
    default_review_months = 24

    kind = models.CharField(
        _("Art"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.LESSONS_LEARNED
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("Inhalt"))

    parent_page_types = ["prozesse.MunicipalityPage", "prozesse.DepartmentPage"]
    subpage_types: list[str] = []

    content_panels = [
        *RegisterEntryPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        *RegisterEntryPage.decision_panels(),
        *RegisterEntryPage.meta_panels(),
    ]
    search_fields = [
        *RegisterEntryPage.search_fields,
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("Wiki-Artikel")
        verbose_name_plural = _("Wiki-Artikel")
