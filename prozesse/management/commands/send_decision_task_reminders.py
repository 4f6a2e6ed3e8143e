"""Daily reminders for decision tasks: ``manage.py send_decision_task_reminders`` (from cron)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from prozesse.decision_reminders import REMIND_DAYS_BEFORE, send_decision_task_reminders


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"„{value}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben."
        ) from error


class Command(BaseCommand):
    help = (
        "Erinnert die Verantwortlichen an Aufgaben aus Beschlüssen, die in den nächsten "
        f"{REMIND_DAYS_BEFORE} Tagen fällig oder überfällig sind (höchstens eine E-Mail je "
        "Person und Tag)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", dest="today", help="Stichtag im Format JJJJ-MM-TT (Standard: heute)"
        )
        parser.add_argument(
            "--probelauf",
            dest="dry_run",
            action="store_true",
            help="Nur anzeigen, wer eine E-Mail bekäme; nichts versenden",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        run = send_decision_task_reminders(_date(today) if today else None, dry_run=dry_run)
        verb = "würden versandt" if dry_run else "versandt"
        self.stdout.write(f"Aufgaben-Erinnerungen {verb}: {len(run.sent)}")
        for email in run.sent:
            self.stdout.write(f"  {email}")
        if run.already_sent:
            self.stdout.write(f"Heute bereits erinnert (übersprungen): {len(run.already_sent)}")
        if run.failed:
            raise CommandError(
                "Versand fehlgeschlagen für: "
                + ", ".join(run.failed)
                + ". Ein erneuter Aufruf versucht es noch einmal."
            )
