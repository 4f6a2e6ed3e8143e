"""Idempotent create-or-update helpers for pages and snippets.

Each helper compares the desired values with what is stored and only writes when they differ,
so a second seeding run neither creates duplicates nor new revisions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

from demo.report import CREATED, UNCHANGED, UPDATED

# ---------------------------------------------------------------------------- field values


def _stream_key(field: StreamField, value: Any) -> str:
    """Comparable form of a stream: every block converted to its native value and back (so
    optional child blocks added later compare equal), block ids left out (they are random)."""
    stream = field.to_python(value)
    list(stream)  # converts every child, so get_prep_value normalises it
    return json.dumps(
        [
            {"type": item["type"], "value": item["value"]}
            for item in field.stream_block.get_prep_value(stream)
        ],
        sort_keys=True,
        default=str,
    )


def assign(instance: models.Model, values: dict[str, Any]) -> bool:
    """Set fields that differ from ``values``; return whether anything changed.

    Foreign keys take model instances (or None), StreamFields raw JSON-ish data
    (``[{"type": ..., "value": ...}]`` with primary keys for chooser blocks)."""
    changed = False
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if instance._state.adding:
            pass  # new object: nothing stored to compare with
        elif isinstance(field, StreamField):
            if _stream_key(field, getattr(instance, name)) == _stream_key(field, value):
                continue
        elif field.many_to_one or field.one_to_one:
            if getattr(instance, field.attname) == (value.pk if value is not None else None):
                continue
        elif getattr(instance, name) == value:
            continue
        setattr(instance, name, value)
        changed = True
    return changed


def set_many(instance: models.Model, name: str, objects: list[models.Model]) -> bool:
    """A (parental) many-to-many field, compared as a set."""
    manager = getattr(instance, name)
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in objects}:
        return False
    manager.set(objects)
    return True


def set_tags(page: Page, names: list[str] | tuple[str, ...]) -> bool:
    if {tag.name for tag in page.tags.all()} == set(names):
        return False
    page.tags.set(list(names))
    return True


def set_children(
    instance: models.Model, relation: str, model: type[models.Model], rows: list[dict[str, Any]]
) -> bool:
    """An ordered child relation (modelcluster ``ParentalKey`` + Orderable) whose rows hold
    foreign keys only, compared by the referenced primary keys in order."""
    names = sorted({name for row in rows for name in row})
    current = [
        tuple(getattr(link, f"{name}_id") for name in names)
        for link in getattr(instance, relation).all()
    ]
    desired = [tuple(row[name].pk for name in names) for row in rows]
    if current == desired:
        return False
    setattr(
        instance,
        relation,
        [model(sort_order=index, **row) for index, row in enumerate(rows)],
    )
    return True


def set_file(instance: models.Model, name: str, data: bytes | None, filename: str) -> bool:
    """A file field with the given content (None: no file). Stored right away, so revisions
    refer to a file that exists."""
    field_file = getattr(instance, name)
    if data is None:
        if not field_file:
            return False
        setattr(instance, name, "")
        return True
    if field_file:
        try:
            with field_file.open("rb") as handle:
                if handle.read() == data:
                    return False
        except OSError:
            pass
    field_file.save(filename, ContentFile(data), save=False)
    return True


# ---------------------------------------------------------------------------- snippets


def upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Find by natural key, create or update; return the object and the outcome."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup)
        assign(instance, values)
        instance.save()
        return instance, CREATED
    if assign(instance, values):
        instance.save()
        return instance, UPDATED
    return instance, UNCHANGED


# ---------------------------------------------------------------------------- pages


@dataclass
class PageChange:
    page: Page
    created: bool
    changed: bool

    @property
    def outcome(self) -> str:
        if self.created:
            return CREATED
        return UPDATED if self.changed else UNCHANGED


def prepare_page(
    parent: Page,
    model: type[Page],
    slug: str,
    values: dict[str, Any],
    *,
    many: dict[str, list[models.Model]] | None = None,
    tags: list[str] | tuple[str, ...] | None = None,
    children: dict[str, tuple[type[models.Model], list[dict[str, Any]]]] | None = None,
    extra: Callable[[Page], bool] | None = None,
) -> PageChange:
    """Find the page by slug below ``parent`` (or add it, not yet live) and apply the values
    in memory. ``extra`` applies further changes before a new page is saved and returns whether
    it changed anything. Call :func:`publish` afterwards; more changes may come in between."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug, live=False)
    changed = assign(page, values)
    for name, objects in (many or {}).items():
        changed |= set_many(page, name, objects)
    if tags is not None:
        changed |= set_tags(page, tags)
    for relation, (child_model, rows) in (children or {}).items():
        changed |= set_children(page, relation, child_model, rows)
    if extra is not None:
        changed |= extra(page)
    if created:
        parent.add_child(instance=page)
    return PageChange(page=page, created=created, changed=changed)


def publish(change: PageChange, user) -> None:
    """Publish a new revision when the page is new, changed or not live."""
    page = change.page
    if change.created or change.changed or not page.live:
        # A new page was validated when it was added; changed ones are validated here.
        page.save_revision(user=user, clean=not change.created).publish(user=user)
        change.page = type(page).objects.get(pk=page.pk)
