"""What is due in emergency readiness: scenarios whose exercise cycle has run out and open
follow-ups (findings) of exercises. The dashboard, "Meine Aufgaben" and the daily reminders all
read these two functions, so the rule lives here once.

* **Übung fällig** – a live, non-archived scenario without a held exercise within
  :data:`readiness.models.EXERCISE_CYCLE_MONTHS` months before the reference day (never
  exercised: due at once). ``due`` is the day the cycle ran out (None: never exercised), and
  ``planned`` the next planned exercise of the scenario, if any.
* **Maßnahme offen / überfällig** – a finding with status "offen" or "in Arbeit"; overdue when
  its due date has passed.

Both are reduced to what the reader may see (``prozesse.visibility``): a scenario through its
page, a finding through the pages its exercise covers (an exercise that covers no page the
reader may see is not theirs to see, unless it covers no page at all – then the town decides).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone

from prozesse.models import EmergencyScenarioPage, ProcessPage, ScenarioStatus
from prozesse.visibility import Visibility
from readiness.models import (
    EXERCISE_CYCLE_MONTHS,
    Exercise,
    ExerciseStatus,
    Finding,
)
from readiness.models.exercises import OPEN_FINDING_STATUSES


@dataclass
class DueScenario:
    scenario: EmergencyScenarioPage
    last_held: datetime.date | None
    #: The day the cycle ran out; None when the scenario was never exercised.
    due: datetime.date | None
    planned: Exercise | None

    @property
    def never_exercised(self) -> bool:
        return self.last_held is None


def cycle_start(today: datetime.date) -> datetime.date:
    """Held exercises on or after this day keep a scenario in its cycle."""
    return today - relativedelta(months=EXERCISE_CYCLE_MONTHS)


def overdue_scenarios(
    visibility: Visibility, today: datetime.date | None = None, municipality=None
) -> list[DueScenario]:
    """Scenarios the reader may see whose exercise cycle has run out, longest overdue first."""
    today = today or timezone.localdate()
    scenarios = visibility.apply(
        EmergencyScenarioPage.objects.live().exclude(status=ScenarioStatus.ARCHIVED)
    ).select_related("municipality", "department", "content_owner")
    if municipality is not None:
        scenarios = scenarios.filter(municipality=municipality)
    scenarios = scenarios.annotate(
        last_held=Max("exercises__held_on", filter=Q(exercises__status=ExerciseStatus.HELD))
    ).filter(Q(last_held__isnull=True) | Q(last_held__lt=cycle_start(today)))
    scenarios = list(scenarios.order_by("title"))
    planned: dict[int, Exercise] = {}
    for exercise in (
        Exercise.objects.planned()
        .filter(scenarios__in=[s.pk for s in scenarios], planned_for__gte=today)
        .prefetch_related("scenarios")
        .order_by("-planned_for")
    ):
        for scenario in exercise.scenarios.all():
            planned[scenario.pk] = exercise
    found = [
        DueScenario(
            scenario,
            scenario.last_held,
            scenario.last_held + relativedelta(months=EXERCISE_CYCLE_MONTHS)
            if scenario.last_held
            else None,
            planned.get(scenario.pk),
        )
        for scenario in scenarios
    ]
    return sorted(found, key=lambda d: (d.due is not None, d.due or today, d.scenario.title))


def visible_exercises(visibility: Visibility, exercises=None):
    """Exercises the reader may see: those covering at least one scenario or process the reader
    may see, and those covering no page at all."""
    exercises = Exercise.objects.all() if exercises is None else exercises
    hidden_only = Q()
    if visibility.restricts:
        seen_scenarios = visibility.apply(EmergencyScenarioPage.objects.all()).values("pk")
        seen_processes = visibility.apply(ProcessPage.objects.all()).values("pk")
        covers_any = Q(scenarios__isnull=False) | Q(processes__isnull=False)
        covers_seen = Q(scenarios__in=seen_scenarios) | Q(processes__in=seen_processes)
        hidden_only = ~covers_any | covers_seen
        ids = Exercise.objects.filter(hidden_only).values("pk")
        return exercises.filter(pk__in=ids)
    return exercises


def open_findings(visibility: Visibility, *, person_ids=None, municipality=None):
    """Open follow-ups of held exercises the reader may see, soonest due first."""
    findings = Finding.objects.filter(
        status__in=OPEN_FINDING_STATUSES,
        exercise__in=visible_exercises(visibility).values("pk"),
    ).select_related("exercise", "exercise__municipality", "responsible")
    if person_ids is not None:
        findings = findings.filter(responsible_id__in=person_ids)
    if municipality is not None:
        findings = findings.filter(exercise__municipality=municipality)
    return findings.order_by("due_date", "exercise__title", "sort_order")
