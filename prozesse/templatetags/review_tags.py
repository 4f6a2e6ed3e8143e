"""Template tags of the review conversation (``prozesse.review_conversation``): the banner of
the edit form, the editor's message in the review queue, and what an approval leads to."""

from __future__ import annotations

from django import template
from wagtail.models import Task, TaskState

from prozesse.review_conversation import Conversation, conversation_for, submission_message

register = template.Library()


@register.simple_tag
def review_conversation(page) -> Conversation | None:
    """The running review of ``page`` (None when it is not in review)."""
    return conversation_for(page)


@register.simple_tag
def review_message(task_state: TaskState) -> str:
    """The editor's message of the submission ``task_state`` reviews."""
    if task_state is None:
        return ""
    return submission_message(task_state.workflow_state)


@register.simple_tag
def review_next_step(task_state: TaskState) -> str:
    """The step that follows an approval of ``task_state``; "" when the approval publishes."""
    if task_state is None:
        return ""
    workflow_state = task_state.workflow_state
    following = (
        Task.objects.filter(workflow_tasks__workflow_id=workflow_state.workflow_id, active=True)
        .exclude(task_states__in=workflow_state.successful_task_states)
        .exclude(pk=task_state.task_id)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    return following.name if following is not None else ""
