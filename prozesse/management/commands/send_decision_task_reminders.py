"""Daily reminders for decision tasks: ``manage.py send_decision_task_reminders`` (from cron)."""

from __future__ import annotations

from prozesse.decision_reminders import REMIND_DAYS_BEFORE, send_decision_task_reminders
from prozesse.management.commands._daily_mail import DailyMailCommand


class Command(DailyMailCommand):
    help = (
        "Erinnert die Verantwortlichen an Aufgaben aus Beschlüssen, die in den nächsten "
        f"{REMIND_DAYS_BEFORE} Tagen fällig oder überfällig sind (höchstens eine E-Mail je "
        "Person und Tag)."
    )
    send = staticmethod(send_decision_task_reminders)
    label = "Aufgaben-Erinnerungen"
