"""The review conversation: what the editor writes when asking for approval and what the
reviewer writes when requesting changes or approving, shown where the other side looks – the
banner of the edit form, the review queue, both mails and the page history.

Storage follows Wagtail, nothing of its own:

* the reviewer's message is Wagtail's ``TaskState.comment``, entered in the dialogs
  "Änderungen anfordern" and "Freigeben" of the four-eyes step
  (``FourEyesApprovalTask.get_form_for_action``); Wagtail logs it with the action, so the
  history shows it;
* the editor's message is the comment of the log entry Wagtail writes for the submission
  ("wagtail.workflow.start", or "wagtail.workflow.resume" after changes were requested), so
  the history shows it next to the submission and every later step finds it. The page views
  (``prozesse.views.page_editing``) read the dialog's field ``review_message`` and store it
  there once Wagtail has logged the submission. Wagtail mails the reviewers while it starts the
  step, before that: during the submitting request the message is held in a context variable
  (:func:`submitting`), which the mail reads first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from wagtail.models import PageLogEntry, TaskState, WorkflowState

#: The name of the message field in the "Freigabe erbitten" dialog.
MESSAGE_FIELD = "review_message"
MAX_LENGTH = 2000
#: Wagtail's log actions of a submission (first submission; after changes were requested).
SUBMISSION_ACTIONS = ("wagtail.workflow.start", "wagtail.workflow.resume")

_pending: ContextVar[str | None] = ContextVar("review_message_pending", default=None)


def clean_message(value: object) -> str:
    """The message as stored: surrounding blanks removed, at most ``MAX_LENGTH`` characters."""
    return str(value or "").strip()[:MAX_LENGTH]


@contextmanager
def submitting(message: str) -> Iterator[None]:
    """While a submission request runs: the message its mails quote."""
    token = _pending.set(message)
    try:
        yield
    finally:
        _pending.reset(token)


def _page_id(workflow_state: WorkflowState) -> int | None:
    try:
        return int(workflow_state.object_id)
    except (TypeError, ValueError):
        return None


def submission_entry(workflow_state: WorkflowState) -> PageLogEntry | None:
    """The log entry of the latest submission (or resubmission) of ``workflow_state``."""
    page_id = _page_id(workflow_state)
    if page_id is None:
        return None
    return (
        PageLogEntry.objects.filter(
            page_id=page_id,
            action__in=SUBMISSION_ACTIONS,
            timestamp__gte=workflow_state.created_at,
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )


def submission_message(workflow_state: WorkflowState) -> str:
    """The editor's message of the latest submission ("" if they wrote none)."""
    pending = _pending.get()
    if pending is not None:
        return pending
    entry = submission_entry(workflow_state)
    return str((entry.data or {}).get("comment", "")) if entry is not None else ""


def attach_submission_message(page, user, message: str, since: datetime.datetime) -> bool:
    """Store ``message`` with the submission ``user`` just made (logged at or after ``since``);
    False if there was none (e.g. the form had errors)."""
    message = clean_message(message)
    if not message:
        return False
    entry = (
        PageLogEntry.objects.filter(
            page_id=page.pk, action__in=SUBMISSION_ACTIONS, user=user, timestamp__gte=since
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return False
    entry.data = {**(entry.data or {}), "comment": message}
    entry.save(update_fields=["data"])
    return True


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Conversation:
    """What the banner of the edit form and the review queue say about a running review."""

    #: "in_review" or "changes_requested"
    status: str
    step: str
    submitted_by: str
    submitted_at: datetime.datetime | None
    message: str
    #: The latest change request of this review (for a resubmission: the one it answers).
    requested_by: str = ""
    requested_at: datetime.datetime | None = None
    request: str = ""

    @property
    def changes_requested(self) -> bool:
        return self.status == "changes_requested"


def latest_change_request(workflow_state: WorkflowState) -> TaskState | None:
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def conversation_for(page) -> Conversation | None:
    """The running review of ``page`` (in review or changes requested), else None."""
    if page is None or getattr(page, "pk", None) is None:
        return None
    state = page.current_workflow_state
    if state is None or state.status not in (
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    ):
        return None
    entry = submission_entry(state)
    task_state = state.current_task_state
    request = latest_change_request(state)
    return Conversation(
        status=(
            "changes_requested"
            if state.status == WorkflowState.STATUS_NEEDS_CHANGES
            else "in_review"
        ),
        step=task_state.task.name if task_state is not None else "",
        submitted_by=person_name(entry.user if entry is not None else state.requested_by),
        submitted_at=entry.timestamp if entry is not None else state.created_at,
        message=str((entry.data or {}).get("comment", "")) if entry is not None else "",
        requested_by=person_name(request.finished_by) if request is not None else "",
        requested_at=request.finished_at if request is not None else None,
        request=request.comment if request is not None else "",
    )
