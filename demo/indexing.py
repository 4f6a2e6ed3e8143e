"""Index seeded content once, at the end, instead of on every save.

Publishing a page saves it three times (creation, revision, publication). Every save of an
indexed model normally writes to each search backend (the search engine and the database
fallback), publishing indexes the page once more, and every save rebuilds the object's entries
in Wagtail's reference index. While seeding, :func:`deferred_indexing` only notes what was
saved; when the block succeeds it updates the reference index once per object and the search
backends with one bulk request per model.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_save
from django.test.utils import override_settings
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.conf import get_app_config
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)

Saved = dict[type[models.Model], set]


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Suspend automatic search and reference index updates in this block; index everything
    that was saved once it succeeds.

    Search updates are paused process-wide (the backends' ``AUTO_UPDATE`` option, which every
    caller of ``insert_or_update_object`` respects, and the per-save receiver): use it in
    commands and tests, not while serving requests in other threads."""
    app_config = get_app_config()
    backends = list(get_search_backends_with_name(with_auto_update=True))
    paused = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in app_config.get_search_backend_config().items()
    }
    indexed_models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved: Saved = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs) -> None:
        if not raw and instance.pk is not None:
            saved[sender].add(instance.pk)

    post_save.connect(collect, weak=False, dispatch_uid="prozesse.demo.deferred_indexing")
    for model in indexed_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with (
            override_settings(**{app_config.backend_setting_name: paused}),
            disable_reference_index_auto_update(),
        ):
            yield
    finally:
        post_save.disconnect(dispatch_uid="prozesse.demo.deferred_indexing")
        for model in indexed_models:
            post_save.connect(post_save_signal_handler, sender=model)
    update_reference_index(saved)
    indexed = {model: pks for model, pks in saved.items() if model in indexed_models}
    update_search_index(indexed, backends)


def update_reference_index(saved: Saved) -> int:
    """Rebuild the reference index entries of the saved objects (child rows count for their
    parent, as in Wagtail's own signal handler)."""
    tracked = set(ReferenceIndex.tracked_models)
    targets: dict[tuple[str, object], models.Model] = {}
    for model, pks in saved.items():
        if model not in tracked:
            continue
        for instance in model._default_manager.filter(pk__in=pks):
            target = _reference_owner(instance)
            if target is not None and ReferenceIndex.is_indexed(target._meta.model):
                targets[(target._meta.label, target.pk)] = target
    with transaction.atomic():
        for target in targets.values():
            ReferenceIndex.create_or_update_for_object(target)
    return len(targets)


def _reference_owner(instance: models.Model) -> models.Model | None:
    while True:
        keys = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None


def update_search_index(saved: Saved, backends: list[tuple[str, Any]] | None = None) -> int:
    """Index the given objects (model → primary keys) in the given (name, backend) pairs,
    by default every auto-updated backend."""
    by_model: dict[type[models.Model], dict] = defaultdict(dict)
    for model, pks in saved.items():
        for obj in model.get_indexed_objects().filter(pk__in=pks):
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_model[type(indexed)][indexed.pk] = indexed
    if backends is None:
        backends = list(get_search_backends_with_name(with_auto_update=True))
    for name, backend in backends:
        for model, objects in by_model.items():
            try:
                backend.add_bulk(model, list(objects.values()))
            except Exception:
                # Same policy as Wagtail's per-save indexing: an external engine may be down
                # (the failure is logged and recorded), the database backend may not.
                logger.exception("Indexing %s in the %r search backend failed", model, name)
                if not backend.catch_indexing_errors:
                    raise
    return sum(len(objects) for objects in by_model.values())
