""" "Meine Aufgaben": everything that waits for one user, from every kind of work.

Each kind is one small *source*: a function ``(user, visibilities) -> list[TaskItem]`` in
:data:`SOURCES`. A new kind of work is a new source of a few lines appended there. Every
source filters its pages through the one visibility rule (``prozesse.visibility``);
:func:`tasks_for` sorts by due date and groups by kind with counts.

Kinds today: read confirmations (Kenntnisnahme), reviews due (Wiedervorlage), workflow steps
waiting for the user's approval (never their own change), decision tasks (Aufgaben aus
Beschlüssen) the user's person is responsible for, feedback to answer, follow-ups of
exercises (Maßnahmen aus Übungen) the user's person is responsible for, and exercises due for
the scenarios the user owns or deputises (``readiness.cycle``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState

from knowledge.models import Feedback
from knowledge.panels import my_reviews
from knowledge.reading import open_requests
from knowledge.reviews import entries_for_person_ids, user_persons
from prozesse.decision_tasks import open_decision_tasks_for
from prozesse.models import RegisterEntryPage
from prozesse.models.approval import is_own_submission
from prozesse.visibility import Visibility
from readiness.cycle import open_findings, overdue_scenarios

#: Days within which feedback counts as waiting for an answer, and its answer is due.
FEEDBACK_WINDOW_DAYS = 30
FEEDBACK_ANSWER_DAYS = 14


@dataclass(frozen=True)
class Visibilities:
    """The user's visibility on the site (what the reader sees) and in the admin (where editors
    and reviewers work on their department's restricted pages)."""

    site: Visibility
    admin: Visibility


@dataclass
class TaskItem:
    kind: str
    title: str
    url: str
    due: datetime.date | None
    detail: str = ""
    action: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass
