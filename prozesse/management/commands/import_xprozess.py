"""manage.py import_xprozess FILE --department … [--user …] [--publish]"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prozesse.formats.xprozess import MAX_MESSAGE_BYTES, XProzessError
from prozesse.importers.django_common import (
    ImportSetupError,
    acting_user,
    check_can_add,
    resolve_department,
)
from prozesse.importers.django_xprozess import import_xprozess_file

_STATUS = {
    "imported": "angelegt",
    "updated": "aktualisiert (neue Entwurfsfassung)",
    "unchanged": "unverändert (gleiche Datei schon importiert)",
}


class Command(BaseCommand):
    help = (
        "Importiert einen FIM-Stammprozess (XProzess 2.0) als Prozesssteckbrief: FIM-ID, Name, "
        "Definition, Rechtsgrundlagen (mit Katalog-Verweisen), Teilprozesse und BPMN-Diagramm."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--department",
            required=True,
            help="Ziel-Fachbereich: Seiten-ID oder Pfad Kommune/Fachbereich (diez/buergerbuero)",
        )
        parser.add_argument("--user", help="Importieren als (Standard: erster Superuser)")
        parser.add_argument(
            "--publish", action="store_true", help="Sofort veröffentlichen (Erstübernahme)"
        )

    def handle(self, *args, file, department, user, publish, **options):
        try:
            user = acting_user(user)
            parent = resolve_department(department)
            check_can_add(parent, user, publish)
            if file.stat().st_size > MAX_MESSAGE_BYTES:
                raise XProzessError(
                    f"XProzess-Nachricht ist zu groß (höchstens {MAX_MESSAGE_BYTES} Bytes)."
                )
            data = file.read_bytes()
            results = import_xprozess_file(data, parent, user, publish=publish)
        except OSError as error:
            raise CommandError(f"{file}: Datei kann nicht gelesen werden ({error}).") from error
        except (ImportSetupError, XProzessError) as error:
            raise CommandError(f"{file}: {error}") from error
        except ValidationError as error:
            messages = "; ".join(
                message for messages in error.message_dict.values() for message in messages
            )
            raise CommandError(f"{file}: Prozess nicht übernommen: {messages}") from error
        for result in results:
            self.stdout.write(
                f"{_STATUS[result.status]}: „{result.title}“ (FIM {result.fim_id}) → "
                f"{result.url_path} (Seite {result.page_id})"
            )
            if result.legal_bases:
                self.stdout.write(f"  Rechtsgrundlagen: {', '.join(result.legal_bases)}")
            if result.diagram:
                self.stdout.write(f"  Diagramm: {result.diagram}")
            for warning in result.warnings:
                self.stdout.write(f"  Hinweis: {warning}")
        counts = {status: sum(r.status == status for r in results) for status in _STATUS}
        self.stdout.write(
            f"imported: {counts['imported']}, updated: {counts['updated']}, "
            f"unchanged: {counts['unchanged']}"
        )
