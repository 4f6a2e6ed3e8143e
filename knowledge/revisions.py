"""Administrative changes to pages beside their editorial workflow.

A handover or an adoption sync changes a few fields of a page that may at the same time carry
somebody's unpublished draft, possibly under review. :func:`change_page` applies a change

* to the live version, as a new revision that is published (the page history shows who changed
  what), without cancelling a running moderation workflow, and
* to the pending draft, which is saved again on top with the same change – so it stays the
  latest revision, keeps its content and is *not* published.

:func:`set_review_dates` writes review dates onto the live page and its live and latest revisions
without any new revision at all (a confirmation is no content change).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.db import transaction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import Page, Revision
from wagtail.signals import published

#: A change: mutates a page object in memory, returns the names of the fields it changed.
Mutation = Callable[[Page], set[str]]

#: True while an administrative change publishes: such a publication is no content review.
ADMINISTRATIVE_CHANGE: ContextVar[bool] = ContextVar("knowledge_administrative", default=False)


class _PublishKeepingWorkflow(PublishRevisionAction):
    """Publish a revision like Wagtail does, but leave a running moderation workflow alone:
    it belongs to somebody else's draft, which this change does not publish."""

    def _after_publish(self):
        published.send(sender=type(self.object), instance=self.object, revision=self.revision)


def _has_pending_draft(page: Page) -> bool:
    return bool(
        page.has_unpublished_changes
        and page.latest_revision_id
        and page.latest_revision_id != page.live_revision_id
    )


@transaction.atomic
def change_page(page: Page, mutate: Mutation, *, user=None) -> Revision | None:
    """Apply ``mutate`` to the live content and to the pending draft of ``page``.

    Returns the revision that carries the change (the published one for a live page), or
    ``None`` when nothing needed changing.
    """
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    pending = page.latest_revision if _has_pending_draft(page) else None
    carried: Revision | None = None

    if page.live:
        live = page.live_revision.as_object() if page.live_revision_id else page
        if mutate(live):
            carried = live.save_revision(user=user, clean=False)
            token = ADMINISTRATIVE_CHANGE.set(True)
            try:
                _PublishKeepingWorkflow(carried, user=user, changed=True, log_action=True).execute(
                    skip_permission_checks=True
                )
            finally:
                ADMINISTRATIVE_CHANGE.reset(token)
        if pending is not None:
            draft = pending.as_object()
            if mutate(draft):
                revision = draft.save_revision(user=user, clean=False)
                carried = carried or revision
        return carried

    # Not live: the draft is all there is. The page row is what listings show, so it follows.
    draft = page.latest_revision.as_object() if page.latest_revision_id else page
    if mutate(draft):
        carried = draft.save_revision(user=user, clean=False)
    row = Page.objects.get(pk=page.pk).specific
    changed = mutate(row)
    if changed:
        row.save(update_fields=sorted(changed), clean=False)
    return carried


def _patch(revision: Revision | None, values: dict) -> None:
    if revision is None:
        return
    content = dict(revision.content)
    content.update(values)
    revision.content = content
    revision.save(update_fields=["content"])


@transaction.atomic
def set_review_dates(page: Page, *, last_reviewed_at, next_review_date) -> None:
    """Write review dates onto the page and its live and latest revisions, so the next
    publication of a pending draft does not bring back the old dates. Saved with
    ``update_fields``: the search index follows through the usual save signal."""
    from prozesse.models import RegisterEntryPage

    entry = RegisterEntryPage.objects.select_for_update().get(pk=page.pk).specific
    if entry.next_review_date == next_review_date:  # not indexed: no need to reindex
        RegisterEntryPage.objects.filter(pk=entry.pk).update(last_reviewed_at=last_reviewed_at)
    else:
        entry.last_reviewed_at, entry.next_review_date = last_reviewed_at, next_review_date
        entry.save(update_fields=["last_reviewed_at", "next_review_date"], clean=False)
    values = {
        "last_reviewed_at": last_reviewed_at.isoformat() if last_reviewed_at else None,
        "next_review_date": next_review_date.isoformat() if next_review_date else None,
    }
    revisions = Revision.objects.filter(
        pk__in={pk for pk in (entry.live_revision_id, entry.latest_revision_id) if pk}
    )
    for revision in revisions:
        _patch(revision, values)
