"""The released handbook as a frozen PDF: cover with version, release date, approver and the
date it was made; a table of contents with page numbers (CSS ``target-counter``); "Seite x von
y" on every page. Rendered by WeasyPrint through ``prozesse.pdf`` (fetches nothing)."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

from prozesse.pdf import html_to_pdf
from prozesse.selectors import handbook_context
from prozesse.visibility import Visibility


def contained_pages(context: dict) -> list[dict]:
    """The pages a handbook context shows (scenarios and their critical processes)."""
    pages: dict[int, dict] = {}
    for scenario in context["scenarios"]:
        for page in [scenario, *scenario.critical_processes]:
            pages[page.pk] = {
                "id": page.pk,
                "title": page.title,
                "path": page.path,
                "published": page.last_published_at.isoformat() if page.last_published_at else "",
            }
    return list(pages.values())


def render_handbook(
    municipality,
    visibility: Visibility,
    *,
    version: int | None,
    released_at: datetime.datetime,
    approver: str,
    template: str = "readiness/handbook_release.html",
) -> tuple[bytes, list[dict]]:
    """(PDF bytes, contained pages) of the town's handbook as ``visibility`` may see it."""
    context = handbook_context(municipality, visibility)
    html = render_to_string(
        template,
        {
            **context,
            "for_pdf": True,
            "version": version,
            "released_at": released_at,
            "approver": approver,
        },
    )
    return html_to_pdf(html), contained_pages(context)
