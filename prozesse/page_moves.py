"""What a page move changes besides the tree, step by step in the one order that is right.

Wagtail moves a page (with its subtree) by ``UPDATE``: no ``save()``, no ``post_save``. Fields
derived from the tree therefore need catching up, and the search index last of all, because its
documents carry those fields (municipality, department, register key). The steps used to be
three ``post_page_move`` receivers whose order followed ``INSTALLED_APPS``; :func:`after_page_move`
now calls them explicitly and is the only receiver (connected in ``prozesse.signals``).
"""

from __future__ import annotations

from wagtail.models import Page

from prozesse.models import ProcessPage, RegisterEntryPage
from prozesse.models.inbox import ImportInboxPage
from search.indexing import reindex_subtree


def after_page_move(sender, instance: Page, parent_page_before: Page | None, **kwargs) -> None:
    """``post_page_move``: bring everything that follows from the page's place up to date."""
    resync_derived_fields(instance)
    assign_register_key_on_leaving_the_inbox(instance, parent_page_before)
    reindex_subtree(instance)  # last: the documents must show the new place and key


def resync_derived_fields(page: Page) -> None:
    """A moved page (or its subtree) may now belong to another municipality or department."""
    for entry in RegisterEntryPage.objects.descendant_of(page, inclusive=True):
        entry.sync_derived_fields()
        RegisterEntryPage.objects.filter(pk=entry.pk).update(
            municipality=entry.municipality, department=entry.department
        )


def assign_register_key_on_leaving_the_inbox(page: Page, parent_page_before: Page | None) -> None:
    """A process moved out of the import inbox into a department gets its register key now,
    not only on its next save (the tree move itself saves no content)."""
    if parent_page_before is None or parent_page_before.specific_class is not ImportInboxPage:
        return
    process = ProcessPage.objects.filter(pk=page.pk, register_key__isnull=True).first()
    if process is None:
        return
    process._assign_register_key()
    if process.register_key:
        ProcessPage.objects.filter(pk=process.pk).update(register_key=process.register_key)
