"""Übernahme: a town takes over another town's process and stays linked to the original.

:func:`adopt` creates a draft copy in a department of the adopting town, linked to the origin
and the origin's live revision. When the origin is published again with different content
(:func:`note_origin_published`, called from the ``page_published`` signal), the copy is marked
"Original wurde geändert"; :func:`compare` shows origin-then against origin-now field by field
and step by step, and :func:`take_over` applies chosen changes to the copy as a new draft.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Revision

from knowledge.models import Adoption, Feedback
from knowledge.notifications import notify_origin_changed
from prozesse.models import DepartmentPage, ITSystem, MunicipalityPage, ProcessPage, ProcessStatus
from prozesse.towns import acting_towns, acts_for_all_towns
from prozesse.visibility import Visibility, copy_view_restrictions, visibility_for

ADOPT_ACTION = "knowledge.adopt"
TAKE_OVER_ACTION = "knowledge.adopt_changes"

#: Fields of a process compared between origin-then and origin-now, in display order.
COMPARED_FIELDS = (
    "title",
    "summary",
    "category",
    "status",
    "trigger",
    "outcome",
    "inputs",
    "outputs",
    "service_key",
    "legal_bases",
    "it_systems",
    "case_volume",
    "processing_minutes",
    "maturity",
    "criticality",
    "rto_hours",
    "bpmn_file",
)
#: Fields whose derived companions travel with them.
BPMN_DERIVED = ("bpmn_svg", "bpmn_outline", "bpmn_text")

STEP_ATTRIBUTES = (
    ("name", gettext_lazy("Schritt")),
    ("responsible_role", gettext_lazy("Zuständige Rolle")),
    ("it_system", gettext_lazy("Fachverfahren")),
    ("description", gettext_lazy("Beschreibung")),
    ("duration", gettext_lazy("Dauer")),
)


# ---------------------------------------------------------------------------- values


def _field(name):

    return ProcessPage._meta.get_field(name)


def _stream(value) -> list[dict]:
    return [
        {"id": entry.get("id"), "type": entry.get("type"), "value": entry.get("value")}
        for entry in (value.raw_data if value is not None else [])
    ]


def _meaningful(value):
    """A block value without empty entries, so a block gaining an (empty) field or a
    regenerated block id does not count as a change."""
    if isinstance(value, dict):
        return {k: _meaningful(v) for k, v in sorted(value.items()) if v not in (None, "", [])}
    return value


def _it_system_ids(page) -> list[int]:
    return sorted(system.pk for system in page.it_systems.all())


def comparable(page, name: str):
    """A JSON-friendly value of a compared field, equal when the content is equal."""
    if name == "legal_bases":
        return [_meaningful(entry["value"]) for entry in _stream(page.legal_bases)]
    if name == "it_systems":
        return _it_system_ids(page)
    if name == "bpmn_file":
        return page.bpmn_file.name or ""
    value = getattr(page, name)
    return "" if value is None and name in ("summary", "trigger", "outcome") else value


def _steps(page) -> list[dict]:
    return [
        {"key": entry["id"] or f"name:{(entry['value'] or {}).get('name', '')}", **entry}
        for entry in _stream(page.steps)
    ]


def fingerprint(page) -> str:
    """Hash of everything :func:`compare` looks at."""
    data = {name: comparable(page, name) for name in COMPARED_FIELDS}
    data["steps"] = [_meaningful(step["value"]) for step in _steps(page)]
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def display(page, name: str, systems: dict[int, str]) -> str:
    """How a compared field reads for people."""
    if name == "legal_bases":
        lines = []
        for block in page.legal_bases:
            value = block.value
            norm = value.citation() if hasattr(value, "citation") else value.get("norm", "")
            title = value.display_title() if hasattr(value, "display_title") else value.get("title")
            lines.append(f"{norm} – {title}" if title else norm)
        return "\n".join(lines)
    if name == "it_systems":
        return ", ".join(sorted(systems.get(pk, str(pk)) for pk in _it_system_ids(page)))
    if name == "bpmn_file":
        return page.bpmn_file.name.rsplit("/", 1)[-1] if page.bpmn_file else ""
    model_field = _field(name)
    value = getattr(page, name)
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------- comparison


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class StepChange:
    key: str  # what a form selects: the step's key in origin-now, else in origin-then
    change: str  # "added", "removed", "changed", "moved", "unchanged"
    before: dict | None
    after: dict | None
    position_before: int | None = None
    position_after: int | None = None
    changed_attributes: list[str] = field(default_factory=list)
    before_key: str | None = None
    after_key: str | None = None

    @property
    def label(self) -> str:
        return {
            "added": _("neu"),
            "removed": _("entfallen"),
            "changed": _("geändert"),
            "moved": _("verschoben"),
            "unchanged": _("unverändert"),
        }[self.change]

    @property
    def name(self) -> str:
        return (self.after or self.before or {}).get("name", "")

    @property
    def selectable(self) -> bool:
        return self.change != "unchanged"


@dataclass
class Comparison:
    adoption: Adoption
    then: object
    now: object
    now_revision: Revision | None
    fields: list[FieldChange]
    steps: list[StepChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(step.selectable for step in self.steps)


def _step_display(value: dict, systems: dict[int, str]) -> dict:
    value = dict(value or {})
    system = value.get("it_system")
    value["it_system"] = systems.get(system, "") if system else ""
    return value


def diff_steps(then_steps: list[dict], now_steps: list[dict], systems) -> list[StepChange]:
    """Align steps by block id (stable across revisions); steps whose ids differ but whose
    names match are the same step (a re-import gives new ids). Classify each."""
    then_by_key = {step["key"]: (index, step) for index, step in enumerate(then_steps)}
    now_by_key = {step["key"]: (index, step) for index, step in enumerate(now_steps)}

    # Pair unmatched steps by name, in order.
    unmatched_then = [s for s in then_steps if s["key"] not in now_by_key]
    pairs: dict[str, str] = {}  # now key -> then key
    for step in now_steps:
        if step["key"] in then_by_key:
            continue
        name = (step["value"] or {}).get("name")
        match = next((t for t in unmatched_then if (t["value"] or {}).get("name") == name), None)
        if match is not None:
            unmatched_then.remove(match)
            pairs[step["key"]] = match["key"]
    paired_then = set(pairs.values())

    def then_key_of(now_key: str) -> str | None:
        return now_key if now_key in then_by_key else pairs.get(now_key)

    then_order = [s["key"] for s in then_steps if s["key"] in now_by_key or s["key"] in paired_then]
    now_order = [k for k in (s["key"] for s in now_steps) if then_key_of(k)]
    moved = {
        now_key
        for now_key, then_key in zip(now_order, [then_key_of(k) for k in now_order], strict=True)
        if then_order.index(then_key) != now_order.index(now_key)
    }

    result: list[StepChange] = []
    for step in then_steps:  # removed steps first keep their place relative to the others
        if step["key"] not in now_by_key and step["key"] not in paired_then:
            index = then_by_key[step["key"]][0]
            result.append(
                StepChange(
                    step["key"],
                    "removed",
                    _step_display(step["value"], systems),
                    None,
                    index + 1,
                    before_key=step["key"],
                )
            )
    for after_index, step in enumerate(now_steps):
        then_key = then_key_of(step["key"])
        after = _step_display(step["value"], systems)
        if then_key is None:
            result.append(
                StepChange(
                    step["key"], "added", None, after, None, after_index + 1, after_key=step["key"]
                )
            )
            continue
        before_index, before_step = then_by_key[then_key]
        before = _step_display(before_step["value"], systems)
        differing = [
            str(label)
            for attr, label in STEP_ATTRIBUTES
            if (before.get(attr) or "") != (after.get(attr) or "")
        ]
        change = "changed" if differing else ("moved" if step["key"] in moved else "unchanged")
        result.append(
            StepChange(
                step["key"],
                change,
                before,
                after,
                before_index + 1,
                after_index + 1,
                differing,
                before_key=then_key,
                after_key=step["key"],
            )
        )
    # A removed step is listed after the step that preceded it in origin-then.
    now_position = {c.before_key: c.position_after for c in result if c.after_key and c.before_key}

    def place(change: StepChange) -> float:
        if change.position_after is not None:
            return change.position_after
        for earlier in reversed(then_steps[: change.position_before - 1]):
            if earlier["key"] in now_position:
                return now_position[earlier["key"]] + 0.5
        return 0.5

    return sorted(result, key=place)


def _system_names(*pages) -> dict[int, str]:

    ids = set()
    for page in pages:
        ids.update(_it_system_ids(page))
        ids.update((step["value"] or {}).get("it_system") for step in _steps(page) if step["value"])
    ids.discard(None)
    return dict(ITSystem.objects.filter(pk__in=ids).values_list("pk", "name"))


def origin_now(origin) -> tuple[object, Revision | None]:
    """The origin's live content and the revision that holds it."""
    if origin.live_revision_id:
        revision = Revision.objects.get(pk=origin.live_revision_id)
        return revision.as_object(), revision
    return origin, None


