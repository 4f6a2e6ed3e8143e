"""E-mails of the knowledge app (German), and who gets them for a page."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from knowledge.roles import reviewers_for
from prozesse.daily_mail import templated_mail
from prozesse.models import ProcessDeputy
from prozesse.visibility import Visibility, visibility_for

logger = logging.getLogger(__name__)

_MUTED: ContextVar[bool] = ContextVar("knowledge_notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No notification mails in this block (demo seeding, bulk imports)."""
    token = _MUTED.set(True)
    try:
        yield
    finally:
        _MUTED.reset(token)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    #: The recipient's account, if any: what a mail may show them follows its visibility.
    user_id: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return self.email.strip().lower()


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def page_link(page) -> str:
    return absolute(page.get_url() or f"/admin/pages/{page.pk}/edit/")


def admin_link(name: str, *args) -> str:
    return absolute(reverse(name, args=args))


def person_recipient(person, today: datetime.date | None = None) -> Recipient | None:
    """A person who can be written to: has an e-mail address and has not left."""
    today = today or timezone.localdate()
    if person is None or not person.email or (person.left_on and person.left_on < today):
        return None
    return Recipient(person.email, person.name, person.user_id)


def user_recipient(user) -> Recipient | None:
    if user is None or not user.is_active or not user.email:
        return None
    return Recipient(user.email, user.get_full_name() or user.get_username(), user.pk)


def unique(recipients) -> list[Recipient]:
    seen, result = set(), []
    for recipient in recipients:
        if recipient is not None and recipient.key not in seen:
            seen.add(recipient.key)
            result.append(recipient)
    return result


def page_contacts(page, today: datetime.date | None = None) -> list[Recipient]:
    """Whom to tell about a page: its owner; without a reachable owner its deputies; without
    those the department's Freigabe group."""

    owner = person_recipient(page.content_owner, today)
    if owner is not None:
        return [owner]
    deputies = unique(
        person_recipient(link.person, today)
        for link in ProcessDeputy.objects.filter(page_id=page.pk).select_related("person")
    )
    if deputies:
        return deputies
    return unique(user_recipient(user) for user in reviewers_for(page))


def message(recipient: Recipient, subject: str, template: str, context: dict):
    return templated_mail(
        subject,
        f"knowledge/emails/{template}",
        {**context, "recipient": recipient},
        recipient.email,
    )


def recipient_visibility(recipient: Recipient) -> Visibility:
    """What a mail may show ``recipient``: the visibility of their account (page rights count,
    as in the admin); without an account, only what carries no view restriction."""
    user = None
    if recipient.user_id is not None:
        user = get_user_model().objects.filter(pk=recipient.user_id, is_active=True).first()
    return visibility_for(user, for_admin=True)


def may_read(recipient: Recipient, pages) -> bool:
    """May ``recipient`` see every page in ``pages`` (what the mail is about)?"""
    visibility = recipient_visibility(recipient)
    return all(visibility.allows(page) for page in pages)


def send(
    recipients: list[Recipient], subject: str, template: str, context: dict, *, about=()
) -> list[str]:
    """Send one mail per recipient (personal salutation) who may see every page in ``about``;
    returns the addresses reached. A failing mail server is logged, never allowed to break the
    action that notifies."""
    sent = []
    if _MUTED.get():
        return sent
    for recipient in recipients:
        if about and not may_read(recipient, about):
            continue
        try:
            message(recipient, subject, template, context).send()
        except Exception:  # any transport error: log it, the action itself succeeded
            logger.exception("Could not send %s mail to %s", template, recipient.email)
            continue
        sent.append(recipient.email)
    return sent


def notify_feedback(feedback) -> list[str]:
    page = feedback.page.specific
    recipients = [r for r in page_contacts(page) if r.key != _author_email(feedback)]
    kind = feedback.get_kind_display()
    subject = f"Neue Rückmeldung ({kind}) zu „{page.title}“"
    return send(
        recipients,
        subject,
        "feedback",
        {"feedback": feedback, "page": page, "page_url": page_link(page)},
        about=[page],
    )


def _author_email(feedback) -> str:
    return (feedback.author.email if feedback.author_id else "").strip().lower()


def notify_origin_changed(adoption) -> list[str]:
    copy = adoption.copy.specific
    recipients = page_contacts(copy)
    subject = f"Original geändert: „{adoption.origin_title}“ ({adoption.origin_municipality_name})"
    return send(
        recipients,
        subject,
        "origin_changed",
        {
            "adoption": adoption,
            "copy": copy,
            "compare_url": admin_link("knowledge_adoptions:compare", adoption.pk),
        },
        about=[copy, adoption.origin],
    )
