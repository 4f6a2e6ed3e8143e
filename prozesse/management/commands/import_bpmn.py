"""manage.py import_bpmn PATH… [--department …] [--user …] [--publish] [--dry-run]"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prozesse.importers.django_bpmn import import_bpmn_files
from prozesse.importers.django_common import (
    ImportSetupError,
    acting_user,
    check_can_add,
    get_or_create_inbox,
    resolve_department,
)
from search.indexing import deferred_indexing


class Command(BaseCommand):
    help = (
        "Importiert BPMN-2.0-Dateien (Ordner rekursiv) als Prozesssteckbrief-Entwürfe, eine "
        "Seite je Datei. Ohne --department landen sie im Import-Eingang. Bereits importierte "
        "Inhalte (gleiche Datei) werden übersprungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--department",
            help="Ziel-Fachbereich: Seiten-ID oder Pfad Kommune/Fachbereich (diez/buergerbuero)",
        )
        parser.add_argument("--user", help="Importieren als (Standard: erster Superuser)")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Sofort veröffentlichen (nur mit --department; für die Erstübernahme)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Probelauf: alle Dateien prüfen und berichten, nichts anlegen",
        )

    def handle(self, *args, paths, department, user, publish, dry_run, verbosity, **options):
        try:
            user = acting_user(user)
            if department:
                parent = resolve_department(department)
            elif publish:
                raise ImportSetupError(
                    "--publish nur zusammen mit --department: Prozesse im Import-Eingang "
                    "bleiben Entwürfe, bis sie einsortiert sind."
                )
            elif dry_run:
                parent = None  # nothing is written: the inbox is not created either
            else:
                parent = get_or_create_inbox(user)
            if parent is not None:
                check_can_add(parent, user, publish)
        except ImportSetupError as error:
            raise CommandError(str(error)) from error

        def show(result):
            if result.status == "refused":
                self.stdout.write(f"abgelehnt: {result.path}: {result.message}")
            elif verbosity >= 2:
                label = "importiert" if result.status == "imported" else "übersprungen"
                detail = result.message or f"„{result.title}“ (Seite {result.page_id})"
                self.stdout.write(f"{label}: {result.path}: {detail}")

        started = time.perf_counter()
        # Imported pages hold no references to other objects (no choosers filled), so the
        # reference index has nothing to record; search indexing happens in bulk.
        with deferred_indexing(rebuild_references=False):
            report = import_bpmn_files(
                paths, parent, user, publish=publish, dry_run=dry_run, on_result=show
            )
        elapsed = time.perf_counter() - started
        if verbosity >= 1:
            target = f"{parent.title} ({parent.url_path})" if parent else "Import-Eingang"
            mode = (
                "Probelauf, nichts gespeichert"
                if dry_run
                else ("veröffentlicht" if publish else "Entwürfe")
            )
            self.stdout.write(
                f"Ziel: {target} · als {user.get_username()} · {mode} · {elapsed:.1f} s"
            )
            if report.skipped:
                self.stdout.write(
                    f"übersprungen (Inhalt bereits importiert): {len(report.skipped)}"
                )
        label = "importable" if dry_run else "imported"
        self.stdout.write(f"{label}: {len(report.imported)}, refused: {len(report.refused)}")
