"""The organisation is the page tree: municipality → department (the committee section, the
other branch below the home page, lives in ``prozesse.models.committee``).

Wagtail grants rights and assigns moderation workflows per subtree, so "the editors of a
department" and "the workflow of a department" are plain Wagtail configuration.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from prozesse.pdf import html_to_pdf, pdf_download
from prozesse.selectors import emergency_scenarios, handbook_context, process_map
from prozesse.validators import validate_ags, validate_code
from prozesse.visibility import visibility_of, visible


class MunicipalityKind(models.TextChoices):
    CITY = "stadt", _("Stadt")
    MUNICIPALITY = "gemeinde", _("Gemeinde")
    ASSOCIATION = "verbandsgemeinde", _("Verbandsgemeinde")
    DISTRICT = "landkreis", _("Landkreis")


class FederalState(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class MunicipalityPage(RoutablePageMixin, Page):
    """A Kommune. Its page shows the process map (processes grouped by category)."""

    kind = models.CharField(
        _("Art"),
        max_length=20,
        choices=MunicipalityKind.choices,
        default=MunicipalityKind.ASSOCIATION,
    )
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel (AGS)"),
        max_length=8,
        unique=True,
        validators=[validate_ags],
        help_text=_("8 Ziffern, z. B. 07141501"),
    )
    state = models.CharField(
        _("Bundesland"), max_length=2, choices=FederalState.choices, default=FederalState.RP
    )
    code = models.CharField(
        _("Kürzel"),
        max_length=8,
        unique=True,
        validators=[validate_code],
        help_text=_("Kurzzeichen für Registerschlüssel, z. B. DIE"),
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["prozesse.DepartmentPage", "prozesse.ArticlePage"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("ags"), FieldPanel("state"), FieldPanel("code")],
            heading=_("Stammdaten"),
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("code"),
    ]

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")

    def get_context(self, request, *args, **kwargs):
        visibility = visibility_of(request)
        context = super().get_context(request, *args, **kwargs)
        context["process_map"] = process_map(self, visibility)
        context["departments"] = visibility.apply(
            DepartmentPage.objects.live().child_of(self).order_by("path")
        )
        context["emergency_scenarios"] = emergency_scenarios(self, visibility)
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("notfallhandbuch/", name="handbook")
    def emergency_handbook(self, request):
        return TemplateResponse(
            request,
            "prozesse/emergency_handbook.html",
            handbook_context(self, visibility_of(request)),
        )

    @path("notfallhandbuch/pdf/", name="handbook_pdf")
    def emergency_handbook_pdf(self, request):
        html = render_to_string(
            "prozesse/emergency_handbook.html",
            {**handbook_context(self, visibility_of(request)), "for_pdf": True},
            request=request,
        )
        filename = f"Notfallhandbuch-{self.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
        return pdf_download(html_to_pdf(html), filename)


class DepartmentPage(Page):
    """A Fachbereich: the scope of a moderation workflow and of editor rights."""

    code = models.CharField(
        _("Kürzel"),
        max_length=8,
        validators=[validate_code],
        help_text=_("Kurzzeichen für Registerschlüssel, eindeutig je Kommune, z. B. BB"),
    )
    description = models.TextField(_("Aufgaben"), blank=True)

    parent_page_types = ["prozesse.MunicipalityPage"]
    subpage_types = [
        "prozesse.ProcessPage",
        "prozesse.EmergencyScenarioPage",
        "prozesse.ArticlePage",
    ]

    content_panels = [*Page.content_panels, FieldPanel("code"), FieldPanel("description")]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    class Meta:
        verbose_name = _("Fachbereich")
        verbose_name_plural = _("Fachbereiche")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = visible(request, self.get_children().live()).specific()
        return context

    def clean(self) -> None:
        super().clean()
        parent = self.get_parent() if self.path else None
        if parent is None:
            return
        siblings = DepartmentPage.objects.child_of(parent).filter(code=self.code)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if siblings.exists():
            raise ValidationError(
                {"code": _("Dieses Kürzel ist in dieser Kommune bereits vergeben.")}
            )
