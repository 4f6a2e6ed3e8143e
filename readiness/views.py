"""Admin and site views of emergency readiness.

Admin (``/admin/notfallvorsorge/…``):

* ``handbooks`` – per town the released versions, a stale mark, the open request; request a
  release, release or reject it (four eyes), download every version, download the kit;
* ``kit`` – the emergency kit of a town for the requesting user's own visibility.

Site (``/notfallvorsorge/…``): a released version's PDF for readers who may read it
(``readiness.audience.may_read_release``); everyone else gets "not found".
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from prozesse.models import MunicipalityPage
from prozesse.visibility import visibility_of
from readiness.audience import may_read_release
from readiness.kit import build_kit
from readiness.models import HandbookRelease, ReleaseStatus
from readiness.releases import (
    is_own_request,
    may_decide,
    reject_release,
    release_handbook,
    request_release,
)
from readiness.roles import may_download_kit, may_release, may_request, readiness_towns


def _town(request, town_id: int) -> MunicipalityPage:
    town = readiness_towns(request.user).filter(pk=town_id).first()
    if town is None:
        raise Http404
    return town


def handbooks(request):
    towns = list(readiness_towns(request.user).order_by("title"))
    if not towns:
        raise PermissionDenied
    rows = []
    for town in towns:
        releases = list(
            HandbookRelease.objects.filter(municipality=town).order_by("-version", "-requested_at")
        )
        pending = next((r for r in releases if r.status == ReleaseStatus.REQUESTED), None)
        released = [r for r in releases if r.status == ReleaseStatus.RELEASED]
        rows.append(
            {
                "town": town,
                "current": released[0] if released else None,
                "released": released,
                "rejected": [r for r in releases if r.status == ReleaseStatus.REJECTED][:3],
                "pending": pending,
                "may_request": pending is None and may_request(request.user, town),
                "may_decide": pending is not None and may_decide(pending, request.user),
                "own_pending": pending is not None
                and is_own_request(pending, request.user)
                and may_release(request.user, town),
                "may_kit": may_download_kit(request.user, town),
            }
        )
    return TemplateResponse(
        request,
        "readiness/admin/handbooks.html",
        {"rows": rows, "page_title": _("Notfallhandbücher")},
    )


@require_POST
def request_view(request, town_id: int):
    town = _town(request, town_id)
    try:
        request_release(town, request.user, request.POST.get("note", "")[:2000])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Freigabe ist beantragt. Eine zweite Person gibt frei."))
    return redirect("readiness_handbooks")


@require_POST
def decide_view(request, release_id: int):
    release = get_object_or_404(HandbookRelease, pk=release_id)
    _town(request, release.municipality_id)
    action = request.POST.get("action")
    try:
        if action == "freigeben":
            release = release_handbook(release, request.user)
            messages.success(
                request, _("Version %(version)s ist freigegeben.") % {"version": release.version}
            )
        elif action == "ablehnen":
            reject_release(release, request.user, request.POST.get("comment", "")[:2000])
            messages.success(request, _("Die Freigabe ist abgelehnt."))
        else:
            messages.error(request, _("Bitte „Freigeben“ oder „Ablehnen“ wählen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect("readiness_handbooks")


def _pdf(release: HandbookRelease) -> FileResponse:
    if not release.file:
        raise Http404
    return FileResponse(
        release.file.open("rb"),
        as_attachment=True,
        filename=release.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


def release_pdf(request, release_id: int):
    """A released version's PDF (admin and site): only for readers who may read it."""
    release = get_object_or_404(HandbookRelease, pk=release_id, status=ReleaseStatus.RELEASED)
    if not may_read_release(request.user, release):
        raise Http404
    return _pdf(release)


def kit_view(request, town_id: int):
    town = _town(request, town_id)
    if not may_download_kit(request.user, town):
        raise PermissionDenied
    user = request.user
    data = build_kit(
        town,
        visibility_of(request),
        recipient=user.get_full_name() or user.get_username(),
        release_readable=lambda release: may_read_release(user, release),
    )
    response = HttpResponse(data, content_type="application/zip")
    filename = f"Notfallkoffer-{town.slug}-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def admin_urls():
    return [
        path("notfallvorsorge/handbuecher/", handbooks, name="readiness_handbooks"),
        path(
            "notfallvorsorge/handbuecher/<int:town_id>/beantragen/",
            request_view,
            name="readiness_request",
        ),
        path(
            "notfallvorsorge/freigaben/<int:release_id>/entscheiden/",
            decide_view,
            name="readiness_decide",
        ),
        path(
            "notfallvorsorge/freigaben/<int:release_id>/pdf/",
            release_pdf,
            name="readiness_admin_release_pdf",
        ),
        path("notfallvorsorge/notfallkoffer/<int:town_id>/", kit_view, name="readiness_kit"),
    ]
