"""Process model (Prozesssteckbrief): the heart of the register."""

from __future__ import annotations

import re

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from prozesse.blocks import AttachmentBlock, LegalBasisBlock, ProcessStepBlock
from prozesse.edit_panels import CompletenessPanel, DiagramPanel, labelled_stream
from prozesse.formats.bpmn import BpmnError, parse_bpmn
from prozesse.formats.bpmn.svg import render_svg
from prozesse.models.base import RegisterEntryPage
from prozesse.models.emergency import EmergencyScenarioPage, ScenarioProcess
from prozesse.models.indexing import SearchBatchQuerySet
from prozesse.models.laws import LegalCatalogue
from prozesse.process_downloads import bpmn_file_response, profile_pdf_response
from prozesse.validators import validate_leika_key
from prozesse.visibility import visibility_of

REGISTER_KEY_NUMBER = re.compile(r"-(\d+)$")
#: Large fields the search index does not read (the diagram is indexed as ``bpmn_text``).
NOT_SEARCHED = ("bpmn_svg", "bpmn_outline", "attachments")
#: Wagtail hook through which other apps derive process fields when the page is cleaned: a
#: function taking the page (``continuity`` derives criticality and RTO from the impact
#: analysis, so the two fields have one source).
DERIVE_PROCESS_FIELDS_HOOK = "derive_process_fields"


class ProcessCategory(models.TextChoices):
    MANAGEMENT = "fuehrung", _("Führungsprozess")
    CORE = "kern", _("Kernprozess")
    SUPPORT = "unterstuetzung", _("Unterstützungsprozess")


class ProcessStatus(models.TextChoices):
    CURRENT = "ist", _("Ist")
    TARGET = "soll", _("Soll")
    REVISION = "in_ueberarbeitung", _("In Überarbeitung")
    ARCHIVED = "archiviert", _("Archiviert")


class Maturity(models.IntegerChoices):
    LEVEL_0 = 0, _("0 – offline")
    LEVEL_1 = 1, _("1 – Information")
    LEVEL_2 = 2, _("2 – Formular-Download")
    LEVEL_3 = 3, _("3 – Online-Antrag")
    LEVEL_4 = 4, _("4 – vollständig digital")


class Criticality(models.TextChoices):
    LOW = "niedrig", _("niedrig")
    NORMAL = "normal", _("normal")
    HIGH = "hoch", _("hoch")
    VERY_HIGH = "sehr_hoch", _("sehr hoch")


