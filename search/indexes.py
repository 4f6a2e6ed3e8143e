"""Creating and resetting the search engine's indexes with their mappings.

Wagtail only puts mappings during ``update_index``; a document written to a missing index would
make the engine guess a mapping (wrong analyzers, text instead of keyword filters). These
helpers create every index with the German settings and all mappings up front.
"""

from __future__ import annotations

from wagtail.search.backends.base import BaseSearchBackend
from wagtail.search.index import get_indexed_models

from search.analysis import analysis_fingerprint
from search.backends.german import GermanMappingMixin


def is_search_engine(backend: BaseSearchBackend) -> bool:
    """True for Elasticsearch/OpenSearch backends, False for the database backend."""
    return hasattr(backend, "es")


def recreate_indexes(backend: BaseSearchBackend) -> None:
    """Drop and recreate every index of ``backend`` (empty, with settings and mappings)."""
    for index in backend.all_indexes():
        if index.is_alias():
            for name in index.aliased_indices():
                backend.es.indices.delete(index=name)
        index.reset()
    _put_mappings(backend)


def ensure_indexes(backend: BaseSearchBackend) -> list[str]:
    """Create missing indexes with settings and mappings; return the names created."""
    created = []
    for index in backend.all_indexes():
        if not index.exists():
            index.put()
            created.append(index.name)
    if created:
        _put_mappings(backend)
    return created


def outdated_indexes(backend: BaseSearchBackend) -> list[str]:
    """Indexes built with other analysis settings or mapping layout than ours (an older
    version): they need a rebuild (``update_index``); the engine cannot change the analysis of
    an open index. Our mapping records a fingerprint of the settings in ``_meta``."""

    if not is_search_engine(backend) or not issubclass(backend.mapping_class, GermanMappingMixin):
        return []
    current = analysis_fingerprint()
    outdated = []
    for index in backend.all_indexes():
        if not index.exists():
            continue
        response = backend.es.indices.get_mapping(index=index.name)
        for entry in response.values():
            meta = entry.get("mappings", {}).get("_meta", {})
            if meta.get("prozessregister_analysis") != current:
                outdated.append(index.name)
                break
    return outdated


def _put_mappings(backend: BaseSearchBackend) -> None:
    for model in get_indexed_models():
        backend.get_index_for_model(model).add_model(model)
