"""manage.py track_oparl_paper ID_OR_NUMBER [--verantwortlich E-MAIL] [--frist JJJJ-MM-TT] …"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from prozesse.importers.django_common import ImportSetupError, acting_user
from prozesse.importers.django_oparl import track_imported_paper
from prozesse.models import Person


class Command(BaseCommand):
    help = (
        "Übernimmt eine aus OParl importierte Vorlage in die Beschlusskontrolle: Status "
        "„Beschlossen“ und eine erste Aufgabe (mit Verantwortlichen und Frist), veröffentlicht "
        "als neue Fassung."
    )

    def add_arguments(self, parser):
        parser.add_argument("paper", metavar="OPARL_ID_ODER_NUMMER")
        parser.add_argument("--verantwortlich", help="E-Mail-Adresse der verantwortlichen Person")
        parser.add_argument("--frist", help="Frist der ersten Aufgabe, JJJJ-MM-TT")
        parser.add_argument("--aufgabe", default="", help="Titel der ersten Aufgabe")
        parser.add_argument("--user", help="Ausführen als (Standard: erster Superuser)")

    def handle(self, *args, paper, verantwortlich, frist, aufgabe, user, **options):
        due = None
        if frist:
            try:
                due = datetime.date.fromisoformat(frist)
            except ValueError as error:
                raise CommandError(
                    f"„{frist}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben."
                ) from error
        responsible = None
        if verantwortlich:
            responsible = Person.objects.filter(email__iexact=verantwortlich).first()
            if responsible is None:
                raise CommandError(f"Keine Person mit der E-Mail-Adresse „{verantwortlich}“.")
        try:
            page = track_imported_paper(
                paper,
                acting_user(user),
                responsible=responsible,
                due_date=due,
                task_title=aufgabe,
            )
        except ImportSetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"In der Beschlusskontrolle: {page.decision_number} – {page.title} "
            f"({page.get_decision_status_display()}, {page.tasks.count()} Aufgabe(n))"
        )
