"""``manage.py seed_demo``: load the demo content (idempotent) and print the demo accounts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from demo.knowledge import seed_knowledge_demo
from demo.reading import seed_reading_demo
from demo.report import SeedReport
from demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Legt Demo-Inhalte an (Kommunen, Fachbereiche, Prozesse, Notfallszenarien, Beschlüsse, "
        "Artikel, Demo-Konten) oder bringt sie auf den Stand der Demo-Daten. Mehrfach ausführbar."
    )

    def handle(self, *args, **options) -> None:
        verbose = options["verbosity"] > 1
        report = seed_demo(stdout=self.stdout if verbose else None)
        # Knowledge management on top: a handover in progress, adoptions (one whose origin
        # changed), reviews due and overdue, feedback.
        knowledge = seed_knowledge_demo(stdout=self.stdout if verbose else None)
        # Read confirmations: an open campaign on a released process, some readers confirmed.
        knowledge.lines.extend(seed_reading_demo(stdout=self.stdout if verbose else None))
        if options["verbosity"] == 0:
            return
        self.write_summary(report)
        for line in knowledge.lines:
            self.stdout.write(f"Wissensmanagement: {line}")
        self.write_accounts(report)

    def write_summary(self, report: SeedReport) -> None:
        rows = [
            (label, str(c.created), str(c.updated), str(c.unchanged)) for label, c in report.rows()
        ]
        rows.append(("Summe", str(report.created), str(report.updated), str(report.unchanged)))
        self.write_table(("Inhalt", "neu", "aktualisiert", "unverändert"), rows)
        if report.changed:
            message = f"Demo-Inhalte geladen in {report.seconds:.1f} s."
        else:
            message = f"Demo-Inhalte waren bereits aktuell ({report.seconds:.1f} s)."
        self.stdout.write(self.style.SUCCESS(message))
        self.stdout.write("")

    def write_accounts(self, report: SeedReport) -> None:
        self.stdout.write("Demo-Konten:")
        rows = [(a.username, a.password, a.role) for a in report.accounts]
        self.write_table(("Benutzername", "Passwort", "Rolle"), rows)

    def write_table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
            return " | ".join(cells).rstrip()

        self.stdout.write(line(header))
        self.stdout.write("-+-".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
