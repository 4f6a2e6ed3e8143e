"""manage.py render_diagrams — draw every stored process diagram again with the current
renderer (after the renderer changed, e.g. labels wrapped at word boundaries). Only the
derived picture is replaced; the uploaded BPMN files, revisions and workflow stay as they are."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from prozesse.formats.bpmn import BpmnError, parse_bpmn
from prozesse.formats.bpmn.svg import render_svg
from prozesse.models import ProcessPage


class Command(BaseCommand):
    help = (
        "Zeichnet alle gespeicherten Prozessdiagramme mit dem aktuellen Verfahren neu "
        "(nur die Grafik; Dateien, Fassungen und Freigaben bleiben unverändert)."
    )

    def handle(self, *args, **options):
        drawn = failed = 0
        for page in ProcessPage.objects.exclude(bpmn_file="").only("pk", "title", "bpmn_file"):
            try:
                with page.bpmn_file.open("rb") as handle:
                    model = parse_bpmn(handle.read())
            except (OSError, BpmnError) as error:
                failed += 1
                self.stderr.write(f"{page.title}: {error}")
                continue
            svg = render_svg(model, title=page.title) or ""
            ProcessPage.objects.filter(pk=page.pk).update(bpmn_svg=svg)
            drawn += 1
        self.stdout.write(f"Diagramme neu gezeichnet: {drawn}, nicht lesbar: {failed}")
