"""Reminders for decision tasks (``manage.py send_decision_task_reminders``, daily from cron).

A person responsible for an open task of a live decision gets one German mail a day while any
of their tasks is due within :data:`REMIND_DAYS_BEFORE` days or overdue, listing all of those
tasks. Only tasks of decisions the person may see are listed (``prozesse.visibility``: their
account's rights, as in the admin; without an account only unrestricted decisions); a person
without an address or who has left gets none. At most one mail per person and day
(:class:`prozesse.models.DecisionTaskReminder`); a failed send forgets its log entry so a
rerun retries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from prozesse.daily_mail import ReminderRun, send_once_a_day, templated_mail
from prozesse.decision_tasks import open_tasks_condition
from prozesse.models.decision import DecisionStatus
from prozesse.models.decision_tracking import DecisionTask, DecisionTaskReminder
from prozesse.models.people import Person
from prozesse.visibility import visibility_for

#: Remind this many days before the due date (and every day after it).
REMIND_DAYS_BEFORE = 7


@dataclass
class DueTask:
    task: DecisionTask
    days_left: int
    url: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class TaskReminder:
    person: Person
    items: list[DueTask] = field(default_factory=list)

    @property
    def subject(self) -> str:
        overdue = sum(1 for item in self.items if item.overdue)
        count = len(self.items)
        subject = (
            "Beschlusskontrolle: 1 Aufgabe ist fällig"
            if count == 1
            else f"Beschlusskontrolle: {count} Aufgaben sind fällig"
        )
        return subject + (f" (davon {overdue} überfällig)" if overdue else "")


def _absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def _reachable(person: Person, today: datetime.date) -> bool:
    return bool(person.email) and not (person.left_on and person.left_on < today)


def build_task_reminders(today: datetime.date | None = None) -> list[TaskReminder]:
    """Today's reminders, one per person, tasks soonest due first."""
    today = today or timezone.localdate()
    tasks = (
        DecisionTask.objects.filter(
            open_tasks_condition(),
            due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
            responsible__isnull=False,
            page__live=True,
        )
        .exclude(page__decision_status=DecisionStatus.REVOKED)
        .select_related("page", "responsible", "responsible__user")
        .order_by("due_date", "page__decision_number", "sort_order")
    )
    by_person: dict[int, TaskReminder] = {}
    pending: dict[int, list[DecisionTask]] = defaultdict(list)
    for task in tasks:
        if _reachable(task.responsible, today):
            by_person.setdefault(task.responsible_id, TaskReminder(task.responsible))
            pending[task.responsible_id].append(task)
    reminders = []
    for person_id, reminder in by_person.items():
        user = reminder.person.user
        visibility = visibility_for(user if user and user.is_active else None, for_admin=True)
        reminder.items = [
            DueTask(task, (task.due_date - today).days, _absolute(task.page.get_url() or ""))
            for task in pending[person_id]
            if visibility.allows(task.page)
        ]
        if reminder.items:
            reminders.append(reminder)
    return sorted(reminders, key=lambda reminder: reminder.person.pk)


def _mail(reminder: TaskReminder, today: datetime.date) -> EmailMultiAlternatives:
    context = {"reminder": reminder, "today": today, "days_before": REMIND_DAYS_BEFORE}
    return templated_mail(
        reminder.subject, "prozesse/emails/decision_tasks", context, reminder.person.email
    )


def send_decision_task_reminders(
    today: datetime.date | None = None, *, dry_run: bool = False
) -> ReminderRun:
    """Send today's reminders; a person reminded today already is skipped."""
    today = today or timezone.localdate()
    return send_once_a_day(
        build_task_reminders(today),
        DecisionTaskReminder,
        today,
        defaults=lambda reminder: {"task_ids": [item.task.pk for item in reminder.items]},
        message=lambda reminder: _mail(reminder, today),
        label="Decision task reminder",
        dry_run=dry_run,
    )
