"""The one place that decides *when* search-index updates happen outside a single save.

Wagtail indexes every save of an indexed model at once: one request per backend and save (a
page publish saves about three times), plus a rebuild of the object's entries in Wagtail's
reference index. That is right for an editor's save and wasteful for bulk work.

* :func:`deferred_indexing` – bulk work (demo seed, imports): saves are only noted; the noted
  objects are loaded into every backend in bulk (``add_bulk``, in chunks) when the caller
  flushes and when the block ends.
* :func:`index_updates_paused` – no automatic index updates at all, and none afterwards (tests
  that never search).
* :func:`index_objects` – bulk-load given objects (model → primary keys) now.
* :func:`reindex_subtree` – index a page and its descendants again after a change that the
  database makes by ``UPDATE`` (a page move rewrites tree paths and derived fields without a
  ``post_save``).

Pausing works through the backends' ``AUTO_UPDATE`` option, which every caller of
``insert_or_update_object``/``remove_object`` respects: it is process-wide, so use it in
commands and tests, never while serving requests in other threads.
"""

from __future__ import annotations

import copy
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.test.utils import override_settings
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.conf import get_app_config
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)

#: Objects per bulk request (and per database query that loads them).
INDEX_CHUNK_SIZE = 500

#: Model → primary keys.
Objects = Mapping[type[models.Model], Iterable[Any]]
Backends = list[tuple[str, Any]]


# --------------------------------------------------------------------------- loading in bulk


def index_objects(
    objects: Objects,
    backends: Backends | None = None,
    *,
    refresh: bool = False,
    chunk_size: int = INDEX_CHUNK_SIZE,
) -> int:
    """Load the given objects (those that still exist and are indexable) into the given
    (name, backend) pairs, by default every auto-updated backend, with one ``add_bulk`` per
    model and chunk; with ``refresh`` make them searchable at once. Returns how many objects
    were indexed.

    Errors follow Wagtail's per-save policy: an external engine may be down (logged and, by
    the backend, recorded for reconcile), the database backend may not."""
    if backends is None:
        backends = list(get_search_backends_with_name(with_auto_update=True))
    done: set[tuple[type[models.Model], Any]] = set()
    indexed_models: set[type[models.Model]] = set()
    for model, pks in objects.items():
        pks = sorted(set(pks))
        for start in range(0, len(pks), chunk_size):
            by_model: dict[type[models.Model], list] = defaultdict(list)
            for obj in model.get_indexed_objects().filter(pk__in=pks[start : start + chunk_size]):
                indexed = obj.get_indexed_instance()  # a page in its specific class
                if indexed is None or (type(indexed), indexed.pk) in done:
                    continue
                done.add((type(indexed), indexed.pk))
                by_model[type(indexed)].append(indexed)
            for indexed_model, chunk in by_model.items():
                indexed_models.add(indexed_model)
                _each_backend(backends, "Bulk indexing", indexed_model, _add_bulk, chunk)
    if refresh:
        for indexed_model in indexed_models:
            _each_backend(backends, "Refreshing the index of", indexed_model, _refresh)
    return len(done)


