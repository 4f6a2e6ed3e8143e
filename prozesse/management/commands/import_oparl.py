"""manage.py import_oparl DIR_OR_URL [--section SLUG] [--section-title …] [--limit N] …"""

from __future__ import annotations

import resource

from django.core.management.base import BaseCommand, CommandError

from prozesse.formats.oparl import OParlError
from prozesse.importers.django_common import ImportSetupError, acting_user, check_can_add
from prozesse.importers.django_oparl import OParlImporter, get_or_create_section, iter_source

DEFAULT_SECTION_SLUG = "gremienvorlagen-oparl"
DEFAULT_SECTION_TITLE = "Gremienvorlagen (OParl)"


class Command(BaseCommand):
    help = (
        "Importiert OParl-1.1-Vorlagen (Papers) als Beschlussseiten in eine Gremienseite – aus "
        "einem Export-Verzeichnis (papers.jsonl …) oder von einer OParl-Listen-URL. Erneutes "
        "Importieren aktualisiert statt zu verdoppeln (Schlüssel: OParl-ID)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="DIR_OR_URL")
        parser.add_argument(
            "--section",
            default=DEFAULT_SECTION_SLUG,
            help=f"Slug der Gremienseite; fehlt sie, wird sie angelegt ({DEFAULT_SECTION_SLUG})",
        )
        parser.add_argument(
            "--section-title",
            default=DEFAULT_SECTION_TITLE,
            help="Titel einer neuen Gremienseite, z. B. „Gemeinderat Karlsruhe (OParl)“",
        )
        parser.add_argument("--limit", type=int, help="höchstens N Vorlagen lesen")
        parser.add_argument("--user", help="Importieren als (Standard: erster Superuser)")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Sofort veröffentlichen (Erstübernahme; protokolliert mit dem Benutzer)",
        )

    def handle(self, *args, source, section, section_title, limit, user, publish, **options):
        verbosity = options["verbosity"]
        try:
            user = acting_user(user)
            section_page = get_or_create_section(section, section_title, user)
            check_can_add(section_page, user, publish)
            papers = iter_source(source)
        except (ImportSetupError, OParlError) as error:
            raise CommandError(str(error)) from error

        def progress(report):
            if verbosity >= 1:
                self.stdout.write(
                    f"… {report.read} Vorlagen gelesen, {report.imported} neu, "
                    f"{report.updated} aktualisiert ({report.papers_per_second:.1f}/s)"
                )

        importer = OParlImporter(section_page, user, publish=publish)
        try:
            report = importer.run(papers, limit=limit, progress=progress)
        except OParlError as error:
            raise CommandError(str(error)) from error
        for line in report.refused:
            self.stdout.write(f"abgelehnt: {line}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Gremium: {section_page.title} ({section_page.url_path}) · als "
            f"{user.get_username()} · {'veröffentlicht' if publish else 'Entwürfe'}"
        )
        self.stdout.write(
            f"imported: {report.imported}, updated: {report.updated}, "
            f"unchanged: {report.unchanged}, deleted (skipped): {report.deleted_skipped}, "
            f"unpublished: {report.unpublished}, refused: {len(report.refused)}"
        )
        self.stdout.write(
            f"{report.read} papers in {report.seconds:.1f} s = "
            f"{report.papers_per_second:.1f} papers/s, peak RSS {peak_mb:.0f} MB"
        )
