"""Keep derived fields right when the tree changes."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def resync_moved_subtree(sender, instance, **kwargs) -> None:
    """A moved page (or its subtree) may now belong to another municipality or department."""
    from prozesse.models import RegisterEntryPage

    for entry in RegisterEntryPage.objects.descendant_of(instance, inclusive=True):
        entry.sync_derived_fields()
        RegisterEntryPage.objects.filter(pk=entry.pk).update(
            municipality=entry.municipality, department=entry.department
        )