def reindex_subtree(page: Page) -> int:
    """Index ``page`` and its descendants again; inside :func:`deferred_indexing` they are
    noted and loaded with everything else. Returns how many pages were noted or indexed."""
    by_model: dict[type[models.Model], list] = defaultdict(list)
    subtree = Page.objects.descendant_of(page, inclusive=True)
    for content_type_id, pk in subtree.values_list("content_type_id", "pk"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and search_index.class_is_indexed(model):
            by_model[model].append(pk)
    deferred = _active.get()
    if deferred is not None:
        for model, pks in by_model.items():
            deferred.saved[model].update(pks)
        return sum(len(pks) for pks in by_model.values())
    return index_objects(by_model)


def _add_bulk(backend, model, objects) -> None:
    backend.add_bulk(model, objects)


def _refresh(backend, model) -> None:
    backend.get_index_for_model(model).refresh()


def _each_backend(backends: Backends, what: str, model, action, *args) -> None:
    for name, backend in backends:
        try:
            action(backend, model, *args)
        except Exception:
            logger.exception("%s %s in the %r search backend failed", what, model.__name__, name)
            if not backend.catch_indexing_errors:
                raise


# --------------------------------------------------------------------------- pausing


def _auto_updated_indexed_models() -> list[type[models.Model]]:
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def index_updates_paused() -> Iterator[None]:
    """No automatic search-index updates in this block, and none afterwards: every backend's
    ``AUTO_UPDATE`` is off. The per-save receivers stay connected and find no backend to
    write to, so a test inside the block can switch updates on again through the settings."""
    app_config = get_app_config()
    backends = copy.deepcopy(app_config.get_search_backend_config())
    for params in backends.values():
        params["AUTO_UPDATE"] = False
    with override_settings(**{app_config.backend_setting_name: backends}):
        yield


class DeferredIndex:
    """What was saved and deleted while indexing was deferred; :meth:`flush` catches the
    reference index (for ``tracked`` models) and the search backends (those auto-updated when
    the deferral began) up with it."""

    def __init__(
        self, backends: Backends, indexed_models: Iterable[type[models.Model]], tracked: set
    ) -> None:
        self.backends = backends
        self.indexed_models = set(indexed_models)
        self.tracked = tracked
        self.saved: dict[type[models.Model], set] = defaultdict(set)
        self.deleted: list[models.Model] = []

    def note_saved(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw and instance.pk is not None:
            self.saved[sender].add(instance.pk)

    def note_deleted(self, sender, instance, **kwargs) -> None:
        self.deleted.append(instance)

    def flush(self) -> int:
        """Bring both indexes up to date with what was noted so far (deletions first) and
        make it searchable at once; returns how many objects were indexed for search."""
        saved, deleted = dict(self.saved), self.deleted
        self.saved, self.deleted = defaultdict(set), []
        if self.tracked:
            update_reference_index(saved, self.tracked, deleted)
        for instance in deleted:
            if type(instance) in self.indexed_models:
                indexed = search_index.get_indexed_instance(instance, check_exists=False)
                if indexed is not None:
                    _each_backend(self.backends, "Removing from", type(indexed), _delete, indexed)
        indexed = {model: pks for model, pks in saved.items() if model in self.indexed_models}
        return index_objects(indexed, self.backends, refresh=True)


def _delete(backend, model, instance) -> None:
    backend.delete(instance)


#: The deferral in progress in this context, if any (so nested bulk work and subtree
#: re-indexing join it instead of indexing at once or not at all).
_active: ContextVar[DeferredIndex | None] = ContextVar("search_deferred_index", default=None)

_UID = "search.indexing.deferred"


@contextmanager
def deferred_indexing(*, rebuild_references: bool = True) -> Iterator[DeferredIndex]:
    """Note what is saved or deleted in this block instead of indexing it; catch the indexes
    up in bulk when the caller flushes and when the block ends (also after an error, for what
    was committed).

    Search updates are paused for every indexed model (see :func:`index_updates_paused`), and
    reference-index updates too; with ``rebuild_references`` the noted objects' reference
    entries are rebuilt once each (``False`` for imports whose objects refer to nothing).
    Inside another deferral this one joins it."""
    outer = _active.get()
    if outer is not None:
        yield outer
        return
    indexed_models = _auto_updated_indexed_models()
    tracked = set(ReferenceIndex.tracked_models) if rebuild_references else set()
    backends = list(get_search_backends_with_name(with_auto_update=True))
    deferred = DeferredIndex(backends, indexed_models, tracked)
    noting = {*indexed_models, *tracked}
    swapped = [
        model
        for model in indexed_models
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    for model in noting:
        post_save.connect(deferred.note_saved, sender=model, weak=False, dispatch_uid=_UID)
        post_delete.connect(deferred.note_deleted, sender=model, weak=False, dispatch_uid=_UID)
    token = _active.set(deferred)
    failed = False
    try:
        with index_updates_paused(), disable_reference_index_auto_update():
            yield deferred
    except BaseException:
        failed = True
        raise
    finally:
        _active.reset(token)
        for model in noting:
            post_save.disconnect(sender=model, dispatch_uid=_UID)
            post_delete.disconnect(sender=model, dispatch_uid=_UID)
        for model in swapped:
            post_save.connect(post_save_signal_handler, sender=model)
        try:
            deferred.flush()
        except Exception:
            if not failed:
                raise
            logger.exception("Catching the indexes up after failed bulk work failed as well")


# --------------------------------------------------------------------------- reference index


def update_reference_index(
    saved: Objects, tracked: set | None = None, deleted: Iterable[models.Model] = ()
) -> int:
    """Rebuild the reference-index entries of the saved objects once each (child rows count
    for their parent, as in Wagtail's own receiver) after dropping those of deleted objects;
    returns how many objects were updated."""
    tracked = set(ReferenceIndex.tracked_models) if tracked is None else tracked
    targets: dict[tuple[str, object], models.Model] = {}
    with transaction.atomic():
        for instance in deleted:
            if type(instance) in tracked:
                ReferenceIndex.remove_for_object(instance)
                ReferenceIndex.remove_references_to(instance)
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
