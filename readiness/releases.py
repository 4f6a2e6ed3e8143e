"""Releasing a town's emergency handbook: request, then release or reject by a second person.

The four-eyes rule is the repo's (``prozesse.models.approval``): nobody decides on a release
they requested themselves – administrators neither – and the refusal uses the same German
message. Releasing renders the handbook for all staff of the town (``readiness.audience``),
stores the PDF under the next version number and closes the request.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prozesse.models.approval import OWN_SUBMISSION_MESSAGE
from readiness.audience import town_staff_visibility
from readiness.handbook_pdf import render_handbook
from readiness.models import HandbookRelease, ReleaseStatus
from readiness.roles import may_release, may_request


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def open_request(municipality) -> HandbookRelease | None:
    return HandbookRelease.objects.filter(
        municipality=municipality, status=ReleaseStatus.REQUESTED
    ).first()


def current_release(municipality) -> HandbookRelease | None:
    """The newest released version of the town's handbook."""
    return (
        HandbookRelease.objects.filter(municipality=municipality, status=ReleaseStatus.RELEASED)
        .order_by("-version")
        .first()
    )


def request_release(municipality, user, note: str = "") -> HandbookRelease:
    if not may_request(user, municipality):
        raise PermissionDenied(_("Sie dürfen für diese Kommune keine Freigabe beantragen."))
    if open_request(municipality) is not None:
        raise ValidationError(_("Für diese Kommune ist bereits eine Freigabe beantragt."))
    return HandbookRelease.objects.create(
        municipality=municipality,
        requested_by=user,
        requested_by_name=_name(user),
        note=note.strip(),
    )


def is_own_request(release: HandbookRelease, user) -> bool:
    return release.requested_by_id is not None and release.requested_by_id == user.pk


def may_decide(release: HandbookRelease, user) -> bool:
    return (
        release.status == ReleaseStatus.REQUESTED
        and may_release(user, release.municipality)
        and not is_own_request(release, user)
    )


def _check(release: HandbookRelease, user) -> None:
    if release.status != ReleaseStatus.REQUESTED:
        raise ValidationError(_("Über diese Freigabe ist bereits entschieden."))
    if not may_release(user, release.municipality):
        raise PermissionDenied(_("Sie dürfen das Notfallhandbuch dieser Kommune nicht freigeben."))
    if is_own_request(release, user):
        raise PermissionDenied(str(OWN_SUBMISSION_MESSAGE))


@transaction.atomic
def release_handbook(release: HandbookRelease, user) -> HandbookRelease:
    """Freeze the handbook as the next version (see module)."""
    release = HandbookRelease.objects.select_for_update().get(pk=release.pk)
    _check(release, user)
    municipality = release.municipality
    version = (
        HandbookRelease.objects.filter(municipality=municipality).aggregate(top=Max("version"))[
            "top"
        ]
        or 0
    ) + 1
    now = timezone.now()
    pdf, contents = render_handbook(
        municipality,
        town_staff_visibility(municipality),
        version=version,
        released_at=timezone.localtime(now),
        approver=_name(user),
    )
    release.version = version
    release.status = ReleaseStatus.RELEASED
    release.decided_by = user
    release.decided_by_name = _name(user)
    release.decided_at = now
    release.contents = contents
    release.file.save(
        f"Notfallhandbuch-{municipality.slug}-v{version}-{timezone.localdate(now):%Y-%m-%d}.pdf",
        ContentFile(pdf),
        save=False,
    )
    release.save()
    return release


@transaction.atomic
def reject_release(release: HandbookRelease, user, comment: str) -> HandbookRelease:
    release = HandbookRelease.objects.select_for_update().get(pk=release.pk)
    _check(release, user)
    if not comment.strip():
        raise ValidationError(_("Bitte begründen Sie die Ablehnung."))
    release.status = ReleaseStatus.REJECTED
    release.decided_by = user
    release.decided_by_name = _name(user)
    release.decided_at = timezone.now()
    release.comment = comment.strip()
    release.save()
    return release
