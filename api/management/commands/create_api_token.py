"""``manage.py create_api_token USER``: an API token from the shell, for scripts and set-ups
without a browser. Users normally create their own in the admin ("API-Tokens"); this is the
documented alternative for administrators. Same rules: an expiry, only the hash stored."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.tokens import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, create_token


class Command(BaseCommand):
    help = "Erzeugt ein API-Token (Lese-API und Such-API) und gibt es einmalig aus."
    default_name = "API-Zugang"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default=self.default_name, help="Bezeichnung des Tokens")
        parser.add_argument(
            "--tage",
            type=int,
            default=DEFAULT_VALIDITY_DAYS,
            help=f"Gültigkeit in Tagen (Vorgabe {DEFAULT_VALIDITY_DAYS}, "
            f"höchstens {MAX_VALIDITY_DAYS})",
        )

    def handle(self, *args, username: str, name: str, tage: int, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Kein aktives Benutzerkonto {username!r}.")
        if not 1 <= tage <= MAX_VALIDITY_DAYS:
            raise CommandError(f"--tage muss zwischen 1 und {MAX_VALIDITY_DAYS} liegen.")
        valid_until = timezone.localdate() + datetime.timedelta(days=tage)
        _token, plaintext = create_token(user, name, valid_until)
        self.stdout.write(plaintext)
        self.stderr.write(
            f"Gültig bis {valid_until:%d.%m.%Y}. Das Token wird nur jetzt angezeigt. "
            "Verwendung: Authorization: Bearer <Token>; widerrufen in der Verwaltung unter "
            "Einstellungen → API-Tokens."
        )
