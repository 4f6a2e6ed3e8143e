"""Provision every role over the existing page tree (creates no pages)."""

from __future__ import annotations

from prozesse.roles.matrix import render_permission_table
from prozesse.roles.provisioning import provision_all

from ._provisioning import ProvisioningCommand


class Command(ProvisioningCommand):
    help = (
        "Gleicht alle Rollen, Rechte und Workflows mit dem Seitenbaum ab: Lenkungskreis, "
        "Wissensmanagement, Mitarbeitende und jeder Fachbereich (idempotent, legt keine Seiten an)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--print-matrix",
            action="store_true",
            help="Nur die Rechtematrix (Markdown, wie im README) ausgeben.",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options) -> None:
        if options["print_matrix"]:
            self.stdout.write(render_permission_table())
            return
        self.run(lambda report: provision_all(report), dry_run=options["dry_run"])
