"""``manage.py export_emergency_kit <kommune> <ziel.zip> [--als <Benutzername>]``: writes the
emergency kit of a town (``readiness.kit``) for use when the IT is down.

Whose view the kit shows: with ``--als`` that user's (as on the intranet, without entered
passwords); without it, what every staff member of the town may read
(``readiness.audience.town_staff_visibility``). A released handbook goes in only if that
recipient may read it."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from prozesse.models import MunicipalityPage
from prozesse.visibility import visibility_for
from readiness.audience import may_read_release, town_staff_visibility
from readiness.kit import build_kit


class Command(BaseCommand):
    help = (
        "Schreibt den Notfallkoffer einer Kommune als ZIP-Datei (HTML-Seiten ohne Server, "
        "Notfallhandbuch und „Jetzt tun“-Karten als PDF)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kommune", help="Kurzname (slug) oder Name der Kommune")
        parser.add_argument("ziel", help="Zieldatei, z. B. notfallkoffer.zip")
        parser.add_argument(
            "--als",
            dest="username",
            help="Nur zeigen, was diese Person sehen darf (Standard: alle Mitarbeitenden der "
            "Kommune)",
        )

    def handle(self, *args, kommune: str, ziel: str, username: str | None = None, **options):
        town = (
            MunicipalityPage.objects.filter(slug=kommune).first()
            or MunicipalityPage.objects.filter(title__iexact=kommune).first()
        )
        if town is None:
            names = ", ".join(
                MunicipalityPage.objects.order_by("slug").values_list("slug", flat=True)
            )
            raise CommandError(f"Kommune „{kommune}“ nicht gefunden. Vorhanden: {names or '–'}.")
        target = Path(ziel)
        if not target.parent.exists():
            raise CommandError(f"Der Ordner „{target.parent}“ existiert nicht.")
        if username:
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Kein aktives Benutzerkonto „{username}“.")
            visibility = visibility_for(user)
            recipient = user.get_full_name() or user.get_username()

            def readable(release):
                return may_read_release(user, release)
        else:
            visibility = town_staff_visibility(town)
            recipient = f"alle Mitarbeitenden der {town.title}"

            def readable(release):
                pages = Page.objects.filter(pk__in=release.page_ids)
                return all(visibility.allows(page) for page in pages)

        data = build_kit(town, visibility, recipient=recipient, release_readable=readable)
        target.write_bytes(data)
        self.stdout.write(f"Notfallkoffer geschrieben: {target} ({len(data) // 1024} KB)")
