"""Emergency scenario (Notfallszenario) in the style of BSI-Standard 200-4."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from prozesse.blocks import AlarmChainEntryBlock
from prozesse.models.base import RegisterEntryPage
from prozesse.visibility import Visibility, visibility_of


class ScenarioCategory(models.TextChoices):
    POWER = "stromausfall", _("Stromausfall")
    IT = "it_ausfall", _("IT-Ausfall / Cyberangriff")
    FLOOD = "hochwasser", _("Hochwasser / Unwetter")
    STAFF = "personalausfall", _("Personalausfall / Pandemie")
    BUILDING = "gebaeudeausfall", _("Gebäudeausfall")
    SUPPLIER = "dienstleister", _("Ausfall Dienstleister")
    OTHER = "sonstiges", _("Sonstiges")


class ScenarioStatus(models.TextChoices):
    VALID = "gueltig", _("Gültig")
    REVISION = "in_ueberarbeitung", _("In Überarbeitung")
    ARCHIVED = "archiviert", _("Archiviert")


class EmergencyScenarioPage(RegisterEntryPage):
    default_review_months = 6
    status_field = "status"

    category = models.CharField(_("Kategorie"), max_length=20, choices=ScenarioCategory.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=ScenarioStatus.choices, default=ScenarioStatus.VALID
    )
    description = RichTextField(_("Beschreibung"), blank=True)
    triggers = RichTextField(_("Auslöser und Frühwarnzeichen"), blank=True)
    alarm_chain = StreamField(
        [("entry", AlarmChainEntryBlock())], blank=True, verbose_name=_("Alarmierungskette")
    )
    immediate_actions = StreamField(
        [("action", blocks.CharBlock(label=_("Maßnahme"), max_length=500))],
        blank=True,
        verbose_name=_("Sofortmaßnahmen"),
    )
    continuity = RichTextField(_("Notbetrieb"), blank=True)
    recovery = RichTextField(_("Wiederanlauf"), blank=True)
    resources = RichTextField(_("Benötigte Ressourcen"), blank=True)

    parent_page_types = ["prozesse.DepartmentPage"]
    subpage_types: list[str] = []

    content_panels = [
        *RegisterEntryPage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
        FieldPanel("description"),
        FieldPanel("triggers"),
        InlinePanel(
            "process_links", heading=_("Betroffene kritische Prozesse"), label=_("Prozess")
        ),
        FieldPanel("alarm_chain"),
        FieldPanel("immediate_actions"),
        FieldPanel("continuity"),
        FieldPanel("recovery"),
        FieldPanel("resources"),
        *RegisterEntryPage.decision_panels(),
        *RegisterEntryPage.meta_panels(),
    ]

    search_fields = [
        *RegisterEntryPage.search_fields,
        index.SearchField("description"),
        index.SearchField("triggers"),
        index.SearchField("continuity"),
        index.SearchField("recovery"),
        index.SearchField("resources"),
        index.SearchField("actions_search_text"),
        index.SearchField("alarm_chain_search_text"),
        index.FilterField("category"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("Notfallszenario")
        verbose_name_plural = _("Notfallszenarien")

    @property
    def last_exercise(self):
        """The latest held exercise that covered this scenario, or None.

        Exercises are recorded in the app ``readiness`` (its ``Exercise.scenarios`` gives
        scenarios the reverse relation ``exercises``); they are the one source of the "last
        exercise" – the page has no field of its own for it any more."""
        if not self.pk:
            return None
        cache = "_last_exercise"
        if cache not in self.__dict__:
            self.__dict__[cache] = (
                self.exercises.filter(status="durchgefuehrt", held_on__isnull=False)
                .order_by("-held_on", "-pk")
                .first()
            )
        return self.__dict__[cache]

    @property
    def last_exercise_date(self):
        exercise = self.last_exercise
        return exercise.held_on if exercise else None

    @property
    def exercise_result(self) -> str:
        exercise = self.last_exercise
        return exercise.results if exercise else ""

    def actions_search_text(self) -> str:
        return "\n".join(str(block.value) for block in self.immediate_actions)

    def alarm_chain_search_text(self) -> str:
        lines = []
        for block in self.alarm_chain:
            value = block.value
            lines.append(value.get("role") or "")
            lines += [
                person.name for person in (value.get("person"), value.get("substitute")) if person
            ]
        return "\n".join(line for line in lines if line)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visibility = visibility_of(request)
        links = ScenarioProcess.objects.filter(page=self).select_related(*PROCESS_LINK_RELATED)
        self.critical_processes = critical_processes(links, visibility)
        extend_critical_processes([self], visibility)
        context["affected_processes"] = self.critical_processes
        return context


#: What a listing of a scenario's critical processes shows, for select_related.
PROCESS_LINK_RELATED = ("process__department", "process__content_owner")
#: Wagtail hook through which other apps add to the critical processes of scenarios: a
#: function ``(scenarios, visibility)`` that may extend or reorder each scenario's
#: ``critical_processes`` list (``continuity`` adds those hit through the dependencies on what
#: the scenario knocks out). It must keep to the visibility it is given.
SCENARIO_PROCESSES_HOOK = "extend_scenario_processes"


def extend_critical_processes(scenarios: list, visibility: Visibility) -> None:
    """Let the apps registered under SCENARIO_PROCESSES_HOOK complete ``critical_processes``."""
    for extend in hooks.get_hooks(SCENARIO_PROCESSES_HOOK):
        extend(scenarios, visibility)


def critical_processes(links, visibility: Visibility) -> list:
    """Live processes of the given scenario links that the reader may see, most urgent (lowest
    RTO) first."""
    processes = visibility.keep(link.process for link in links if link.process.live)
    return sorted(processes, key=lambda p: (p.rto_hours is None, p.rto_hours or 0, p.title))


class ScenarioProcess(Orderable):
    page = ParentalKey(
        EmergencyScenarioPage, related_name="process_links", on_delete=models.CASCADE
    )
    process = models.ForeignKey(
        "prozesse.ProcessPage",
        verbose_name=_("Prozess"),
        on_delete=models.CASCADE,
        related_name="scenario_links",
    )

    panels = [FieldPanel("process")]

    class Meta(Orderable.Meta):
        verbose_name = _("Betroffener Prozess")
        verbose_name_plural = _("Betroffene Prozesse")
