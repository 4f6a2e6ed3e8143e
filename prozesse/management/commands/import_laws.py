"""manage.py import_laws PATH… — the legal-basis catalogue from Markdown laws."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from prozesse.importers.django_laws import import_laws


class Command(BaseCommand):
    help = (
        "Baut den Katalog der Rechtsgrundlagen (Gesetze und Paragrafen) aus Markdown-Dateien "
        "(Format bundestag/gesetze) auf; Ordner oder einzelne Dateien. Erneutes Importieren "
        "aktualisiert geänderte Texte."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="DIR_OR_FILE")

    def handle(self, *args, paths, **options):
        started = time.perf_counter()
        report = import_laws(paths)
        for path, message in report.refused:
            self.stdout.write(f"abgelehnt: {path}: {message}")
        self.stdout.write(
            f"Paragrafen: {report.paragraphs_created} neu, {report.paragraphs_updated} "
            f"aktualisiert, {report.paragraphs_unchanged} unverändert, "
            f"{report.paragraphs_obsolete} nicht mehr in der Quelle (als weggefallen markiert) · "
            f"{time.perf_counter() - started:.1f} s"
        )
        self.stdout.write(
            f"laws: {report.laws}, paragraphs: {report.paragraphs}, refused: {len(report.refused)}"
        )
