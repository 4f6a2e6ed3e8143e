"""Übernahme: a town takes over another town's process and stays linked to the original.

:func:`adopt` creates a draft copy in a department of the adopting town, linked to the origin
and the origin's live revision. When the origin is published again with different content
(:func:`note_origin_published`, called from the ``page_published`` signal), the copy is marked
"Original wurde geändert"; :mod:`knowledge.comparison` shows origin-then against origin-now and
:func:`take_over` applies chosen changes to the copy as a new draft.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from knowledge.comparison import (
    BPMN_DERIVED,
    StepChange,
    compare,
    fingerprint,
    process_field,
    steps_of,
    stream_data,
)
from knowledge.models import Adoption
from knowledge.notifications import notify_origin_changed
from prozesse.models import DepartmentPage, MunicipalityPage, ProcessStatus
from prozesse.towns import acting_towns, acts_for_all_towns
from prozesse.visibility import copy_view_restrictions, visibility_for

ADOPT_ACTION = "knowledge.adopt"
TAKE_OVER_ACTION = "knowledge.adopt_changes"


def _live_revision(origin) -> Revision:
    """The revision holding the origin's live content (made from the live page if missing)."""
    if origin.live_revision_id:
        return origin.live_revision
    revision = origin.save_revision(changed=False, clean=False)
    type(origin).objects.filter(pk=origin.pk).update(live_revision=revision)
    return revision


def adoptable_departments(user, origin) -> list:
    """Departments of a town the user acts for (``prozesse.towns``; with a person record:
    the person's own town) where the user may create processes."""

    departments = DepartmentPage.objects.all()
    if not acts_for_all_towns(user):
        towns = list(acting_towns(user))
        if not towns:
            return []
        in_towns = DepartmentPage.objects.none()
        for town in towns:
            in_towns |= DepartmentPage.objects.descendant_of(town)
        departments = departments.filter(pk__in=in_towns.values("pk"))
    if origin.municipality_id:
        departments = departments.not_descendant_of(origin.municipality)
    person = getattr(user, "person", None)
    if person is not None and person.municipality_id:
        departments = departments.descendant_of(person.municipality)
    return [
        department
        for department in departments.order_by("path")
        if department.permissions_for_user(user).can_add_subpage()
    ]


