"""The intranet is closed, German first, English available."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.services import require_service

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_of_the_home_page_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/")


def test_an_anonymous_visitor_of_the_search_is_sent_to_the_login_page(client):
    response = client.get("/suche/?q=Gewerbe")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_german_and_declares_its_language(client):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in content
    assert "Anmelden" in content
    assert 'for="id_username"' in content


def test_the_login_page_is_english_for_a_visitor_who_prefers_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()


def test_a_wrong_password_gets_a_german_error_message(client, staff_user):
    response = client.post(
        reverse("login"), {"username": staff_user.username, "password": "falsch"}
    )
    assert "Benutzername oder Passwort ist falsch" in response.content.decode()


def test_a_logged_in_user_sees_the_home_page(client, staff_user):
    client.post(reverse("login"), {"username": staff_user.username, "password": "Geheim-2026!"})
    response = client.get("/")
    assert response.status_code == 200
    assert "Kommunen" in response.content.decode()


def test_the_wagtail_admin_login_page_is_reachable_without_a_loop(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200


def test_the_wagtail_admin_speaks_german_by_default(admin_user_client):
    response = admin_user_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'lang="de"' in response.content.decode()


def test_the_health_endpoint_answers_without_login(client):
    response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}


def test_the_database_is_postgresql(postgres):
    from django.db import connection

    require_service("PostgreSQL")
    assert connection.vendor == "postgresql"
