"""The emergency handbook (Notfallhandbuch) of a municipality: all its scenarios with alarm
chains, checklists and the critical processes they hit, as one printable page and as a PDF that
works when the IT is down."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from prozesse.models.emergency import (
    PROCESS_LINK_RELATED,
    EmergencyScenarioPage,
    ScenarioProcess,
    critical_processes,
)
from prozesse.visibility import Visibility, visibility_of


def handbook_scenarios(municipality, visibility: Visibility) -> list[EmergencyScenarioPage]:
    """Live scenarios of a municipality the reader may see, each with ``.critical_processes``
    (again only those the reader may see), in two queries."""
    scenarios = list(
        visibility.apply(EmergencyScenarioPage.objects.live())
        .filter(municipality=municipality)
        .select_related("department", "content_owner")
        .prefetch_related(
            Prefetch(
                "process_links",
                queryset=ScenarioProcess.objects.select_related(*PROCESS_LINK_RELATED),
            )
        )
        .order_by("category", "title")
    )
    for scenario in scenarios:
        scenario.critical_processes = critical_processes(scenario.process_links.all(), visibility)
    return scenarios


def handbook_context(municipality, visibility: Visibility) -> dict:
    return {
        "page": municipality,
        "scenarios": handbook_scenarios(municipality, visibility),
        "generated_at": timezone.localtime(),
    }


def _refuse_external_resources(url: str, *args, **kwargs):
    """The PDF renderer may not fetch anything (no network access from content links)."""
    raise ValueError(f"external resource refused: {url[:80]}")


def handbook_pdf_response(request: HttpRequest, municipality) -> HttpResponse:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "prozesse/emergency_handbook.html",
        {**handbook_context(municipality, visibility_of(request)), "for_pdf": True},
        request=request,
    )
    stylesheet = CSS(filename=finders.find("css/site.css"))
    pdf = HTML(string=html, url_fetcher=_refuse_external_resources).write_pdf(
        stylesheets=[stylesheet]
    )
    filename = f"Notfallhandbuch-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
