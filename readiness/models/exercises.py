"""Exercises (Übungen) of a town's emergency scenarios and their findings (BSI-Standard 200-4).

* :class:`Exercise` – planned (type, date, scope: scenarios and processes, participants), then
  recorded as held with its outcome and results. It is the one source of a scenario's "last
  exercise": ``EmergencyScenarioPage.last_exercise`` reads the latest held exercise through the
  reverse relation ``exercises`` (the former page fields were migrated into exercises).
* :class:`Finding` – a finding of a held exercise and the follow-up (Maßnahme) it calls for,
  with a responsible person, a due date and a status; edited inline with its exercise, like
  the tasks of a decision (``prozesse.models.decision_tracking``).
* :class:`ExerciseReminder` – one reminder mail per person and day
  (``manage.py send_exercise_reminders``).

**The exercise cycle (documented rule).** Every live, non-archived scenario must have been
covered by a held exercise within the last :data:`EXERCISE_CYCLE_MONTHS` months. A scenario
never exercised is due at once. A planned exercise does not stop a scenario from being overdue;
it is shown next to it (``readiness.cycle``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

#: Each scenario needs a held exercise within this many months.
EXERCISE_CYCLE_MONTHS = 12


class ExerciseKind(models.TextChoices):
    PLAN_REVIEW = "planbesprechung", _("Planbesprechung")
    STAFF = "stabsuebung", _("Stabsübung")
    ALARM = "alarmierungsuebung", _("Alarmierungsübung")
    FUNCTION_TEST = "funktionstest", _("Funktionstest")
    FULL = "volluebung", _("Vollübung")
    #: Exercises taken over from the former "last exercise" fields of the scenarios.
    NOT_RECORDED = "nicht_erfasst", _("Art nicht erfasst")


class ExerciseStatus(models.TextChoices):
    PLANNED = "geplant", _("Geplant")
    HELD = "durchgefuehrt", _("Durchgeführt")
    CANCELLED = "abgesagt", _("Abgesagt")


class ExerciseOutcome(models.TextChoices):
    ACHIEVED = "erreicht", _("Übungsziel erreicht")
    PARTLY = "teilweise", _("Übungsziel teilweise erreicht")
    MISSED = "nicht_erreicht", _("Übungsziel nicht erreicht")


class FindingStatus(models.TextChoices):
    OPEN = "offen", _("Offen")
    IN_PROGRESS = "in_arbeit", _("In Arbeit")
    DONE = "erledigt", _("Erledigt")


OPEN_FINDING_STATUSES = (FindingStatus.OPEN, FindingStatus.IN_PROGRESS)


class ExerciseQuerySet(models.QuerySet):
    def held(self) -> ExerciseQuerySet:
        return self.filter(status=ExerciseStatus.HELD, held_on__isnull=False)

    def planned(self) -> ExerciseQuerySet:
        return self.filter(status=ExerciseStatus.PLANNED)


class Exercise(ClusterableModel):
    """One exercise of a town: planned, then held (or cancelled)."""

    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="exercises",
    )
    title = models.CharField(_("Titel"), max_length=255)
    kind = models.CharField(
        _("Art der Übung"), max_length=20, choices=ExerciseKind.choices, default=ExerciseKind.STAFF
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=ExerciseStatus.choices, default=ExerciseStatus.PLANNED
    )
    planned_for = models.DateField(_("Geplant für"))
    held_on = models.DateField(_("Durchgeführt am"), null=True, blank=True)
    scenarios = ParentalManyToManyField(
        "prozesse.EmergencyScenarioPage",
        verbose_name=_("Geübte Notfallszenarien"),
        related_name="exercises",
        blank=True,
    )
    processes = ParentalManyToManyField(
        "prozesse.ProcessPage",
        verbose_name=_("Geübte Prozesse"),
        related_name="exercises",
        blank=True,
    )
    participants = ParentalManyToManyField(
        "prozesse.Person", verbose_name=_("Teilnehmende"), related_name="exercises", blank=True
    )
    other_participants = models.TextField(
        _("Weitere Teilnehmende"), blank=True, help_text=_("z. B. Feuerwehr, Kreisverwaltung")
    )
    goal = models.TextField(_("Übungsziel"), blank=True)
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=ExerciseOutcome.choices, blank=True
    )
    results = models.TextField(_("Ergebnisse und Erkenntnisse"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    panels = [
        FieldPanel("municipality"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("planned_for"), FieldPanel("held_on")]),
        MultiFieldPanel(
            [FieldPanel("scenarios"), FieldPanel("processes"), FieldPanel("goal")],
            heading=_("Umfang"),
        ),
        MultiFieldPanel(
            [FieldPanel("participants"), FieldPanel("other_participants")],
            heading=_("Teilnehmende"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("results")], heading=_("Ergebnis der Übung")
        ),
        InlinePanel("findings", heading=_("Feststellungen und Maßnahmen"), label=_("Feststellung")),
    ]

    class Meta:
        verbose_name = _("Übung")
        verbose_name_plural = _("Übungen")
        ordering = ["-planned_for", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def date(self) -> datetime.date:
        """The day it was held, else the day it is planned for."""
        return self.held_on or self.planned_for

    def clean(self) -> None:
        errors = {}
        if self.status == ExerciseStatus.HELD:
            if not self.held_on:
                errors["held_on"] = _("Bitte das Datum der durchgeführten Übung angeben.")
            elif self.held_on > timezone.localdate():
                errors["held_on"] = _("Eine durchgeführte Übung kann nicht in der Zukunft liegen.")
            if not self.outcome:
                errors["outcome"] = _("Bitte das Ergebnis der Übung angeben.")
        elif self.held_on and self.status == ExerciseStatus.PLANNED:
            errors["status"] = _(
                "Die Übung hat ein Durchführungsdatum: bitte den Stand „Durchgeführt“ wählen."
            )
        if errors:
            raise ValidationError(errors)


class Finding(Orderable):
    """A finding of an exercise and its follow-up (Maßnahme), tracked until done."""

    exercise = ParentalKey(Exercise, related_name="findings", on_delete=models.CASCADE)
    finding = models.TextField(_("Feststellung"))
    measure = models.TextField(_("Maßnahme"))
    responsible = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exercise_findings",
    )
    due_date = models.DateField(_("Frist"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    done_on = models.DateField(_("Erledigt am"), null=True, blank=True)

    panels = [
        FieldPanel("finding"),
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("done_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Feststellung")
        verbose_name_plural = _("Feststellungen")

    def __str__(self) -> str:
        return self.measure[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FINDING_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    def clean(self) -> None:
        if self.status == FindingStatus.DONE and not self.done_on:
            self.done_on = timezone.localdate()
        if self.status != FindingStatus.DONE:
            self.done_on = None


class ExerciseReminder(models.Model):
    """One exercise reminder sent to one person on one day."""

    person = models.ForeignKey(
        "prozesse.Person", on_delete=models.CASCADE, related_name="exercise_reminders"
    )
    sent_on = models.DateField(_("Versandtag"))
    finding_ids = models.JSONField(_("Maßnahmen"), default=list)
    scenario_ids = models.JSONField(_("Szenarien"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Versandte Übungs-Erinnerung")
        verbose_name_plural = _("Versandte Übungs-Erinnerungen")
        ordering = ["-sent_on", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"], name="readiness_one_exercise_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.sent_on:%d.%m.%Y})"
