"""Sessions end after a working day without activity (SESSION_IDLE_MINUTES), not after two
weeks; requests renew the expiry (written at most once a minute); production cookies are
Secure, HttpOnly, host-only."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _log_in(client, user) -> Session:
    client.post(reverse("login"), {"username": user.username, "password": "Geheim-2026!"})
    return Session.objects.get(session_key=client.session.session_key)


def test_the_default_idle_timeout_is_a_working_day_of_nine_hours():
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60


def test_the_session_cookie_of_a_login_expires_after_the_idle_timeout(client, staff_user):
    client.post(reverse("login"), {"username": staff_user.username, "password": "Geheim-2026!"})

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert cookie["httponly"]


def test_a_request_renews_the_expiry_of_an_active_session(client, staff_user):
    session = _log_in(client, staff_user)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=5)
    )

    client.get("/")

    renewed = Session.objects.get(pk=session.pk).expire_date
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 60


def test_a_session_idle_longer_than_the_timeout_is_sent_to_the_login_page(client, staff_user):
    session = _log_in(client, staff_user)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_idle_timeout_and_secure_cookies_come_from_the_production_environment():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
        "SECRET_KEY": "only-for-this-test",
        "SESSION_IDLE_MINUTES": "60",
    }
    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps("
        "[settings.SESSION_COOKIE_AGE, settings.SESSION_COOKIE_SECURE, "
        "settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_NAME, "
        "settings.CSRF_COOKIE_SECURE, settings.SECURE_CONTENT_TYPE_NOSNIFF]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout

    assert json.loads(output.strip().splitlines()[-1]) == [
        3600,
        True,
        True,
        "__Host-sessionid",
        True,
        True,
    ]


def test_requests_within_a_minute_of_the_last_renewal_write_no_session(client, staff_user):
    _log_in(client, staff_user)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/")
        client.get("/")

    writes = [q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
    assert writes == []


def test_the_renewal_sends_the_cookie_with_the_full_idle_timeout_again(client, staff_user):
    session = _log_in(client, staff_user)
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=5)
    )

    response = client.get("/")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
