"""Demo content for decision tracking (Beschlusskontrolle), a step of ``seed_demo``.

Tasks of the steering committee's decisions in every light – red (overdue), yellow (due soon or
behind), green (on track), done – with due dates relative to today, so the lights stay what
they show; and a decision with half of its pages done: one of the two processes LK-2025-03
changes names it under "Geändert durch Beschluss" and is published, which marks it done
through the product's own publish chain (``prozesse.decision_tasks``). Tasks are set on the
decision's latest revision and published like an edit, so the status history is written too.
Idempotent on the same day: nothing is published when tasks and references are as wanted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from demo.report import CREATED, UNCHANGED
from prozesse.models import DecisionPage, DecisionReference, DecisionTask, TaskStatus


@dataclass(frozen=True)
class TaskData:
    title: str
    person: str
    #: Due date in days from today (negative: overdue).
    due_in: int
    status: str = TaskStatus.IN_PROGRESS
    progress: int = 0


#: Decision number → its tasks; the comment names the decision's light (a decision past its own
#: due date is red whatever its tasks say, so the other lights sit on decisions still in time).
TASKS: dict[str, tuple[TaskData, ...]] = {
    # Rot: the scanning desks are overdue; yellow training below it.
    "LK-2025-03": (
        TaskData(
            "Scanarbeitsplätze in allen Poststellen einrichten", "die-bruehl", -12, progress=60
        ),
        TaskData("Schulung Posteingang und ersetzendes Scannen", "die-hoffmann", 9, progress=30),
    ),
    # Gelb: due within two weeks, half done.
    "LK-2026-01": (
        TaskData(
            "KI-Assistenz im Bürgerbüro mit Testfällen erproben", "mon-hartmann", 10, progress=50
        ),
        TaskData(
            "Datenschutz-Folgenabschätzung abstimmen",
            "mon-hartmann",
            60,
            status=TaskStatus.DONE,
            progress=100,
        ),
    ),
    # Grün: on track.
    "LK-2025-04": (
        TaskData("Szenario IT-Ausfall nach BSI 200-4 beschreiben", "die-neumann", 120, progress=90),
        TaskData(
            "Stromausfall-Übung auswerten", "wei-hofmann", -30, status=TaskStatus.DONE, progress=100
        ),
    ),
    # Erledigt: every task done.
    "LK-2026-04": (
        TaskData(
            "Ausweich-Rechenzentrum vertraglich sichern",
            "kai-klein",
            -5,
            status=TaskStatus.DONE,
            progress=100,
        ),
    ),
}

#: Pages published naming the decision they carry in: (decision number, process reference).
CARRIED_IN = (("LK-2025-03", "diez/posteingang-e-akte"),)


def _wanted_tasks(ctx, specs: tuple[TaskData, ...], today: datetime.date) -> list[DecisionTask]:
    return [
        DecisionTask(
            sort_order=n,
            title=spec.title,
            responsible=ctx.people[spec.person],
            due_date=today + datetime.timedelta(days=spec.due_in),
            status=spec.status,
            progress=spec.progress,
        )
        for n, spec in enumerate(specs)
    ]


def _key(task: DecisionTask) -> tuple:
    return (task.title, task.responsible_id, task.due_date, task.status, task.progress)


def seed_decision_tracking(ctx) -> None:
    ctx.log("Beschlusskontrolle (Aufgaben, umgesetzte Seiten) …")
    today = timezone.localdate()
    for number, specs in TASKS.items():
        decision = ctx.decisions[number]
        draft = decision.get_latest_revision_as_object()
        wanted = _wanted_tasks(ctx, specs, today)
        if [_key(task) for task in draft.tasks.all()] == [_key(task) for task in wanted]:
            ctx.report.record("decision_tracking", UNCHANGED)
            continue
        draft.tasks = wanted
        draft.save_revision(user=ctx.admin).publish(user=ctx.admin)
        ctx.decisions[number] = DecisionPage.objects.get(pk=decision.pk)
        ctx.report.record("decision_tracking", CREATED)
    for number, ref in CARRIED_IN:
        decision, page = ctx.decisions[number], ctx.entry(ref)
        if DecisionReference.objects.filter(page_id=page.pk, decision=decision).exists():
            ctx.report.record("decision_tracking", UNCHANGED)
            continue
        draft = page.get_latest_revision_as_object()
        draft.decision_references = [DecisionReference(decision=decision, sort_order=0)]
        draft.save_revision(user=ctx.admin).publish(user=ctx.admin)
        ctx.report.record("decision_tracking", CREATED)
