"""Keep knowledge data right when register entries change; every receiver is connected per
page type (the register entry types, which are the pages with review dates).

* ``pre_save`` of a new entry: its first review date follows the policy
  (``knowledge.reviews.schedule_new_entry``).
* ``page_published``: an adopted process tells its adopters that the origin changed, and the
  publication counts as a review (``knowledge.reviews.count_publication_as_review``).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import pre_save
from wagtail.signals import page_published

from knowledge.adoption import note_origin_published
from knowledge.reviews import count_publication_as_review, schedule_new_entry
from knowledge.revisions import ADMINISTRATIVE_CHANGE
from prozesse.models import ProcessPage, RegisterEntryPage


def schedule_review_of_new_entry(sender, instance: RegisterEntryPage, raw=False, **kwargs) -> None:
    if not raw and instance._state.adding:
        schedule_new_entry(instance)


def after_publication(sender, instance: RegisterEntryPage, revision, **kwargs) -> None:
    if isinstance(instance, ProcessPage):
        note_origin_published(instance)
    if not ADMINISTRATIVE_CHANGE.get():
        count_publication_as_review(instance, revision)


for _entry_type in apps.get_models():
    if issubclass(_entry_type, RegisterEntryPage):
        pre_save.connect(
            schedule_review_of_new_entry,
            sender=_entry_type,
            dispatch_uid="knowledge.schedule_review_of_new_entry",
        )
        page_published.connect(
            after_publication, sender=_entry_type, dispatch_uid="knowledge.after_publication"
        )
