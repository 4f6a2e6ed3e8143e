"""Make sure the search engine has every index with German settings and mappings.

Run after deployment and in the quick start (idempotent). When indexes had to be created, the
content is indexed from the database right away; indexes built with older analysis settings
are rebuilt atomically (``update_index``: search keeps answering from the old index).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.search.backends import get_search_backend

from search.indexes import ensure_indexes, is_search_engine, outdated_indexes


class Command(BaseCommand):
    help = "Legt fehlende Suchindizes mit deutscher Analyse an und befüllt sie."

    def handle(self, *args, **options):
        backend = get_search_backend("default")
        if not is_search_engine(backend):
            self.stdout.write("Datenbanksuche aktiv – kein Suchindex anzulegen.")
            return
        created = ensure_indexes(backend)
        outdated = outdated_indexes(backend)
        if not created and not outdated:
            self.stdout.write("Suchindizes vorhanden.")
            return
        if created:
            self.stdout.write(f"Angelegt: {', '.join(created)} – Inhalte werden indiziert …")
        if outdated:
            self.stdout.write(
                f"Veraltete Analyse-Einstellungen: {', '.join(outdated)} – atomarer Neuaufbau …"
            )
        call_command("update_index", backend_name="default", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Suchindex bereit."))
