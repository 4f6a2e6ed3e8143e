"""Index updates Wagtail's own signal handlers miss (connected per page type).

* Publishing: Wagtail indexes a page in ``post_save``, but modelcluster saves child relations
  (tags, deputies, …) only *after* that, so a tag added in the same edit never reached the
  index. ``page_published`` comes after everything is saved: index the page once more.

Moving is not handled here: the moved subtree's derived fields must be caught up first, so the
page-move chain (``prozesse.page_moves``) calls :func:`search.indexing.reindex_subtree` last.
"""

from __future__ import annotations

from modelsearch.index import insert_or_update_object
from wagtail.models import get_page_models
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs) -> None:
    insert_or_update_object(instance)


for _page_model in get_page_models():
    page_published.connect(
        reindex_published_page, sender=_page_model, dispatch_uid="search.reindex_published_page"
    )
