"""Search indexing in batches: what a page's search text needs beyond its own row is loaded
once per batch of pages, not once per page.

``manage.py update_index`` reads ``Model.get_indexed_objects()`` in chunks of 1,000. A model
that returns a :class:`SearchBatchQuerySet` there gets its classmethod
``prepare_search_batch(pages)`` called on every chunk right after it is fetched (also after
its ``prefetch_related`` lookups), and its search-text methods find what they need on the
pages. Single saves index one page without this and load the same data for that page alone.
"""

from __future__ import annotations

from django.db.models.query import ModelIterable
from wagtail.query import PageQuerySet


class SearchBatchQuerySet(PageQuerySet):
    @classmethod
    def adopt(cls, queryset: PageQuerySet) -> SearchBatchQuerySet:
        """The same query (filters, ordering, select/prefetch lookups) with batch preparation.
        Django's clones keep the class, so the chunks (slices) keep it too."""
        clone = queryset._chain()
        clone.__class__ = cls
        return clone

    def _fetch_all(self) -> None:
        fetched_now = self._result_cache is None
        super()._fetch_all()
        if fetched_now and self._result_cache and self._iterable_class is ModelIterable:
            self.model.prepare_search_batch(self._result_cache)
