"""Shared by the provision_* commands: dry runs, error handling and the change report."""

from __future__ import annotations

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from prozesse.roles.report import ProvisioningError, Report


class ProvisioningCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur anzeigen, was sich ändern würde; nichts speichern.",
        )

    def run(self, job: Callable[[Report], object], *, dry_run: bool) -> Report:
        """Run ``job`` in one transaction (rolled back for a dry run) and print its changes."""
        report = Report()
        try:
            with transaction.atomic():
                job(report)
                if dry_run:
                    transaction.set_rollback(True)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        for line in report.changes:
            self.stdout.write(f"  {line}")
        prefix = "Probelauf – würde ändern" if dry_run else "Geändert"
        if report.changes:
            self.stdout.write(self.style.SUCCESS(f"{prefix}: {len(report.changes)} Punkte."))
        else:
            self.stdout.write(self.style.SUCCESS("Keine Änderungen: alles ist eingerichtet."))
        return report