def compare(adoption: Adoption) -> Comparison:
    """Origin-then (the adopted revision) against origin-now (its live version)."""
    origin = adoption.origin.specific
    now, now_revision = origin_now(origin)
    then = adoption.origin_revision.as_object() if adoption.origin_revision_id else now
    systems = _system_names(then, now)
    fields = []
    for name in COMPARED_FIELDS:
        if comparable(then, name) != comparable(now, name):
            fields.append(
                FieldChange(
                    name,
                    str(_field(name).verbose_name),
                    display(then, name, systems),
                    display(now, name, systems),
                )
            )
    steps = diff_steps(_steps(then), _steps(now), systems)
    return Comparison(adoption, then, now, now_revision, fields, steps)


# ---------------------------------------------------------------------------- adopting


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
                _stream(draft.steps), _steps(comparison.now), [known_steps[k] for k in steps]
            )
        revision = draft.save_revision(user=user, clean=False)
        log(
            instance=copy,
            action=TAKE_OVER_ACTION,
            user=user,
            revision=revision,
            data={
                "origin_title": adoption.origin_title,
                "fields": [str(_field(name).verbose_name) for name in fields],
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
        draft.legal_bases = _stream(source.legal_bases)
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


# ---------------------------------------------------------------------------- peers


@dataclass
class Peer:
    page: object
    relation: str


def process_knowledge(page, visibility: Visibility) -> dict:
    """What a process page shows about adoption, peers and feedback – only what the reader may
    see, counts included; a constant number of queries, memoised on the page for the templates
    that include it."""
    cached = getattr(page, "_knowledge_context", None)
    if cached is not None:
        return cached

    adoptions = [
        adoption
        for adoption in Adoption.objects.filter(
            Q(copy_id=page.pk)
            | Q(origin_id=page.pk)
            | Q(origin__in=Adoption.objects.filter(copy_id=page.pk).values("origin"))
        )
        .annotate(
            copy_town=F("copy__municipality__title"),
            copy_path=F("copy__path"),
            origin_path=F("origin__path"),
            origin_revision_created_at=F("origin_revision__created_at"),
        )
        .order_by("copy_town")
        if visibility.allows_path(adoption.copy_path or "")
        and (adoption.origin_path is None or visibility.allows_path(adoption.origin_path))
    ]
    own = next((a for a in adoptions if a.copy_id == page.pk), None)
    copies = [a for a in adoptions if a.origin_id == page.pk]
    linked = {a.copy_id for a in adoptions} | {a.origin_id for a in adoptions}
    linked -= {page.pk, None}

    condition = Q(pk__in=linked)
    if page.service_key:
        condition |= Q(service_key=page.service_key)
    peers_qs = visibility.apply(
        ProcessPage.objects.live()
        .exclude(pk=page.pk)
        .filter(condition)
        .defer("bpmn_svg", "bpmn_text", "bpmn_outline", "steps", "legal_bases", "attachments")
        .select_related("municipality", "department", "content_owner")
        .prefetch_related("it_systems")
        .order_by("municipality__title", "title")
    )[:30]
    peers = []
    for peer in peers_qs:
        if own is not None and peer.pk == own.origin_id:
            relation = _("Original")
        elif any(a.copy_id == peer.pk and a.origin_id == page.pk for a in copies):
            relation = _("hat übernommen")
        elif peer.pk in linked:
            relation = _("ebenfalls übernommen")
        else:
            relation = _("gleiche Leistung (LeiKa)")
        peers.append(Peer(peer, relation))
    peer_pages = {peer.page.pk: peer.page for peer in peers}
    for adoption in adoptions:
        adoption.copy_page = peer_pages.get(adoption.copy_id)
        adoption.origin_page = peer_pages.get(adoption.origin_id)

    context = {
        "adoption": own,
        "copies": copies,
        "copy_towns": sorted({a.copy_town for a in copies if a.copy_town}),
        "peers": peers,
        "feedback": list(
            Feedback.objects.filter(page_id=page.pk, hidden=False).select_related(
                "author_municipality"
            )[:50]
        ),
    }
    page._knowledge_context = context
    return context
