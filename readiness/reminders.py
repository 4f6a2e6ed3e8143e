"""Daily exercise reminders (``manage.py send_exercise_reminders``, from cron).

A person gets one German mail a day while

* a follow-up (Maßnahme) of an exercise they are responsible for is open and due within
  :data:`REMIND_DAYS_BEFORE` days or overdue, or
* a scenario they are responsible for (content owner) is due for an exercise
  (``readiness.cycle``: no held exercise within the cycle).

Only what the person may see is listed (``prozesse.visibility``: their account's rights as in the
admin; without an account only unrestricted pages); a person without an address or who has left
gets none. At most one mail per person and day (:class:`readiness.models.ExerciseReminder`); a
failed send forgets its log entry so a rerun retries. Same options and report as the other daily
reminders (``prozesse.management.commands._daily_mail``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from prozesse.daily_mail import ReminderRun, send_once_a_day, templated_mail
from prozesse.models import Person
from prozesse.visibility import EVERYTHING, visibility_for
from readiness.cycle import DueScenario, open_findings, overdue_scenarios, visible_exercises
from readiness.models import ExerciseReminder, Finding

#: Remind this many days before a follow-up's due date (and every day after it).
REMIND_DAYS_BEFORE = 7


@dataclass
class ExerciseReminderMail:
    person: Person
    findings: list[Finding] = field(default_factory=list)
    scenarios: list[DueScenario] = field(default_factory=list)
    scenario_urls: dict[int, str] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        parts = []
        if self.findings:
            count = len(self.findings)
            parts.append("1 Maßnahme fällig" if count == 1 else f"{count} Maßnahmen fällig")
        if self.scenarios:
            count = len(self.scenarios)
            parts.append("1 Übung fällig" if count == 1 else f"{count} Übungen fällig")
        return "Notfallvorsorge: " + ", ".join(parts)


def _absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def _reachable(person: Person, today: datetime.date) -> bool:
    return bool(person.email) and not (person.left_on and person.left_on < today)


def build_exercise_reminders(today: datetime.date | None = None) -> list[ExerciseReminderMail]:
    """Today's reminders, one per person."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    mails: dict[int, ExerciseReminderMail] = {}
    for finding in open_findings(EVERYTHING).filter(
        responsible__isnull=False, due_date__lte=horizon
    ):
        if _reachable(finding.responsible, today):
            mails.setdefault(finding.responsible_id, ExerciseReminderMail(finding.responsible))
            mails[finding.responsible_id].findings.append(finding)
    for due in overdue_scenarios(EVERYTHING, today):
        owner = due.scenario.content_owner
        if owner is not None and _reachable(owner, today):
            mails.setdefault(owner.pk, ExerciseReminderMail(owner))
            mails[owner.pk].scenarios.append(due)
    reminders = []
    for mail in mails.values():
        user = mail.person.user
        visibility = visibility_for(user if user and user.is_active else None, for_admin=True)
        if mail.findings:
            seen = set(
                visible_exercises(visibility)
                .filter(pk__in={f.exercise_id for f in mail.findings})
                .values_list("pk", flat=True)
            )
            mail.findings = [f for f in mail.findings if f.exercise_id in seen]
        mail.scenarios = [d for d in mail.scenarios if visibility.allows(d.scenario)]
        mail.scenario_urls = {
            d.scenario.pk: _absolute(d.scenario.url or "") for d in mail.scenarios
        }
        if mail.findings or mail.scenarios:
            reminders.append(mail)
    return sorted(reminders, key=lambda mail: mail.person.pk)


def _message(reminder: ExerciseReminderMail, today: datetime.date) -> EmailMultiAlternatives:
    context = {"reminder": reminder, "today": today, "days_before": REMIND_DAYS_BEFORE}
    return templated_mail(
        reminder.subject, "readiness/emails/exercise_reminder", context, reminder.person.email
    )


def send_exercise_reminders(
    today: datetime.date | None = None, *, dry_run: bool = False
) -> ReminderRun:
    """Send today's reminders; a person reminded today already is skipped."""
    today = today or timezone.localdate()
    return send_once_a_day(
        build_exercise_reminders(today),
        ExerciseReminder,
        today,
        defaults=lambda reminder: {
            "finding_ids": [f.pk for f in reminder.findings],
            "scenario_ids": [d.scenario.pk for d in reminder.scenarios],
        },
        message=lambda reminder: _message(reminder, today),
        label="Exercise reminder",
        dry_run=dry_run,
    )
