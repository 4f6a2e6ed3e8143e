"""Released handbooks on the site: the list of a town's versions (newest first, with the stale
mark) and the PDF of each – only the versions the reader may read
(``readiness.audience.may_read_release``); another reader gets "not found"."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from prozesse.models import MunicipalityPage
from prozesse.visibility import visibility_of
from readiness.audience import may_read_release
from readiness.models import HandbookRelease, ReleaseStatus
from readiness.views import release_pdf

__all__ = ["release_pdf", "released_handbooks"]


def released_handbooks(request, town_slug: str):
    town = get_object_or_404(MunicipalityPage.objects.live(), slug=town_slug)
    if not visibility_of(request).allows(town):
        raise Http404
    releases = [
        release
        for release in HandbookRelease.objects.filter(
            municipality=town, status=ReleaseStatus.RELEASED
        ).order_by("-version")
        if may_read_release(request.user, release)
    ]
    return TemplateResponse(
        request, "readiness/released_handbooks.html", {"town": town, "releases": releases}
    )
