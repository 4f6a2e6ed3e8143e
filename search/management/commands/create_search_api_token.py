"""Create an API token for the search API (Wagtail's APIToken) and print it once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import APIToken


class Command(BaseCommand):
    help = "Erzeugt ein API-Token für die Such-API und gibt es einmalig aus."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Such-API", help="Bezeichnung des Tokens")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Kein aktives Benutzerkonto {username!r}.")
        _token, plaintext = APIToken.create_token(user=user, name=name)
        self.stdout.write(plaintext)
        self.stderr.write(
            "Das Token wird nur jetzt angezeigt. Verwendung: "
            "Authorization: Bearer <Token>; Widerruf in der Datenbank (revoked_at)."
        )