class ProcessPage(RoutablePageMixin, RegisterEntryPage):
    default_review_months = 12
    status_field = "status"

    register_key = models.CharField(
        _("Registerschlüssel"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("Dieser Registerschlüssel ist bereits vergeben.")},
        help_text=_(
            "Wird beim Anlegen erzeugt (z. B. DIE-BB-0042) und bleibt nach der "
            "Veröffentlichung stabil."
        ),
    )
    category = models.CharField(
        _("Prozessart"),
        max_length=20,
        choices=ProcessCategory.choices,
        default=ProcessCategory.CORE,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.CURRENT
    )
    trigger = models.TextField(_("Auslöser"), blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    inputs = models.TextField(_("Eingaben"), blank=True, help_text=_("Eine Angabe je Zeile"))
    outputs = models.TextField(_("Ausgaben"), blank=True, help_text=_("Eine Angabe je Zeile"))
    steps = StreamField(
        [("step", ProcessStepBlock())], blank=True, verbose_name=_("Prozessschritte")
    )
    legal_bases = StreamField(
        [("legal_basis", LegalBasisBlock())], blank=True, verbose_name=_("Rechtsgrundlagen")
    )
    service_key = models.CharField(
        _("LeiKa-/FIM-Schlüssel"),
        max_length=14,
        blank=True,
        db_index=True,  # "the same service in other municipalities" on every process page
        validators=[validate_leika_key],
        help_text=_("14 Ziffern aus dem Leistungskatalog, z. B. 99050012104000"),
    )
    it_systems = ParentalManyToManyField(
        "prozesse.ITSystem", blank=True, related_name="processes", verbose_name=_("Fachverfahren")
    )
    case_volume = models.PositiveIntegerField(_("Fallzahl pro Jahr"), null=True, blank=True)
    processing_minutes = models.PositiveIntegerField(
        _("Bearbeitungszeit je Fall (Minuten)"), null=True, blank=True
    )
    maturity = models.PositiveSmallIntegerField(
        _("Reifegrad (OZG)"),
        choices=Maturity.choices,
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
    )
    bpmn_file = models.FileField(
        _("BPMN-2.0-Diagramm"),
        upload_to="bpmn/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["bpmn", "xml"])],
        help_text=_("Export aus dem Modellierungswerkzeug (.bpmn oder .xml, höchstens 10 MB)"),
    )
    # Derived from the BPMN file at save time, so pages render without parsing.
    bpmn_svg = models.TextField(blank=True, editable=False)
    bpmn_outline = models.JSONField(default=list, blank=True, editable=False)
    bpmn_text = models.TextField(blank=True, editable=False)
    attachments = StreamField(AttachmentBlock(), blank=True, verbose_name=_("Anlagen"))
    criticality = models.CharField(
        _("Kritikalität im Notfall"),
        max_length=20,
        choices=Criticality.choices,
        default=Criticality.NORMAL,
    )
    rto_hours = models.IntegerField(
        _("Wiederanlaufzeit (RTO) in Stunden"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=_("Die Wiederanlaufzeit (RTO) darf nicht negativ sein."))
        ],
    )
    share_intermunicipal = models.BooleanField(
        _("Interkommunal freigeben"),
        default=False,
        help_text=_(
            "Andere Kommunen dürfen diesen Prozess übernehmen "
            "(zweite Freigabe durch den Lenkungskreis)."
        ),
    )

    # Set by the BPMN and XProzess imports (SHA-256 of the imported file): re-runs skip or
    # update instead of duplicating.
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    parent_page_types = ["prozesse.DepartmentPage", "prozesse.ImportInboxPage"]
    subpage_types: list[str] = []

    content_panels = [
        CompletenessPanel(heading=_("Vollständigkeit")),
        *RegisterEntryPage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("register_key", read_only=True),
                FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
                FieldPanel("service_key"),
            ],
            heading=_("Einordnung"),
        ),
        InlinePanel("deputies", heading=_("Vertretungen"), label=_("Vertretung")),
        MultiFieldPanel(
            [
                FieldPanel("trigger"),
                FieldPanel("outcome"),
                FieldPanel("inputs"),
                FieldPanel("outputs"),
            ],
            heading=_("Auslöser und Ergebnis"),
        ),
        labelled_stream("steps", _("Prozessschritt")),
        DiagramPanel("bpmn_file"),
        labelled_stream("legal_bases", _("Rechtsgrundlage")),
        MultiFieldPanel(
            [
                FieldPanel("it_systems", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("case_volume"), FieldPanel("processing_minutes")]),
                FieldPanel("maturity"),
            ],
            heading=_("Kennzahlen und Fachverfahren"),
        ),
        MultiFieldPanel(
            [FieldPanel("criticality"), FieldPanel("rto_hours")], heading=_("Notfallvorsorge")
        ),
        InlinePanel("related_process_links", heading=_("Verwandte Prozesse"), label=_("Prozess")),
        labelled_stream("attachments", _("Anlage")),
        FieldPanel("share_intermunicipal"),
        *RegisterEntryPage.decision_panels(),
        *RegisterEntryPage.meta_panels(),
    ]

    search_fields = [
        *RegisterEntryPage.search_fields,
        index.SearchField("register_key", boost=2),
        index.AutocompleteField("register_key"),
        index.SearchField("service_key"),
        index.SearchField("trigger"),
        index.SearchField("outcome"),
        index.SearchField("inputs"),
        index.SearchField("outputs"),
        index.SearchField("steps_search_text"),
        index.SearchField("legal_bases_search_text", boost=1.5),
        index.SearchField("people_search_text"),
        index.SearchField("bpmn_text"),
        index.RelatedFields("it_systems", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("status"),
        index.FilterField("maturity"),
        index.FilterField("service_key"),
    ]

    class Meta:
        verbose_name = _("Prozesssteckbrief")
        verbose_name_plural = _("Prozesssteckbriefe")

    # ------------------------------------------------------------------ validation
    def clean_fields(self, exclude=None) -> None:
        if self.service_key:
            self.service_key = "".join(self.service_key.split())
        super().clean_fields(exclude)

    def derive_fields(self) -> None:
        super().derive_fields()
        self._assign_register_key()
        self._derive_bpmn()
        for derive in hooks.get_hooks(DERIVE_PROCESS_FIELDS_HOOK):
            derive(self)

    def _assign_register_key(self) -> None:
        """Generate ``<town>-<dept>-NNNN`` once; stable after first publication."""
        if not self.path:
            return
        # By name, not import: the organisation pages' module imports this one (via selectors).
        DepartmentPage = apps.get_model("prozesse", "DepartmentPage")
        MunicipalityPage = apps.get_model("prozesse", "MunicipalityPage")

        department = DepartmentPage.objects.ancestor_of(self).first()
        municipality = MunicipalityPage.objects.ancestor_of(self).first()
        if department is None or municipality is None:
            return
        prefix = f"{municipality.code}-{department.code}-"
        if self.register_key and (self.first_published_at or self.register_key.startswith(prefix)):
            return
        numbers = [
            int(match.group(1))
            for key in ProcessPage.objects.filter(register_key__startswith=prefix)
            .exclude(pk=self.pk)
            .values_list("register_key", flat=True)
            if (match := REGISTER_KEY_NUMBER.search(key))
        ]
        self.register_key = f"{prefix}{max(numbers, default=0) + 1:04d}"

    def _derive_bpmn(self) -> None:
        if not self.bpmn_file:
            self.bpmn_svg, self.bpmn_outline, self.bpmn_text = "", [], ""
            return
        is_new_upload = not getattr(self.bpmn_file, "_committed", True)
        if not is_new_upload and self.bpmn_outline:
            return
        try:
            self.bpmn_file.open("rb")
            self.bpmn_file.seek(0)
            data = self.bpmn_file.read()
            self.bpmn_file.seek(0)
        except OSError as error:
            raise ValidationError(
                {
                    "bpmn_file": _("Die BPMN-Datei konnte nicht gelesen werden (%(error)s).")
                    % {"error": error}
                }
            ) from error
        try:
            model = parse_bpmn(data)
        except BpmnError as error:
            raise ValidationError({"bpmn_file": str(error)}) from error
        self.bpmn_text = model.searchable_text()
        self.bpmn_outline = outline_as_json(model)
        self.bpmn_svg = render_svg(model, title=self.title) or ""

    # ------------------------------------------------------------------ search text
    @classmethod
    def get_indexed_objects(cls):
        # What the search text reads is fetched per batch, not per page: deputies, IT systems
        # (modelsearch leaves ParentalManyToMany fields to per-page queries) and the catalogue
        # entries the legal bases cite (prepare_search_batch).
        return SearchBatchQuerySet.adopt(
            super()
            .get_indexed_objects()
            .defer(*NOT_SEARCHED)
            .prefetch_related("deputies__person", "it_systems")
        )

    @classmethod
    def prepare_search_batch(cls, pages: list[ProcessPage]) -> None:
        catalogue = LegalCatalogue.for_blocks(
            block.get("value") or {} for page in pages for block in page.legal_bases.raw_data
        )
        for page in pages:
            page._legal_catalogue = catalogue

    # The search texts read the stored block values (raw data): turning them into Python values
    # would look up every snippet a block chooses, one query per page and field.
    def steps_search_text(self) -> str:
        lines = []
        for block in self.steps.raw_data:
            value = block.get("value") or {}
            lines += [value.get("name"), value.get("responsible_role"), value.get("description")]
        return "\n".join(line for line in lines if line)

    def legal_bases_search_text(self) -> str:
        """Citations in the spellings people search for ("§ 14 GewO", "GewO 14"), catalogue
        titles included (see ``LegalCatalogue.search_lines``)."""
        values = [block.get("value") or {} for block in self.legal_bases.raw_data]
        catalogue = getattr(self, "_legal_catalogue", None) or LegalCatalogue.for_blocks(values)
        return "\n".join(line for value in values for line in catalogue.search_lines(value))

    def people_search_text(self) -> str:
        return "\n".join(link.person.name for link in self.deputies.all() if link.person_id)

    # ------------------------------------------------------------------ downloads
    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("export/bpmn/", name="bpmn_download")
    def bpmn_download(self, request):
        return bpmn_file_response(request, self)

    @path("export/pdf/", name="profile_pdf")
    def profile_pdf(self, request):
        return profile_pdf_response(request, self)

    @path("diagramm/", name="diagram")
    def diagram(self, request):
        """The diagram in full size, with zoom and pan (``static_src/js/diagram-viewer.js``)."""
        if not self.bpmn_svg:
            raise Http404
        return self.render(request, template="prozesse/process_diagram.html")

    # ------------------------------------------------------------------ rendering
    def get_context(self, request, *args, **kwargs):
        visibility = visibility_of(request)
        context = super().get_context(request, *args, **kwargs)
        context["deputies"] = [link.person for link in self.deputies.select_related("person")]
        # Links only: title, URL, municipality and department – not the linked pages' content.
        context["related_processes"] = [
            link.process
            for link in visibility.apply(
                self.related_process_links.select_related(
                    "process__municipality", "process__department"
                ),
                prefix="process__",
            ).only(
                "page_id",
                "process__title",
                "process__url_path",
                "process__path",
                "process__live",
                "process__municipality__title",
                "process__department__title",
            )
            if link.process.live
        ]
        context["scenarios"] = visibility.apply(
            EmergencyScenarioPage.objects.live()
            .filter(pk__in=ScenarioProcess.objects.filter(process=self).values("page"))
            .select_related("municipality")
            .only("title", "url_path", "path", "municipality__title")
            .order_by("title")
        )
        context["it_system_list"] = list(self.it_systems.all())
        context["tag_list"] = list(self.tags.all())
        return context


def outline_as_json(model) -> list[dict]:
    """The BPMN text outline in a JSON-serialisable form for storage on the page."""
    return [
        {
            "title": section.title,
            "level": section.level,
            "kind": section.kind,
            "items": [
                {"label": item.label, "type_label": item.type_label, "depth": item.depth}
                for item in section.items
            ],
        }
        for section in model.outline()
    ]


class ProcessDeputy(Orderable):
    page = ParentalKey(ProcessPage, related_name="deputies", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "prozesse.Person", verbose_name=_("Person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("Vertretung")
        verbose_name_plural = _("Vertretungen")


class RelatedProcess(Orderable):
    page = ParentalKey(ProcessPage, related_name="related_process_links", on_delete=models.CASCADE)
    process = models.ForeignKey(
        ProcessPage, verbose_name=_("Prozess"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("process")]

    class Meta(Orderable.Meta):
        verbose_name = _("Verwandter Prozess")
        verbose_name_plural = _("Verwandte Prozesse")
