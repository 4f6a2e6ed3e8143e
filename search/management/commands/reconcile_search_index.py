"""Repair the search index after the search engine was unreachable.

Re-indexes from the database every object whose index update failed (recorded in the search
backlog), optionally also every page changed since a given time, or rebuilds all indexes
atomically (``--full``: a new index is filled, then the alias is switched, so search keeps
answering). Run it after an outage, and regularly from cron/systemd (cheap when there is
nothing to do); it exits with status 1 while the engine is still unreachable.
"""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.search.backends import get_search_backend

from search.backlog import pending_count, reconcile
from search.indexes import ensure_indexes, is_search_engine
from search.models import IndexBacklogEntry


class Command(BaseCommand):
    help = (
        "Gleicht den Suchindex nach einem Ausfall der Suchmaschine mit der Datenbank ab "
        "(ausstehende Aktualisierungen, optional alle seit einem Zeitpunkt geänderten Seiten "
        "oder ein vollständiger, atomarer Neuaufbau)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help="Name in WAGTAILSEARCH_BACKENDS")
        parser.add_argument(
            "--since",
            help="Zusätzlich alle seit diesem Zeitpunkt geänderten Seiten indizieren "
            "(ISO 8601, z. B. 2026-03-01T08:00, oder eine Anzahl Stunden, z. B. 24h).",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="Alle Indizes atomar neu aufbauen (update_index mit Alias-Wechsel).",
        )

    def handle(self, *args, backend: str, since: str | None, full: bool, **options):
        search_backend = get_search_backend(backend)
        if not is_search_engine(search_backend):
            self.stdout.write("Datenbanksuche aktiv – nichts abzugleichen.")
            return
        breaker = getattr(search_backend, "breaker", None)
        if breaker is not None:
            breaker.reset()  # an operator (or cron) asks the engine now, whatever came before
        if not search_backend.ping():
            raise CommandError(
                f"Die Suchmaschine ist nicht erreichbar; {pending_count()} Aktualisierungen "
                "stehen aus. Später erneut ausführen."
            )
        created = ensure_indexes(search_backend)
        if created:
            self.stdout.write(f"Fehlende Indizes angelegt: {', '.join(created)}")
            full = True
        if full:
            started = timezone.now()
            self.stdout.write("Baue alle Indizes neu auf (Suche antwortet währenddessen weiter) …")
            call_command("update_index", backend_name=backend, verbosity=0)
            # What failed before the rebuild began is in the new index now; later failures stay.
            IndexBacklogEntry.objects.filter(created_at__lt=started).delete()
            since_time = started  # edits made during the rebuild
        else:
            since_time = _parse_since(since) if since else None
        report = reconcile(search_backend, since=since_time)
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchindex abgeglichen: {report.indexed} indiziert, {report.removed} entfernt "
                f"({report.entries} ausstehende Einträge abgearbeitet)."
            )
        )


def _parse_since(value: str) -> datetime.datetime:
    if value.endswith("h") and value[:-1].isdigit():
        return timezone.now() - datetime.timedelta(hours=int(value[:-1]))
    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--since: kein Zeitpunkt: {value!r}") from error
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed
