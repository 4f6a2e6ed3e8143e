"""Steering-committee decision (Beschluss) with decision tracking (Beschlusskontrolle)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from prozesse.blocks import AttachmentBlock
from prozesse.models.base import RegisterEntryPage
from prozesse.visibility import visibility_of


class DecisionStatus(models.TextChoices):
    PROPOSED = "vorgeschlagen", _("Vorgeschlagen")
    DECIDED = "beschlossen", _("Beschlossen")
    IN_PROGRESS = "in_umsetzung", _("In Umsetzung")
    IMPLEMENTED = "umgesetzt", _("Umgesetzt")
    REVOKED = "aufgehoben", _("Aufgehoben")


class ImplementationState(models.TextChoices):
    """How far a page the decision changes has been changed (``DecisionAffectedPage.state``)."""

    OPEN = "offen", _("Offen")
    IN_PROGRESS = "in_umsetzung", _("In Umsetzung")
    DONE = "umgesetzt", _("Umgesetzt")


OPEN_DECISION_STATUSES = (
    DecisionStatus.PROPOSED,
    DecisionStatus.DECIDED,
    DecisionStatus.IN_PROGRESS,
)


class DecisionPage(RegisterEntryPage):
    # Decisions are reviewed until implemented; the tracking list does the reminding.
    default_review_months = 3
    status_field = "decision_status"

    decision_number = models.CharField(
        _("Beschlussnummer"),
        max_length=50,
        unique=True,
        error_messages={"unique": _("Diese Beschlussnummer ist bereits vergeben.")},
        help_text=_("z. B. LK-2026-07"),
    )
    meeting_date = models.DateField(_("Sitzungsdatum"), null=True, blank=True)
    decision_text = RichTextField(_("Beschlusstext"), blank=True)
    rationale = RichTextField(_("Begründung"), blank=True)
    decision_status = models.CharField(
        _("Status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    responsible_person = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Umsetzung durch (Person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    responsible_department = models.ForeignKey(
        "prozesse.DepartmentPage",
        verbose_name=_("Umsetzung durch (Fachbereich)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    due_date = models.DateField(_("Umsetzung bis"), null=True, blank=True)
    affected_municipalities = ParentalManyToManyField(
        "prozesse.MunicipalityPage",
        blank=True,
        related_name="decisions",
        verbose_name=_("Betroffene Kommunen"),
    )
    votes_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), null=True, blank=True)
    attachments = StreamField(AttachmentBlock(), blank=True, verbose_name=_("Anlagen"))
    # Set by the OParl import; makes re-imports update instead of duplicate.
    oparl_id = models.CharField(max_length=500, unique=True, null=True, blank=True, editable=False)
    paper_type = models.CharField(_("Vorlagenart"), max_length=200, blank=True)

    parent_page_types = ["prozesse.CommitteeSectionPage"]
    subpage_types: list[str] = []

    content_panels = [
        *RegisterEntryPage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("meeting_date")]),
                FieldPanel("decision_status"),
                FieldPanel("paper_type"),
            ],
            heading=_("Beschluss"),
        ),
        FieldPanel("decision_text"),
        FieldPanel("rationale"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_person"),
                FieldPanel("responsible_department"),
                FieldPanel("due_date"),
            ],
            heading=_("Umsetzung"),
        ),
        FieldPanel("affected_municipalities", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "tasks",
            heading=pgettext_lazy("decision tasks", "Aufgaben"),
            label=_("Aufgabe"),
            help_text=_("Wer macht was bis wann? Die Ampel ergibt sich aus Frist und Fortschritt."),
        ),
        InlinePanel(
            "affected_page_links",
            heading=_("Betroffene Seiten"),
            label=_("Seite"),
            help_text=_(
                "Wird eine Seite veröffentlicht, die diesen Beschluss unter „Geändert durch "
                "Beschluss“ nennt, gilt sie hier als umgesetzt."
            ),
        ),
        FieldRowPanel(
            [FieldPanel("votes_yes"), FieldPanel("votes_no"), FieldPanel("votes_abstain")],
            heading=_("Abstimmungsergebnis"),
        ),
        FieldPanel("attachments"),
        *RegisterEntryPage.meta_panels(),
    ]

    search_fields = [
        *RegisterEntryPage.search_fields,
        index.SearchField("decision_number", boost=2),
        index.AutocompleteField("decision_number"),
        index.SearchField("decision_text"),
        index.SearchField("rationale"),
        index.SearchField("paper_type"),
        index.RelatedFields("responsible_person", [index.SearchField("name")]),
        index.FilterField("decision_status"),
        index.FilterField("due_date"),
        index.FilterField("meeting_date"),
    ]

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")

    @property
    def is_open(self) -> bool:
        return self.decision_status in OPEN_DECISION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def vote_result(self) -> str:
        if self.votes_yes is None and self.votes_no is None and self.votes_abstain is None:
            return ""
        return _("%(yes)s Ja, %(no)s Nein, %(abstain)s Enthaltungen") % {
            "yes": self.votes_yes or 0,
            "no": self.votes_no or 0,
            "abstain": self.votes_abstain or 0,
        }

    @classmethod
    def open_decisions(cls, section: Page) -> models.QuerySet:
        """Open decisions of a committee section: overdue first, then by due date."""
        today = timezone.localdate()
        return (
            cls.objects.live()
            .child_of(section)
            .filter(decision_status__in=OPEN_DECISION_STATUSES)
            .select_related("responsible_person", "responsible_department")
            .annotate(
                overdue=Case(
                    When(Q(due_date__lt=today), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("overdue", F("due_date").asc(nulls_last=True), "decision_number")
        )

    @classmethod
    def closed_decisions(cls, section: Page) -> models.QuerySet:
        return (
            cls.objects.live()
            .child_of(section)
            .exclude(decision_status__in=OPEN_DECISION_STATUSES)
            .order_by(F("meeting_date").desc(nulls_last=True), "decision_number")
        )

    def get_context(self, request, *args, **kwargs):
        visibility = visibility_of(request)
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        tasks = list(self.tasks.all())
        for task in tasks:
            task.page = self  # the light needs the meeting date; no query per task
            task.today_light = task.light(today)
        rows = [
            (link.target.specific_deferred, link)
            for link in self.affected_page_links.select_related("target")
            if link.target.live and visibility.allows(link.target)
        ]
        context.update(
            tasks=tasks,
            affected_rows=rows,
            affected_pages=[target for target, _link in rows],
            pages_done=sum(1 for _target, link in rows if link.state == ImplementationState.DONE),
            status_history=(
                list(self.status_changes.order_by("changed_at", "pk")) if self.pk else []
            ),
            affected_municipality_list=visibility.keep(self.affected_municipalities.all()),
        )
        return context


class DecisionAffectedPage(Orderable):
    """A page this decision changes (a process, a scenario, an article …)."""

    page = ParentalKey(DecisionPage, related_name="affected_page_links", on_delete=models.CASCADE)
    target = models.ForeignKey(
        Page, verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="decision_links"
    )
    state = models.CharField(
        _("Umsetzung"),
        max_length=20,
        choices=ImplementationState.choices,
        default=ImplementationState.OPEN,
    )
    #: When a published revision of the target first named the decision (set by the publish
    #: chain, ``prozesse.decision_tasks.sync_decision_pages``).
    implemented_at = models.DateTimeField(_("Umgesetzt am"), null=True, blank=True, editable=False)

    panels = [FieldRowPanel([FieldPanel("target"), FieldPanel("state")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Betroffene Seite")
        verbose_name_plural = _("Betroffene Seiten")
