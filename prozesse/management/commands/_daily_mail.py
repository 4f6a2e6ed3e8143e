"""Base of the daily reminder commands (``send_decision_task_reminders`` here,
``send_review_reminders`` in knowledge): the same options (``--datum``, ``--probelauf``), the same
German report and the same failure handling; each command names its sender and its label."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"„{value}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben."
        ) from error


class DailyMailCommand(BaseCommand):
    #: ``(today, dry_run=...) -> run`` with ``sent``, ``already_sent`` and ``failed`` addresses.
    send: Callable
    #: What the report counts, e.g. "Wiedervorlagen".
    label: str

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
        run = type(self).send(_date(today) if today else None, dry_run=dry_run)
        verb = "würden versandt" if dry_run else "versandt"
        self.stdout.write(f"{self.label} {verb}: {len(run.sent)}")
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
