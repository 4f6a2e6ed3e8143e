"""Create or update the steering committee: group, rights, decision workflow and the
intermunicipal approval step of every department workflow."""

from __future__ import annotations

from prozesse.roles.provisioning import provision_committee

from ._provisioning import ProvisioningCommand


class Command(ProvisioningCommand):
    help = (
        "Richtet den Lenkungskreis ein (idempotent): Gremiumsseite, Gruppe, Rechte auf die "
        "Beschlüsse, Freigabe-Workflow und den Schritt „Interkommunale Freigabe“ in allen "
        "Fachbereichs-Workflows."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "title",
            nargs="?",
            help="Titel des Gremiums (Standard: das einzige vorhandene, sonst „Lenkungskreis“)",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options) -> None:
        self.run(
            lambda report: provision_committee(options["title"], report=report),
            dry_run=options["dry_run"],
        )
