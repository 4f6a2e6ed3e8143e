"""manage.py export_xprozess (--department KOMMUNE/FACHBEREICH | --municipality KOMMUNE |
--page ID …) FILE [--user …]: live process pages as one FIM XProzess 2.0 message."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prozesse.importers.django_common import ImportSetupError, acting_user, resolve_department
from prozesse.importers.django_xprozess_export import export_message, visible_processes
from prozesse.models import MunicipalityPage, ProcessPage
from prozesse.visibility import visibility_for


class Command(BaseCommand):
    help = (
        "Exportiert veröffentlichte Prozesssteckbriefe als XProzess-2.0-Nachricht "
        "(alleInhalte.export.0303): einen Fachbereich, eine Kommune oder einzelne Seiten."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="DATEI")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--department", help="Fachbereich: Seiten-ID oder Kommune/Fachbereich")
        scope.add_argument("--municipality", help="Kommune: Kurzname (Slug) oder Seiten-ID")
        scope.add_argument(
            "--page", type=int, action="append", help="Prozess-Seite (ID), mehrfach möglich"
        )
        parser.add_argument(
            "--user",
            help="Exportieren mit der Sicht von (Standard: erster Superuser); nur was diese "
            "Person sehen darf, kommt in die Datei",
        )

    def handle(self, *args, file, department, municipality, page, user, **options):
        try:
            reader = acting_user(user)
            scopes = self._scopes(department, municipality, page)
        except ImportSetupError as error:
            raise CommandError(str(error)) from error
        visibility = visibility_for(reader)
        processes, seen = [], set()
        for scope in scopes:
            found = list(visible_processes(scope, visibility))
            if not found:
                raise CommandError(
                    f"„{scope.title}“ enthält keinen veröffentlichten Prozess, den "
                    f"{reader.get_username()} sehen darf."
                )
            processes += [process for process in found if process.pk not in seen]
            seen.update(process.pk for process in found)
        try:
            file.write_bytes(export_message(processes))
        except OSError as error:
            raise CommandError(f"{file}: Datei kann nicht geschrieben werden ({error}).") from error
        self.stdout.write(f"exportiert: {len(processes)} Prozesse nach {file}")

    def _scopes(self, department, municipality, pages) -> list:
        if department:
            return [resolve_department(department)]
        if municipality:
            town = MunicipalityPage.objects.filter(slug=municipality).first()
            if town is None and municipality.isdigit():
                town = MunicipalityPage.objects.filter(pk=int(municipality)).first()
            if town is None:
                raise ImportSetupError(f"Kommune „{municipality}“ nicht gefunden.")
            return [town]
        found = ProcessPage.objects.in_bulk(pages)
        missing = [str(pk) for pk in pages if pk not in found]
        if missing:
            raise ImportSetupError(f"Prozess-Seite(n) nicht gefunden: {', '.join(missing)}.")
        return [found[pk] for pk in pages]
