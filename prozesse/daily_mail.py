"""Sending a daily reminder mail at most once a day per recipient, shared by the reminder
commands (review digests, decision tasks, exercises): a dry run only reports; otherwise a log row
per recipient and day (unique) is created first, so a second or parallel run skips them; when
the mail server fails, the row is deleted again so a rerun retries. Also the one way our mails
are built: a text body with an HTML alternative from two templates."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def templated_mail(subject: str, template: str, context: dict, to: str) -> EmailMultiAlternatives:
    """A mail to ``to`` with ``<template>.txt`` as its text and ``<template>.html`` as its HTML
    alternative, both rendered with ``context``."""
    mail = EmailMultiAlternatives(subject, render_to_string(f"{template}.txt", context), to=[to])
    mail.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return mail


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def send_once_a_day(
    reminders: Iterable,
    log_model: type[models.Model],
    today: datetime.date,
    *,
    defaults: Callable[[object], dict],
    message: Callable[[object], EmailMessage],
    label: str,
    dry_run: bool = False,
    recipient: Callable[[object], dict] = lambda reminder: {"person": reminder.person},
    address: Callable[[object], str] = lambda reminder: reminder.person.email,
) -> ReminderRun:
    """Send each reminder unless ``log_model`` records one for its recipient today.
    ``recipient`` gives the log row's recipient fields (default: ``person``), ``address`` the
    mail address reported, ``defaults`` the rest of the row, ``message`` builds the mail and
    ``label`` names it in the error log."""
    run = ReminderRun()
    for reminder in reminders:
        who, email = recipient(reminder), address(reminder)
        if dry_run:
            already = log_model.objects.filter(**who, sent_on=today).exists()
            (run.already_sent if already else run.sent).append(email)
            continue
        try:
            with transaction.atomic():
                entry, created = log_model.objects.get_or_create(
                    **who, sent_on=today, defaults=defaults(reminder)
                )
        except IntegrityError:  # a parallel run got there first
            created = False
        if not created:
            run.already_sent.append(email)
            continue
        try:
            message(reminder).send()
        except Exception:  # mail server trouble: forget the log entry so a rerun retries
            logger.exception("%s to %s failed", label, email)
            entry.delete()
            run.failed.append(email)
            continue
        run.sent.append(email)
    return run
