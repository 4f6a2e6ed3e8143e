"""Daily review digests: ``manage.py send_review_reminders`` (from cron, once a day)."""

from __future__ import annotations

from knowledge.reminders import send_review_reminders
from prozesse.management.commands._daily_mail import DailyMailCommand


class Command(DailyMailCommand):
    help = (
        "Verschickt die täglichen Wiedervorlage-Erinnerungen (höchstens eine E-Mail je "
        "Empfänger:in und Tag) und eskaliert überfällige Seiten an Vertretung und Freigabe."
    )
    send = staticmethod(send_review_reminders)
    label = "Wiedervorlagen"
