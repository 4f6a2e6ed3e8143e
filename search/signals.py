"""Index updates Wagtail's own signal handlers miss.

* Publishing: Wagtail indexes a page in ``post_save``, but modelcluster saves child relations
  (tags, deputies, …) only *after* that, so a tag added in the same edit never reached the
  index. ``page_published`` comes after everything is saved: index the page once more.

Moving is not handled here: the moved subtree's derived fields must be caught up first, so the
page-move chain (``prozesse.page_moves``) calls :func:`search.indexing.reindex_subtree` last.
"""

from __future__ import annotations

from django.dispatch import receiver
from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs) -> None:
    insert_or_update_object(instance)
