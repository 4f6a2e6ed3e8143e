"""Recording failed index writes and repairing the index afterwards (reconcile).

Why a backlog table and not a persistent task queue with retries: Wagtail's index task
(``modelsearch.tasks.insert_or_update_object_task``) catches the engine's error, logs it and
*succeeds*, so a retrying task backend would never retry; and a worker process is one more thing
to run in every municipality's installation. Index updates therefore stay immediate (what one
publishes is findable at once), and only the failures are written down, durably and in the
same transaction as the edit.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from modelsearch.index import class_is_indexed, get_indexed_instance
from wagtail.models import Page

from search.models import IndexBacklogEntry

logger = logging.getLogger(__name__)

ERROR_TEXT_LIMIT = 1000


def record_failure(action: str, objects: list, error: BaseException) -> None:
    """Write one backlog row per object; never raises (the edit must go through)."""
    text = f"{type(error).__name__}: {error}"[:ERROR_TEXT_LIMIT]
    try:
        with transaction.atomic():  # a savepoint: a failure here cannot break the edit
            IndexBacklogEntry.objects.bulk_create(
                IndexBacklogEntry(
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=str(obj.pk),
                    action=action,
                    error=text,
                )
                for obj in objects
                if obj.pk is not None
            )
    except Exception:
        logger.exception("Could not record %d failed search index updates", len(objects))


def pending_count() -> int:
    return IndexBacklogEntry.objects.count()


@dataclass
class ReconcileReport:
    indexed: int = 0
    removed: int = 0
    entries: int = 0
    models: dict[str, int] = field(default_factory=dict)


def reconcile(backend, since: datetime | None = None) -> ReconcileReport:
    """Bring ``backend``'s index in line with the database for every object in the backlog
    (and, with ``since``, for every page changed since then): index what exists and is
    indexable, remove what does not. Backlog rows are deleted only after their object was
    written; rows recorded while this runs stay for the next run. Engine errors propagate."""
    report = ReconcileReport()
    entries = list(
        IndexBacklogEntry.objects.order_by("id").values_list("id", "content_type_id", "object_id")
    )
    wanted: dict[int, set[str]] = defaultdict(set)
    for _id, content_type_id, object_id in entries:
        wanted[content_type_id].add(object_id)
    if since is not None:
        changed = Page.objects.filter(last_published_at__gte=since) | Page.objects.filter(
            latest_revision_created_at__gte=since
        )
        for content_type_id, pk in changed.values_list("content_type_id", "pk"):
            wanted[content_type_id].add(str(pk))

    for content_type_id, object_ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not class_is_indexed(model):
            continue
        indexed, removed = _reconcile_objects(backend, model, object_ids)
        report.indexed += indexed
        report.removed += removed
        if indexed or removed:
            report.models[model._meta.label] = indexed + removed

    backend.refresh_indexes()
    if entries:
        IndexBacklogEntry.objects.filter(id__lte=entries[-1][0]).delete()
    report.entries = len(entries)
    return report


def _reconcile_objects(backend, model, object_ids: set[str]) -> tuple[int, int]:
    index = backend.get_index_for_model(model)
    existing = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=object_ids)}
    to_index = []
    to_remove = []
    for object_id in sorted(object_ids):
        obj = existing.get(object_id)
        indexed = get_indexed_instance(obj) if obj is not None else None
        if indexed is not None:
            to_index.append(indexed)
        else:
            to_remove.append(object_id)
    by_model: dict[type, list] = defaultdict(list)
    for obj in to_index:
        by_model[type(obj)].append(obj)
    for indexed_model, objects in by_model.items():
        index.add_items(indexed_model, objects)
    for object_id in to_remove:
        index.delete_item(model(pk=object_id))
    return len(to_index), len(to_remove)
