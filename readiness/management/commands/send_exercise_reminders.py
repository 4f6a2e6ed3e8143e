"""Daily exercise reminders: ``manage.py send_exercise_reminders`` (from cron)."""

from __future__ import annotations

from prozesse.management.commands._daily_mail import DailyMailCommand
from readiness.reminders import REMIND_DAYS_BEFORE, send_exercise_reminders


class Command(DailyMailCommand):
    help = (
        "Erinnert an Maßnahmen aus Notfallübungen, die in den nächsten "
        f"{REMIND_DAYS_BEFORE} Tagen fällig oder überfällig sind, und an fällige Übungen der "
        "eigenen Notfallszenarien (höchstens eine E-Mail je Person und Tag)."
    )
    send = staticmethod(send_exercise_reminders)
    label = "Übungs-Erinnerungen"
