"""Login throttling (django-axes): repeated wrong passwords lock the user name out for a while,
on the intranet's login page and on the editors' admin login alike, with a German message."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT_PASSWORD = "Geheim-2026!"


def _guess_wrong(client, url: str, username: str, times: int) -> None:
    for attempt in range(times):
        client.post(url, {"username": username, "password": f"falsch-{attempt}"})


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff_user):
    _guess_wrong(client, reverse("login"), staff_user.username, 30)

    response = client.post(
        reverse("login"), {"username": staff_user.username, "password": RIGHT_PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_the_lockout_page_explains_in_german_how_long_to_wait(client, staff_user, settings):
    _guess_wrong(client, reverse("login"), staff_user.username, settings.AXES_FAILURE_LIMIT)

    response = client.post(
        reverse("login"), {"username": staff_user.username, "password": RIGHT_PASSWORD}
    )

    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "Anmeldung vorübergehend gesperrt" in content
    assert f"in {settings.AXES_COOLOFF_TIME.seconds // 60} Minuten erneut" in content


def test_fewer_wrong_passwords_than_the_limit_still_allow_the_right_one(
    client, staff_user, settings
):
    _guess_wrong(client, reverse("login"), staff_user.username, settings.AXES_FAILURE_LIMIT - 1)

    client.post(reverse("login"), {"username": staff_user.username, "password": RIGHT_PASSWORD})

    assert client.session.get("_auth_user_id") == str(staff_user.pk)


def test_the_admin_login_locks_out_after_the_same_number_of_wrong_passwords(
    client, staff_user, settings
):
    url = reverse("wagtailadmin_login")
    _guess_wrong(client, url, staff_user.username, settings.AXES_FAILURE_LIMIT)

    response = client.post(url, {"username": staff_user.username, "password": RIGHT_PASSWORD})

    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_user_name_leaves_other_users_free_to_log_in(client, staff_user, settings):
    from tests.factories import UserFactory

    colleague = UserFactory()
    _guess_wrong(client, reverse("login"), staff_user.username, settings.AXES_FAILURE_LIMIT)

    client.post(reverse("login"), {"username": colleague.username, "password": RIGHT_PASSWORD})

    assert client.session.get("_auth_user_id") == str(colleague.pk)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_failure_limit_is_a_setting(client, staff_user):
    _guess_wrong(client, reverse("login"), staff_user.username, 2)

    response = client.post(
        reverse("login"), {"username": staff_user.username, "password": RIGHT_PASSWORD}
    )

    assert response.status_code == 429
