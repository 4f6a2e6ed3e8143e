"""``manage.py sync_directory [--dry-run] [--directory KEY]``: roles and leavers from LDAP."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from directory.config import ldap_directories
from directory.ldap_directory import DirectoryUnavailable
from directory.sync import sync_ldap


class Command(BaseCommand):
    help = (
        "Gleicht die Konten mit den LDAP-Verzeichnissen ab: Rollen nach der "
        "Verzeichnis-Zuordnung, ausgeschiedene Konten sperren und ihre Wissensübergabe als "
        "Entwurf beginnen. Gibt jede Änderung aus."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur anzeigen, was sich ändern würde."
        )
        parser.add_argument("--directory", help="Nur dieses Verzeichnis (Schlüssel).")

    def handle(self, *args, dry_run: bool = False, directory: str | None = None, **options):
        directories = ldap_directories()
        if directory:
            if directory not in directories:
                raise CommandError(
                    f"Kein Verzeichnis „{directory}“ eingerichtet "
                    f"(LDAP_DIRECTORIES: {', '.join(directories) or 'leer'})."
                )
            directories = {directory: directories[directory]}
        if not directories:
            raise CommandError("Kein LDAP-Verzeichnis eingerichtet (LDAP_DIRECTORIES).")
        failed = False
        for config in directories.values():
            try:
                report = sync_ldap(config, dry_run=dry_run)
            except DirectoryUnavailable as error:
                self.stderr.write(f"Verzeichnis „{config.label}“ nicht erreichbar: {error}")
                failed = True
                continue
            for line in report.changes:
                self.stdout.write(("(Probelauf) " if dry_run else "") + line)
            for line in report.problems:
                self.stderr.write(line)
            self.stdout.write(
                f"Verzeichnis „{config.label}“: {report.accounts} Konten geprüft, "
                f"{len(report.changes)} Änderungen"
                + (" (Probelauf, nichts geändert)" if dry_run else "")
            )
        if failed:
            raise CommandError("Mindestens ein Verzeichnis war nicht erreichbar.")