class TaskGroup:
    kind: str
    label: str
    items: list[TaskItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


Source = Callable[[object, Visibilities], list[TaskItem]]

READ, REVIEW, WORKFLOW, FEEDBACK = "kenntnisnahme", "wiedervorlage", "freigabe", "rueckmeldung"
DECISION = "beschluss"
FINDING, EXERCISE = "massnahme", "uebung"


def _place(page) -> str:
    parts = [
        page.municipality.title if getattr(page, "municipality_id", None) else "",
        page.department.title if getattr(page, "department_id", None) else "",
    ]
    return " · ".join(part for part in parts if part)


def read_confirmations(user, seen: Visibilities) -> list[TaskItem]:
    """Open read confirmations of running campaigns on pages the user may see."""
    requests = seen.site.apply(open_requests(user), "campaign__page__")
    return [
        TaskItem(
            READ,
            request.campaign.page_title,
            request.campaign.page.url or "",
            request.campaign.due_date,
            request.campaign.version_label,
            _("Lesen und zur Kenntnis nehmen"),
        )
        for request in requests.order_by("campaign__due_date")
    ]


def reviews_due(user, seen: Visibilities) -> list[TaskItem]:
    """Pages due for review that the user owns, deputises or approves (``knowledge.panels``)."""
    found = my_reviews(user, seen.admin)
    return [
        TaskItem(
            REVIEW,
            page.title,
            reverse("knowledge_reviews:confirm", args=[page.pk]),
            page.next_review_date,
            _place(page),
            _("Aktualität bestätigen"),
        )
        for page in [*found["own"], *found["reviewing"]]
    ]


def workflow_steps(user, seen: Visibilities) -> list[TaskItem]:
    """Changes waiting in a workflow step the user may approve – never their own change."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return []
    items = []
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "task")
        .order_by("started_at")
    )
    for state in states:
        workflow_state = state.workflow_state
        page = Page.objects.filter(pk=workflow_state.object_id).first()
        if page is None or not seen.admin.allows(page) or is_own_submission(workflow_state, user):
            continue
        items.append(
            TaskItem(
                WORKFLOW,
                page.get_admin_display_title(),
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                None,
                _("%(task)s, eingereicht am %(date)s")
                % {
                    "task": state.task.name,
                    "date": timezone.localtime(state.started_at).strftime("%d.%m.%Y"),
                },
                _("Prüfen und freigeben"),
            )
        )
    return items


def decision_tasks(user, seen: Visibilities) -> list[TaskItem]:
    """Open tasks of decisions the user may see whose responsible person is the user."""
    return [
        TaskItem(
            DECISION,
            task.title,
            task.page.url or "",
            task.due_date,
            _("%(decision)s · %(light)s · %(progress)s %% erledigt")
            % {
                "decision": task.page.title,
                "light": task.current_light.label,
                "progress": task.progress,
            },
            _("Beschluss ansehen"),
        )
        for task in open_decision_tasks_for(user, visibility=seen.site)
    ]


def feedback_to_answer(user, seen: Visibilities) -> list[TaskItem]:
    """Recent feedback from others on pages the user owns or deputises."""
    persons = user_persons(user)
    if not persons:
        return []
    since = timezone.now() - datetime.timedelta(days=FEEDBACK_WINDOW_DAYS)
    pages = seen.site.apply(
        RegisterEntryPage.objects.live().filter(entries_for_person_ids(persons))
    ).values("pk")
    feedback = (
        Feedback.objects.filter(page_id__in=pages, hidden=False, created_at__gte=since)
        .exclude(author=user)
        .select_related("page")
        .order_by("created_at")
    )
    return [
        TaskItem(
            FEEDBACK,
            item.page.title,
            (item.page.url or "") + "#rueckmeldungen",
            (
                timezone.localtime(item.created_at) + datetime.timedelta(days=FEEDBACK_ANSWER_DAYS)
            ).date(),
            f"{item.get_kind_display()}: {item.title or item.text[:80]}"
            + (f" ({item.author_name})" if item.author_name else ""),
            _("Rückmeldung beantworten"),
        )
        for item in feedback
    ]


def exercise_findings(user, seen: Visibilities) -> list[TaskItem]:
    """Open follow-ups of exercises whose responsible person is the user."""
    persons = user_persons(user)
    if not persons:
        return []
    return [
        TaskItem(
            FINDING,
            finding.measure[:120],
            reverse("wagtailsnippets_readiness_exercise:edit", args=[finding.exercise_id])
            if user.has_perm("readiness.change_exercise")
            else "",
            finding.due_date,
            _("%(exercise)s (%(town)s) · %(status)s")
            % {
                "exercise": finding.exercise.title,
                "town": finding.exercise.municipality.title,
                "status": finding.get_status_display(),
            },
            _("Maßnahme umsetzen"),
        )
        for finding in open_findings(seen.site, person_ids=persons)
    ]


def exercises_due(user, seen: Visibilities) -> list[TaskItem]:
    """Scenarios the user owns or deputises whose exercise cycle has run out."""
    persons = user_persons(user)
    if not persons:
        return []
    owned = set(
        seen.site.apply(
            RegisterEntryPage.objects.live().filter(entries_for_person_ids(persons))
        ).values_list("pk", flat=True)
    )
    return [
        TaskItem(
            EXERCISE,
            due.scenario.title,
            due.scenario.url or "",
            due.due,
            (
                _("Letzte Übung am %(date)s") % {"date": due.last_held.strftime("%d.%m.%Y")}
                if due.last_held
                else _("Noch nie geübt")
            )
            + (
                " · "
                + _("geplant am %(date)s") % {"date": due.planned.planned_for.strftime("%d.%m.%Y")}
                if due.planned
                else ""
            ),
            _("Übung planen"),
        )
        for due in overdue_scenarios(seen.site)
        if due.scenario.pk in owned
    ]


#: Every kind of work, in the order the page shows its groups.
SOURCES: list[tuple[str, object, Source]] = [
    (READ, gettext_lazy("Kenntnisnahmen"), read_confirmations),
    (REVIEW, gettext_lazy("Wiedervorlagen"), reviews_due),
    (WORKFLOW, gettext_lazy("Freigaben"), workflow_steps),
    (DECISION, gettext_lazy("Aufgaben aus Beschlüssen"), decision_tasks),
    (FEEDBACK, gettext_lazy("Rückmeldungen"), feedback_to_answer),
    (FINDING, gettext_lazy("Maßnahmen aus Übungen"), exercise_findings),
    (EXERCISE, gettext_lazy("Fällige Übungen"), exercises_due),
]


def _by_due(item: TaskItem) -> tuple:
    return (item.due is None, item.due or datetime.date.max, item.title)


def tasks_for(user, seen: Visibilities) -> list[TaskGroup]:
    """The user's tasks grouped by kind (every kind, also empty ones), each group by due date."""
    groups = []
    for kind, label, source in SOURCES:
        items = sorted(source(user, seen), key=_by_due)
        groups.append(TaskGroup(kind, str(label), items))
    return groups
