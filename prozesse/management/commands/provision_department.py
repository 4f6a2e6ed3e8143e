"""Create or update a department with its roles, rights and moderation workflow."""

from __future__ import annotations

from prozesse.roles.provisioning import provision_department
from prozesse.roles.tree import find_municipality

from ._provisioning import ProvisioningCommand


class Command(ProvisioningCommand):
    help = (
        "Richtet einen Fachbereich ein (idempotent): Fachbereichsseite, Gruppen „Redaktion …“ "
        "und „Freigabe …“, Seitenrechte, Workflow mit Freigabeschritt. Beispiel: "
        'provision_department DIE "Bürgerbüro" --code BB'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("municipality", help="Kommune: Kürzel, AGS, Slug oder Titel")
        parser.add_argument("department", help="Name des Fachbereichs, z. B. „Bürgerbüro“")
        parser.add_argument(
            "--code",
            help="Kürzel des Fachbereichs (2–8 Großbuchstaben/Ziffern); findet den Fachbereich "
            "auch nach einer Umbenennung. Ohne Angabe: aus dem Namen abgeleitet.",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options) -> None:
        def job(report):
            municipality = find_municipality(options["municipality"])
            provision_department(
                municipality, options["department"], code=options["code"], report=report
            )

        self.run(job, dry_run=options["dry_run"])
