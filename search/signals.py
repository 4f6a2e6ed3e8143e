"""Index updates Wagtail's own signal handlers miss.

* Publishing: Wagtail indexes a page in ``post_save``, but modelcluster saves child relations
  (tags, deputies, …) only *after* that, so a tag added in the same edit never reached the
  index. ``page_published`` comes after everything is saved: index the page once more.
* Moving: the tree path and the derived municipality/department of the moved subtree change by
  ``UPDATE`` (no ``post_save``), so filters and facets would use the old place.
"""

from __future__ import annotations

from django.dispatch import receiver
from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published, post_page_move


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs) -> None:
    insert_or_update_object(instance)


@receiver(post_page_move)
def reindex_moved_subtree(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        insert_or_update_object(page)
