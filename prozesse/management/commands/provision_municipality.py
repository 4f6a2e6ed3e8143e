"""Create or update a municipality's roles and all its departments."""

from __future__ import annotations

from django.core.management.base import CommandError

from prozesse.models import MunicipalityKind
from prozesse.roles.provisioning import provision_municipality
from prozesse.roles.tree import ensure_municipality_page

from ._provisioning import ProvisioningCommand


def department_argument(value: str) -> tuple[str, str | None]:
    """ "Bürgerbüro=BB" → ("Bürgerbüro", "BB"); "Bürgerbüro" → ("Bürgerbüro", None)."""
    title, _, code = value.partition("=")
    if not title.strip():
        raise CommandError(f"Fachbereich ohne Namen: {value!r}")
    return title.strip(), code.strip() or None


class Command(ProvisioningCommand):
    help = (
        "Richtet eine Kommune ein (idempotent): Gruppe „Wissensmanagement <Kommune>“, die "
        "angegebenen Fachbereiche und alle vorhandenen Fachbereiche mit Rollen und Workflow. "
        'Beispiel: provision_municipality "VG Diez" --department "Bürgerbüro=BB" '
        '--department "Ordnungsamt=OA"'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "municipality", help="Kommune: Kürzel, AGS, Slug oder Titel (Titel beim Anlegen)"
        )
        parser.add_argument(
            "--department",
            action="append",
            default=[],
            metavar="NAME[=KÜRZEL]",
            help="Fachbereich anlegen oder aktualisieren; mehrfach angeben",
        )
        parser.add_argument("--ags", help="AGS (8 Ziffern), nur zum Anlegen der Kommune")
        parser.add_argument("--code", help="Kürzel der Kommune, nur zum Anlegen")
        parser.add_argument(
            "--kind", choices=MunicipalityKind.values, help="Art der Kommune, nur zum Anlegen"
        )
        super().add_arguments(parser)

    def handle(self, *args, **options) -> None:
        departments = [department_argument(value) for value in options["department"]]

        def job(report):
            municipality = ensure_municipality_page(
                options["municipality"],
                ags=options["ags"],
                code=options["code"],
                kind=options["kind"],
                report=report,
            )
            provision_municipality(municipality, departments, report=report)

        self.run(job, dry_run=options["dry_run"])
