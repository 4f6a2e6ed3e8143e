"""Keep knowledge data right when pages change (no work per request that can be done here)."""

from __future__ import annotations

import logging

from dateutil.relativedelta import relativedelta
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

logger = logging.getLogger(__name__)


@receiver(pre_save)
def apply_review_policy_on_create(sender, instance, raw=False, **kwargs) -> None:
    """A new register entry gets the review interval knowledge management configured for its
    type, unless an editor chose a date or an interval of their own."""
    from prozesse.models import RegisterEntryPage

    if raw or not isinstance(instance, RegisterEntryPage) or not instance._state.adding:
        return
    if instance.review_interval_months or instance.last_reviewed_at:
        return
    today = timezone.localdate()
    derived_default = today + relativedelta(months=instance.default_review_months)
    if instance.next_review_date == derived_default:
        from knowledge.reviews import next_review_after

        instance.next_review_date = next_review_after(instance, today)


@receiver(page_published)
def after_publication(sender, instance, revision, **kwargs) -> None:
    from knowledge.revisions import ADMINISTRATIVE_CHANGE
    from prozesse.models import ProcessPage, RegisterEntryPage

    if not isinstance(instance, RegisterEntryPage):
        return
    if isinstance(instance, ProcessPage):
        from knowledge.adoption import note_origin_published

        note_origin_published(instance)
    if not ADMINISTRATIVE_CHANGE.get():
        count_publication_as_review(instance, revision)


def count_publication_as_review(page, revision) -> None:
    """A published revision went through the department's approval: it counts as a review.
    The next review date follows from it unless the editor set one themselves."""
    from knowledge.reviews import next_review_after
    from knowledge.revisions import set_review_dates

    today = timezone.localdate()
    next_date = page.next_review_date
    try:
        previous = revision.get_previous() if revision is not None else None
    except revision.DoesNotExist:
        previous = None
    if previous is not None:
        before = previous.content.get("next_review_date")
        now = next_date.isoformat() if next_date else None
        if before == now:
            next_date = next_review_after(page, today)
    if page.last_reviewed_at == today and page.next_review_date == next_date:
        return
    set_review_dates(page, last_reviewed_at=today, next_review_date=next_date)
    page.last_reviewed_at, page.next_review_date = today, next_date
