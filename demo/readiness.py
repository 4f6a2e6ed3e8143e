"""Demo content for emergency readiness (Notfallvorsorge), a step of ``seed_demo``.

* the exercise history of the scenarios (the dates and results the scenario data carry, as held
  exercises – where the scenario pages kept them before exercises had their own records);
* in Diez a planned staff exercise (Stabsübung) for the power cut, which stays overdue in its
  cycle until it is held, and a held alarm exercise for the Lahn flood with findings: one open
  and overdue, one in progress, one done;
* a released handbook of Diez (requested by knowledge management, released by the
  Lenkungskreis – four eyes) that a later publish of one of its scenarios made stale.

Dates are relative to today, so the demo keeps showing what it shows. Idempotent: exercises are
found by town and title, and the release is made only when Diez has none.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo import data
from demo.report import CREATED, UNCHANGED
from prozesse.models import EmergencyScenarioPage
from readiness.models import (
    Exercise,
    ExerciseKind,
    ExerciseOutcome,
    ExerciseStatus,
    Finding,
    FindingStatus,
    HandbookRelease,
)
from readiness.releases import release_handbook, request_release


@dataclass(frozen=True)
class FindingData:
    finding: str
    measure: str
    person: str
    #: Due date in days from today (negative: overdue).
    due_in: int
    status: str = FindingStatus.OPEN


PLANNED = {
    "municipality": "diez",
    "title": "Stabsübung Stromausfall Rathaus",
    "kind": ExerciseKind.STAFF,
    "planned_in": 45,
    "scenarios": ("diez/stromausfall-rathaus",),
    "people": ("die-neumann", "die-bruehl"),
    "goal": "Verwaltungsstab arbeitet drei Stunden ohne Netzstrom; Notstrom und Meldewege prüfen.",
}
HELD = {
    "municipality": "diez",
    "title": "Alarmierungsübung Hochwasser Lahn",
    "kind": ExerciseKind.ALARM,
    "held_ago": 21,
    "scenarios": ("diez/hochwasser-lahn",),
    "people": ("die-weber", "die-neumann", "die-bruehl"),
    "goal": "Alle Stellen der Alarmierungskette innerhalb von 30 Minuten erreichen.",
    "results": (
        "Nach 42 Minuten waren alle Stellen erreicht. Zwei Nummern waren veraltet; die "
        "Vertretung der IT-Koordination war nicht hinterlegt."
    ),
    "findings": (
        FindingData(
            "Zwei Telefonnummern der Alarmierungskette waren veraltet.",
            "Nummern der Alarmierungskette prüfen und den Notfallordner neu ausdrucken.",
            "die-weber",
            -3,
        ),
        FindingData(
            "Für die IT-Koordination ist keine Vertretung hinterlegt.",
            "Vertretung der IT-Koordination benennen und im Szenario eintragen.",
            "die-bruehl",
            30,
            FindingStatus.IN_PROGRESS,
        ),
        FindingData(
            "Die Sammelliste der Wehrleitung fehlte im Notfallordner.",
            "Sammelliste in den Notfallordner legen.",
            "die-weber",
            -10,
            FindingStatus.DONE,
        ),
    ),
}
RELEASE_TOWN = "diez"
#: The scenario whose later publish makes the released handbook stale.
LATER_CHANGE = "diez/cyberangriff-ransomware"


def _exercise(ctx, municipality: str, title: str) -> tuple[Exercise, bool]:
    town = ctx.municipalities[municipality]
    existing = Exercise.objects.filter(municipality=town, title=title).first()
    return (existing, False) if existing else (Exercise(municipality=town, title=title), True)


def _save(exercise: Exercise, scenarios, processes, people) -> None:
    exercise.save()
    exercise.scenarios.set(scenarios)
    exercise.processes.set(processes)
    exercise.participants.set(people)
    exercise.save()


def seed_history(ctx) -> None:
    for spec in data.SCENARIOS:
        if not spec.last_exercise:
            continue
        exercise, new = _exercise(ctx, spec.municipality, f"Übung {spec.title}")
        if not new:
            ctx.report.record("readiness", UNCHANGED)
            continue
        exercise.kind = ExerciseKind.NOT_RECORDED
        exercise.status = ExerciseStatus.HELD
        exercise.planned_for = exercise.held_on = spec.last_exercise
        exercise.outcome = ExerciseOutcome.ACHIEVED
        exercise.results = spec.exercise_result
        _save(exercise, [ctx.scenarios[spec.ref]], [], [])
        ctx.report.record("readiness", CREATED)


def _scope(ctx, spec: dict):
    scenarios = [ctx.scenarios[ref] for ref in spec["scenarios"]]
    processes = [link.process for s in scenarios for link in s.process_links.all()]
    return scenarios, processes, [ctx.people[key] for key in spec["people"]]


def seed_planned_and_held(ctx, today: datetime.date) -> None:
    exercise, new = _exercise(ctx, PLANNED["municipality"], PLANNED["title"])
    if new:
        exercise.kind = PLANNED["kind"]
        exercise.planned_for = today + datetime.timedelta(days=PLANNED["planned_in"])
        exercise.goal = PLANNED["goal"]
        _save(exercise, *_scope(ctx, PLANNED))
    ctx.report.record("readiness", CREATED if new else UNCHANGED)

    exercise, new = _exercise(ctx, HELD["municipality"], HELD["title"])
    if new:
        held_on = today - datetime.timedelta(days=HELD["held_ago"])
        exercise.kind = HELD["kind"]
        exercise.status = ExerciseStatus.HELD
        exercise.planned_for = exercise.held_on = held_on
        exercise.goal = HELD["goal"]
        exercise.outcome = ExerciseOutcome.PARTLY
        exercise.results = HELD["results"]
        exercise.findings = [
            Finding(
                sort_order=n,
                finding=item.finding,
                measure=item.measure,
                responsible=ctx.people[item.person],
                due_date=today + datetime.timedelta(days=item.due_in),
                status=item.status,
                done_on=today if item.status == FindingStatus.DONE else None,
            )
            for n, item in enumerate(HELD["findings"])
        ]
        _save(exercise, *_scope(ctx, HELD))
    ctx.report.record("readiness", CREATED if new else UNCHANGED)


def seed_release(ctx) -> None:
    town = ctx.municipalities[RELEASE_TOWN]
    if HandbookRelease.objects.filter(municipality=town).exists():
        ctx.report.record("readiness", UNCHANGED)
        return
    accounts = get_user_model().objects
    request = request_release(town, accounts.get(username="wissen-kommune"), "Jährliche Freigabe")
    release_handbook(request, accounts.get(username="lenkungskreis"))
    # A later change: the scenario is published again (same content, a new revision), which
    # marks the released handbook stale through the product's own publish signal.
    scenario = EmergencyScenarioPage.objects.get(pk=ctx.scenarios[LATER_CHANGE].pk)
    scenario.save_revision(user=ctx.admin).publish(user=ctx.admin)
    ctx.report.record("readiness", CREATED)


def seed_readiness(ctx) -> None:
    ctx.log("Notfallvorsorge (Übungen, Maßnahmen, freigegebenes Notfallhandbuch) …")
    today = timezone.localdate()
    seed_history(ctx)
    seed_planned_and_held(ctx, today)
    seed_release(ctx)
