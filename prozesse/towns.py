"""Which towns a user may act for: the one rule for every town-bound action.

A role acts where its rights are anchored (``prozesse.roles``): "Wissensmanagement
<Kommune>" holds its rights on the municipality page, "Redaktion/Freigabe <Kommune> –
<Fachbereich>" on a department of that town, and "Wissensmanagement (alle Kommunen)" on the
home page above every town. So a user may act for a municipality when one of their groups
holds a page permission on it, inside it or above it; administrators act for all towns.
What a user may do there is a separate question (Django and page permissions); this module
only answers where. Knowledge management (handovers, confirming currency, adoption targets),
the people and IT-system snippets and their admin listings all ask here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission

from prozesse.models import MunicipalityPage


def _anchor_paths(user) -> set[str]:
    cache = "_prozesse_anchor_paths"
    if not hasattr(user, cache):
        paths = set(
            GroupPagePermission.objects.filter(group__user=user).values_list(
                "page__path", flat=True
            )
        )
        setattr(user, cache, paths)
    return getattr(user, cache)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class _Towns:
    """Where an active user who is no administrator acts: for all towns, and the ids of the
    towns they act for."""

    for_all: bool
    ids: frozenset[int]


def _towns(user, town_paths: Mapping[int, str] | None = None) -> _Towns:
    """The towns of a signed-in non-administrator, from their anchors and one query for the
    towns (none when the caller has read ``town_paths``, id → tree path of every
    municipality); kept on the user object like the anchors, so one request asks once (the
    user is loaded afresh for every request)."""
    cache = "_prozesse_towns"
    if not hasattr(user, cache):
        anchors = _anchor_paths(user)
        if town_paths is None:
            towns = list(MunicipalityPage.objects.values_list("pk", "path"))
        else:
            towns = list(town_paths.items())
        if towns:
            for_all = any(
                all(path.startswith(anchor) and path != anchor for _pk, path in towns)
                for anchor in anchors
            )
        else:  # nothing to act for yet: the home page (depth 2) stands for all towns
            for_all = any(len(anchor) <= 2 * MunicipalityPage.steplen for anchor in anchors)
        ids = frozenset(pk for pk, path in towns if _covers(anchors, path))
        setattr(user, cache, _Towns(for_all, ids))
    return getattr(user, cache)


def acts_for_all_towns(user) -> bool:
    """Administrators, and roles anchored above every town (the central knowledge group on
    the home page)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return _towns(user).for_all


def _covers(anchors: set[str], town_path: str) -> bool:
    """An anchor inside the town (department), on it, or above it (home page)."""
    return any(a.startswith(town_path) or town_path.startswith(a) for a in anchors)


def acting_towns(user) -> QuerySet[MunicipalityPage]:
    """The municipalities ``user`` may act for (all of them for administrators)."""
    if not _active(user):
        return MunicipalityPage.objects.none()
    if user.is_superuser:
        return MunicipalityPage.objects.all()
    return MunicipalityPage.objects.filter(pk__in=_towns(user).ids)


def acting_town_ids(user) -> set[int]:
    if _active(user) and not user.is_superuser:
        return set(_towns(user).ids)
    return set(acting_towns(user).values_list("pk", flat=True))


def may_act_for(user, municipality_id: int | None) -> bool:
    """Whether ``user`` may act for the town with this id. Records without a town (shared
    ones) belong to those who act for all towns."""
    if municipality_id is None:
        return acts_for_all_towns(user)
    return municipality_id in acting_town_ids(user)


def in_acting_towns(queryset: QuerySet, user, field: str = "municipality", shared: bool = False):
    """``queryset`` narrowed to records of the user's towns (``field`` names the town);
    ``shared`` also keeps records without a town."""
    if acts_for_all_towns(user):
        return queryset
    condition = Q(**{f"{field}__in": acting_town_ids(user)})
    if shared:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)


def home_town_ids(user, town_paths: Mapping[int, str] | None = None) -> set[int]:
    """The reader's own municipalities, for ranking: the towns whose staff group
    ("Mitarbeitende <Kommune>") the user is in, and the towns their roles act for — none for
    those who act for all towns (administrators, the central knowledge group), whose results
    favour no town. ``town_paths`` (id → tree path of every municipality) spares the query
    for the towns when the caller has read them already."""
    if not _active(user) or user.is_superuser or _towns(user, town_paths).for_all:
        return set()
    staff = set(
        MunicipalityPage.objects.filter(staff_group_link__group__user=user).values_list(
            "pk", flat=True
        )
    )
    return staff | acting_town_ids(user)
