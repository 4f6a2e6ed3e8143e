"""Feedback from other towns: comments and experience reports on a process."""

from __future__ import annotations

from knowledge.models import Feedback
from knowledge.notifications import notify_feedback


def leave_feedback(page, user, *, kind: str, text: str, title: str = "") -> Feedback:
    """Store a comment or experience report and notify the page's owner."""
    person = getattr(user, "person", None)
    feedback = Feedback(
        page=page,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        author=user,
        author_name=(person.name if person else "") or user.get_full_name() or user.get_username(),
        author_municipality=person.municipality if person is not None else None,
    )
    feedback.full_clean()
    feedback.save()
    feedback.notified = notify_feedback(feedback)
    feedback.save(update_fields=["notified"])
    return feedback
