"""What changed between two versions of a register entry: field by field and step by step.

:func:`diff_versions` compares any two versions of any register entry type (the fields of
its type, see :func:`compared_fields`; a process's steps one by one). Two uses:

* adoption: an adoption remembers the origin's revision it copied (origin-then); :func:`compare`
  sets it against the origin's live version (origin-now), and :func:`fingerprint` is the short
  form the ``page_published`` signal compares to mark copies "Original wurde geändert"
  (:mod:`knowledge.adoption` and the comparison screen);
* read confirmations: what changed since the version a reader last confirmed
  (:mod:`knowledge.reading`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision

from knowledge.models import Adoption
from prozesse.models import ITSystem, ProcessPage

#: Fields of a process compared between two versions, in display order.
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


#: Fields of other entry types never compared: bookkeeping, not content.
NOT_COMPARED = frozenset({"oparl_id", "next_review_date", "review_interval_months"})

# ---------------------------------------------------------------------------- values


def process_field(name):
    return ProcessPage._meta.get_field(name)


def compared_fields(model: type) -> tuple[str, ...]:
    """The content fields of an entry type compared between versions, in display order: a
    process's fixed list; for other types title, summary and the type's own editable fields."""
    if issubclass(model, ProcessPage):
        return COMPARED_FIELDS
    own = [
        field.name
        for field in (*model._meta.local_fields, *model._meta.local_many_to_many)
        if field.editable
        and not field.auto_created
        and not field.primary_key
        and field.name not in NOT_COMPARED
    ]
    return ("title", "summary", *own)


def normalise_text(value) -> str:
    """Text as people read it: no line-ending difference (a browser posts CRLF, an import
    writes LF), no trailing blanks at line ends, and no value (None) is the empty text."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def stream_data(value) -> list[dict]:
    return [
        {"id": entry.get("id"), "type": entry.get("type"), "value": entry.get("value")}
        for entry in (value.raw_data if value is not None else [])
    ]


def _meaningful(value):
    """A block value without empty entries, so a block gaining an (empty) field or a
    regenerated block id does not count as a change."""
    if isinstance(value, dict):
        cleaned = {k: _meaningful(v) for k, v in sorted(value.items())}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [])}
    if isinstance(value, str):
        return normalise_text(value)
    return value


def _it_system_ids(page) -> list[int]:
    return sorted(system.pk for system in page.it_systems.all())


def comparable(page, name: str):
    """A JSON-friendly value of a compared field, equal when the content is equal."""
    model_field = page._meta.get_field(name)
    if isinstance(model_field, StreamField):
        return [_meaningful(entry["value"]) for entry in stream_data(getattr(page, name))]
    if model_field.many_to_many:
        return sorted(related.pk for related in getattr(page, name).all())
    if isinstance(model_field, models.FileField):
        return getattr(page, name).name or ""
    if isinstance(model_field, models.ForeignKey):
        return getattr(page, model_field.attname)
    value = getattr(page, name)
    if isinstance(model_field, (models.CharField, models.TextField)):
        return normalise_text(value)
    return value


def steps_of(page) -> list[dict]:
    return [
        {"key": entry["id"] or f"name:{(entry['value'] or {}).get('name', '')}", **entry}
        for entry in stream_data(page.steps)
    ]


def fingerprint(page) -> str:
    """Hash of everything :func:`compare` looks at."""
    data = {name: comparable(page, name) for name in COMPARED_FIELDS}
    data["steps"] = [_meaningful(step["value"]) for step in steps_of(page)]
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _stream_text(value) -> str:
    """A stream's blocks as plain text, one line per block."""
    lines = []
    for block in value or []:
        text = " ".join(str(part) for part in block.block.get_searchable_content(block.value))
        lines.append(" ".join(strip_tags(text).split()))
    return "\n".join(line for line in lines if line)


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
    model_field = page._meta.get_field(name)
    value = getattr(page, name)
    if isinstance(model_field, StreamField):
        return _stream_text(value)
    if model_field.many_to_many:
        return ", ".join(sorted(str(related) for related in value.all()))
    if isinstance(model_field, models.FileField):
        return value.name.rsplit("/", 1)[-1] if value else ""
    if isinstance(model_field, RichTextField):
        return " ".join(strip_tags(value or "").split())
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return normalise_text(value)


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
class VersionDiff:
    """The differences between two versions of one entry."""

    fields: list[FieldChange]
    steps: list[StepChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(step.selectable for step in self.steps)

    @property
    def changed_steps(self) -> list[StepChange]:
        return [step for step in self.steps if step.selectable]


@dataclass
class Comparison(VersionDiff):
    adoption: Adoption | None = None
    then: object = None
    now: object = None
    now_revision: Revision | None = None


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
        if not isinstance(page, ProcessPage):
            continue
        ids.update(_it_system_ids(page))
        ids.update(
            (step["value"] or {}).get("it_system") for step in steps_of(page) if step["value"]
        )
    ids.discard(None)
    return dict(ITSystem.objects.filter(pk__in=ids).values_list("pk", "name"))


def origin_now(origin) -> tuple[object, Revision | None]:
    """The origin's live content and the revision that holds it."""
    if origin.live_revision_id:
        revision = Revision.objects.get(pk=origin.live_revision_id)
        return revision.as_object(), revision
    return origin, None


def diff_versions(then, now) -> VersionDiff:
    """What changed from version ``then`` to version ``now`` of one entry (specific pages, e.g.
    ``revision.as_object()``): each compared field that differs, and for processes each step."""
    systems = _system_names(then, now)
    fields = []
    for name in compared_fields(type(now)):
        if comparable(then, name) != comparable(now, name):
            fields.append(
                FieldChange(
                    name,
                    str(now._meta.get_field(name).verbose_name),
                    display(then, name, systems),
                    display(now, name, systems),
                )
            )
    steps = []
    if isinstance(now, ProcessPage) and isinstance(then, ProcessPage):
        steps = diff_steps(steps_of(then), steps_of(now), systems)
    return VersionDiff(fields, steps)


def compare(adoption: Adoption) -> Comparison:
    """Origin-then (the adopted revision) against origin-now (its live version)."""
    origin = adoption.origin.specific
    now, now_revision = origin_now(origin)
    then = adoption.origin_revision.as_object() if adoption.origin_revision_id else now
    diff = diff_versions(then, now)
    return Comparison(diff.fields, diff.steps, adoption, then, now, now_revision)