def _free_slug(parent, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


_UNSET = object()


@transaction.atomic
def adopt(origin, department, user, *, owner=_UNSET, check_permissions: bool = True, session=None):
    """Create a draft copy of ``origin`` in ``department``, linked to the origin's live
    revision; its owner is the adopting user's person unless ``owner`` is given. Only a page
    the user may see can be adopted (``session``: the password restrictions they passed), and
    the copy keeps the origin's view restrictions. Raises ValidationError (German) for what
    cannot be adopted."""

    origin = origin.specific
    if not origin.live or not visibility_for(user, session).allows(origin):
        raise ValidationError(_("Nur veröffentlichte Prozesse können übernommen werden."))
    if not origin.share_intermunicipal:
        raise ValidationError(
            _("Dieser Prozess ist nicht zur Übernahme durch andere Kommunen freigegeben.")
        )
    if check_permissions and department.pk not in {
        d.pk for d in adoptable_departments(user, origin)
    }:
        raise ValidationError(_("In diesen Fachbereich dürfen Sie keinen Prozess übernehmen."))
    town = MunicipalityPage.objects.ancestor_of(department).first()
    if town is not None and origin.municipality_id == town.pk:
        raise ValidationError(_("Ein Prozess kann nicht in die eigene Kommune übernommen werden."))
    already = Adoption.objects.filter(origin=origin, copy__municipality=town).select_related("copy")
    if town is not None and already.exists():
        raise ValidationError(
            _("%(town)s hat diesen Prozess bereits übernommen: „%(title)s“.")
            % {"town": town.title, "title": already.first().copy.title}
        )

    revision = _live_revision(origin)
    copy = origin.copy(
        to=department,
        keep_live=False,
        copy_revisions=False,
        user=user,
        exclude_fields=["deputies", "related_process_links"],
        update_attrs={
            "slug": _free_slug(department, origin.slug),
            "register_key": None,
            "content_owner": getattr(user, "person", None) if owner is _UNSET else owner,
            "status": ProcessStatus.TARGET,
            "share_intermunicipal": False,
            "review_interval_months": None,
            "next_review_date": None,
            "last_reviewed_at": None,
        },
    ).specific
    copy_view_restrictions(origin, copy)
    origin_town = origin.municipality.title if origin.municipality_id else ""
    Adoption.objects.create(
        copy=copy,
        origin=origin,
        origin_revision=revision,
        origin_fingerprint=fingerprint(revision.as_object()),
        origin_title=origin.title,
        origin_municipality_name=origin_town,
        adopted_by=user,
    )
    log(
        instance=copy,
        action=ADOPT_ACTION,
        user=user,
        revision=copy.latest_revision,
        data={"origin": origin.pk, "origin_title": origin.title, "origin_town": origin_town},
    )
    return copy


def note_origin_published(origin) -> None:
    """Called when ``origin`` is published: mark its copies whose origin content now differs
    from what they adopted, and tell their owners once."""

    adoptions = list(Adoption.objects.filter(origin_id=origin.pk).select_related("copy"))
    if not adoptions:
        return
    current = fingerprint(origin)
    now = timezone.now()
    for adoption in adoptions:
        changed = current != adoption.origin_fingerprint
        if changed == adoption.origin_changed:
            continue
        adoption.origin_changed = changed
        adoption.origin_changed_at = now if changed else None
        adoption.save(update_fields=["origin_changed", "origin_changed_at"])
        if changed:
            notify_origin_changed(adoption)


@transaction.atomic
def take_over(adoption: Adoption, *, fields=(), steps=(), user=None) -> Revision | None:
    """Apply the chosen field and step changes of the origin to the copy as a new draft and
    move the adoption's baseline to the origin's current revision. With nothing chosen the
    changes are only acknowledged."""
    comparison = compare(adoption)
    known_fields = {change.name for change in comparison.fields}
    known_steps = {step.key: step for step in comparison.steps if step.selectable}
    unknown = [name for name in fields if name not in known_fields] + [
        key for key in steps if key not in known_steps
    ]
    if unknown:
        raise ValidationError(
            _("Diese Änderungen gibt es im Original nicht (mehr): %(names)s")
            % {"names": ", ".join(unknown)}
        )

    revision = None
    if fields or steps:
        copy = adoption.copy.specific
        draft = copy.get_latest_revision_as_object()
        for name in fields:
            _take_field(draft, comparison.now, name)
        if steps:
            draft.steps = _merge_steps(
                stream_data(draft.steps), steps_of(comparison.now), [known_steps[k] for k in steps]
            )
        revision = draft.save_revision(user=user, clean=False)
        log(
            instance=copy,
            action=TAKE_OVER_ACTION,
            user=user,
            revision=revision,
            data={
                "origin_title": adoption.origin_title,
                "fields": [str(process_field(name).verbose_name) for name in fields],
                "steps": [known_steps[key].name for key in steps],
            },
        )

    adoption.origin_revision = comparison.now_revision or adoption.origin_revision
    adoption.origin_fingerprint = fingerprint(comparison.now)
    adoption.origin_changed = False
    adoption.origin_changed_at = None
    adoption.synced_at = timezone.now()
    adoption.save()
    return revision


def _take_field(draft, source, name: str) -> None:
    if name == "it_systems":
        draft.it_systems = list(source.it_systems.all())
    elif name == "legal_bases":
        draft.legal_bases = stream_data(source.legal_bases)
    elif name == "bpmn_file":
        draft.bpmn_file = source.bpmn_file.name
        for derived in BPMN_DERIVED:
            setattr(draft, derived, getattr(source, derived))
    else:
        setattr(draft, name, getattr(source, name))


def _merge_steps(copy_steps: list[dict], now_steps: list[dict], chosen: list[StepChange]):
    """Apply chosen step changes to the copy's steps. A copy keeps the block ids of its
    origin, so copy steps are found by id (then by name); the copy's own additions stay."""
    steps = [dict(step) for step in copy_steps]

    def name_of(step) -> str:
        return (step.get("value") or {}).get("name", "")

    def locate(keys, name: str | None) -> int | None:
        for key in keys:
            if key and not key.startswith("name:"):
                for index, step in enumerate(steps):
                    if step.get("id") == key:
                        return index
        if name:
            return next((i for i, step in enumerate(steps) if name_of(step) == name), None)
        return None

    now_keys = [step["key"] for step in now_steps]
    now_by_key = {step["key"]: step for step in now_steps}
    for change in chosen:
        existing = locate(
            [change.before_key, change.after_key], (change.before or change.after or {}).get("name")
        )
        if change.change == "removed":
            if existing is not None:
                steps.pop(existing)
            continue
        source = now_by_key[change.after_key]
        if change.change == "changed" and existing is not None:
            steps[existing] = {**steps[existing], "value": source["value"]}
            continue
        if existing is not None:  # moved (or changed and found nowhere else): take it out
            block = {**steps.pop(existing), "value": source["value"]}
        else:
            block = {"type": "step", "value": source["value"], "id": source["id"]}
        position = now_keys.index(change.after_key)
        anchor = None
        if position:
            previous = now_by_key[now_keys[position - 1]]
            anchor = locate([previous["key"]], name_of(previous))
        steps.insert(0 if position == 0 else len(steps) if anchor is None else anchor + 1, block)
    return steps
