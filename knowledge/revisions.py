"""Administrative changes to pages, through each page's own editorial workflow.

A handover changes a few fields of pages that may belong to another department, even carry
somebody's unpublished draft under review. It never publishes: :func:`propose_change` saves
the change as a new revision on top of the latest one (the draft, if there is one, keeps its
content) and hands it to the page's own moderation workflow:

* no workflow running and nothing else unpublished: the page's workflow is started with the
  change, so the page's own reviewers approve it (four eyes: never the one who proposed it);
* a workflow already running: the change rides along with it – the approval publishes the
  latest revision, which now carries it;
* a draft nobody has submitted yet, changes requested, a page never published, or a page
  without a workflow: the change stays in the draft and goes live with the next approval.

The result says which of these happened and where the change waits, for the handover record.
:func:`set_review_dates` writes review dates onto the live page and its live and latest revisions
without any new revision at all (a confirmation is no content change).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, WorkflowState

from prozesse.models import RegisterEntryPage

#: A change: mutates a page object in memory, returns the names of the fields it changed.
Mutation = Callable[[Page], set[str]]

#: True while an administrative change publishes (no code path does so any more; kept for
#: the publication receiver in knowledge.signals, which must not count such a change as a
#: content review).
ADMINISTRATIVE_CHANGE: ContextVar[bool] = ContextVar("knowledge_administrative", default=False)

SUBMITTED = "submitted"
IN_REVIEW = "in_review"
DRAFT = "draft"


@dataclass(frozen=True)
class Proposal:
    """A change saved as a revision, and where it waits for approval."""

    revision: Revision
    outcome: str  # SUBMITTED, IN_REVIEW or DRAFT
    waiting_at: str  # German, for the handover record


def _has_pending_draft(page: Page) -> bool:
    return bool(
        page.has_unpublished_changes
        and page.latest_revision_id
        and page.latest_revision_id != page.live_revision_id
    )


def _task_name(state: WorkflowState) -> str:
    task_state = state.current_task_state
    return task_state.task.name if task_state is not None else state.workflow.name


@transaction.atomic
def propose_change(page: Page, mutate: Mutation, *, user=None) -> Proposal | None:
    """Apply ``mutate`` to the latest content of ``page`` as a new revision and route it
    through the page's workflow (see module). Publishes nothing. Returns ``None`` when
    nothing needed changing."""
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    had_draft = _has_pending_draft(page)
    draft = page.get_latest_revision_as_object()
    if not mutate(draft):
        return None
    revision = draft.save_revision(user=user, clean=False)
    if not page.live:
        # Never published: the page row is what listings show, so it follows the draft.
        row = Page.objects.get(pk=page.pk).specific
        changed = mutate(row)
        if changed:
            row.save(update_fields=sorted(changed), clean=False)
        return Proposal(revision, DRAFT, _("Entwurf (Seite noch nicht veröffentlicht)"))

    state = Page.objects.get(pk=page.pk).specific.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Proposal(revision, IN_REVIEW, _("Freigabe „%(task)s“") % {"task": _task_name(state)})
    if state is not None:
        return Proposal(revision, DRAFT, _("Entwurf (Änderungen angefordert)"))
    workflow = page.get_workflow()
    if had_draft or workflow is None or not workflow.active:
        return Proposal(revision, DRAFT, _("Entwurf (noch nicht zur Freigabe eingereicht)"))
    page = Page.objects.get(pk=page.pk).specific
    state = workflow.start(page, user)
    return Proposal(revision, SUBMITTED, _("Freigabe „%(task)s“") % {"task": _task_name(state)})


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
