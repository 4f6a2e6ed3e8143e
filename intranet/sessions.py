"""Idle sessions: the expiry moves with the reader's requests, with one write a minute at most.

Sessions end after ``SESSION_COOKIE_AGE`` without a request (``SESSION_IDLE_MINUTES``). Django
does that with ``SESSION_SAVE_EVERY_REQUEST``: an UPDATE of the session row on every page view,
search and download, also when nothing in the session changed. Here the database store
remembers the expiry it read, and :class:`RenewIdleSessionMiddleware` renews it only when it
lags behind a full idle timeout by more than :func:`renewal_step` (a minute, less for very short
timeouts). A session therefore ends at most that step earlier than the exact idle time, and a
reader clicking through ten pages in a minute costs one write instead of ten.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, remembering the stored expiry of a loaded session."""

    stored_expiry: datetime.datetime | None = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session


def renewal_step() -> datetime.timedelta:
    """How far the stored expiry may lag behind a full timeout before it is written again."""
    return datetime.timedelta(seconds=max(1, min(60, settings.SESSION_COOKIE_AGE // 10)))


class RenewIdleSessionMiddleware:
    """Marks a loaded session for saving when its expiry lags by more than the step (listed
    after ``SessionMiddleware``, so that it answers first and the session middleware saves)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        stored = getattr(session, "stored_expiry", None)
        if stored is not None and not session.modified:
            full = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
            if full - stored > renewal_step():
                session.modified = True
        return response
