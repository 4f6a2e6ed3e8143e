"""Who a released handbook and an emergency kit are made for, and who may read them.

**Decision.** A released handbook is frozen once and read by many, so it contains only what
*every staff member of its town* may read: the visibility of a reader who is in the group
"Mitarbeitende <Kommune>" and nothing else (``town_staff_visibility``). Pages restricted to
narrower groups or protected by a password are left out of the release – they stay on the
intranet for their readers. The pages a release contains are stored with it; the PDF is served
only to readers who may see every one of them now (``may_read_release``), so a page restricted
after the release does not leak through an old version. A page deleted since counts as seen
only by readers who act for the town or belong to its staff.

The emergency kit is made for one recipient: in the admin, the requesting user's own visibility;
on the command line ``--als <Benutzername>`` or, by default, all staff of the town.
"""

from __future__ import annotations

from wagtail.models import Page

from prozesse.models import MunicipalityPage, MunicipalityStaffGroup
from prozesse.towns import may_act_for
from prozesse.visibility import Visibility, visibility_for, visibility_for_groups


def town_staff_visibility(municipality: MunicipalityPage) -> Visibility:
    """What every staff member of ``municipality`` may read (see module)."""
    groups = MunicipalityStaffGroup.objects.filter(municipality=municipality).values_list(
        "group_id", flat=True
    )
    return visibility_for_groups(groups)


def _in_town(user, municipality_id: int) -> bool:
    return (
        may_act_for(user, municipality_id)
        or MunicipalityStaffGroup.objects.filter(
            municipality_id=municipality_id, group__user=user
        ).exists()
    )


def may_read_release(user, release) -> bool:
    """May ``user`` download this released handbook (any version)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ids = release.page_ids
    pages = list(Page.objects.filter(pk__in=ids).only("pk", "path"))
    visibility = visibility_for(user)
    if not all(visibility.allows(page) for page in pages):
        return False
    if len(pages) < len(set(ids)) or not ids:
        return _in_town(user, release.municipality_id)
    return True
