"""Tokens at the door of both APIs: missing, unknown, revoked, expired, ownerless of an expiry
or of an active owner → 401 with a German JSON ``detail``; a bad token never falls back to the
browser session; the search API accepts the same tokens under the same rule."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from api.models import TokenExpiry
from api.tokens import create_token, default_valid_until

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/processes/", "/api/search/?q=Gewerbeanmeldung", "/api/v1/openapi.json"]


def bearer(plaintext: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def assert_refused(response, words: str) -> None:
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert words in response.json()["detail"]


@pytest.mark.parametrize("url", URLS)
def test_no_credentials_get_401_json(world, url):
    assert_refused(Client().get(url), "Anmeldung erforderlich")


@pytest.mark.parametrize("url", URLS)
def test_a_revoked_token_gets_401_json(world, url):
    token, plaintext = create_token(world.user("talheim"), "Test", default_valid_until())
    assert bearer(plaintext).get(url).status_code == 200
    token.revoke()
    assert_refused(bearer(plaintext).get(url), "API-Token widerrufen")


@pytest.mark.parametrize("url", URLS)
def test_an_expired_token_gets_401_json(world, url):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    token, plaintext = create_token(world.user("talheim"), "Test", default_valid_until())
    TokenExpiry.objects.filter(token=token).update(valid_until=yesterday)
    assert_refused(
        bearer(plaintext).get(url), f"API-Token abgelaufen (gültig bis {yesterday:%d.%m.%Y})"
    )


def test_a_token_is_valid_through_its_last_day(world):
    _token, plaintext = create_token(world.user("talheim"), "Test", timezone.localdate())
    assert bearer(plaintext).get("/api/v1/processes/").status_code == 200


@pytest.mark.parametrize("value", ["wagtail_nonsense", "", "wagtail_" + "A" * 40])
def test_an_unknown_token_gets_401_json(world, value):
    assert_refused(bearer(value).get("/api/v1/processes/"), "API-Token ungültig")


def test_a_token_of_a_deactivated_user_is_refused_like_an_unknown_one(world):
    user = world.user("talheim")
    _token, plaintext = create_token(user, "Test", default_valid_until())
    user.is_active = False
    user.save()
    assert_refused(bearer(plaintext).get("/api/v1/processes/"), "API-Token ungültig")


def test_a_token_without_an_expiry_is_refused(world):
    # Made outside our rule (Wagtail's own create_token or its api_tokens command).
    _token, plaintext = APIToken.create_token(user=world.user("talheim"), name="Ohne Ablauf")
    assert_refused(bearer(plaintext).get("/api/v1/processes/"), "ohne Ablaufdatum")


def test_a_bad_token_does_not_fall_back_to_the_session(world):
    client = Client(headers={"Authorization": "Bearer wagtail_nonsense"})
    client.force_login(world.user("talheim"))
    assert_refused(client.get("/api/v1/processes/"), "API-Token ungültig")
    assert_refused(client.get("/api/search/?q=x"), "API-Token ungültig")


def test_the_token_decides_over_the_session(world):
    """A signed-in Talheim browser sending Ufersheim's token reads as Ufersheim."""
    _token, plaintext = create_token(world.user("ufersheim"), "Test", default_valid_until())
    client = Client(headers={"Authorization": f"Bearer {plaintext}"})
    client.force_login(world.user("talheim"))
    assert client.get("/api/v1/processes/").json()["count"] == 2


def test_use_is_recorded(world):
    token, plaintext = create_token(world.user("talheim"), "Test", default_valid_until())
    assert token.last_used_at is None
    bearer(plaintext).get("/api/v1/towns/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_search_api_applies_the_token_users_visibility(world):
    query = {"q": "Kassenanordnung"}
    _t, talheim = create_token(world.user("talheim"), "Test", default_valid_until())
    _t, ufersheim = create_token(world.user("ufersheim"), "Test", default_valid_until())
    found = bearer(talheim).get("/api/search/", query).json()
    assert [r["title"] for r in found["results"]] == ["Kassenanordnung"]
    assert bearer(ufersheim).get("/api/search/", query).json()["count"] == 0


def test_the_command_creates_a_token_with_an_expiry(world):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "api-talheim", "--tage=30", stdout=out, stderr=err)
    plaintext = out.getvalue().strip()
    token = APIToken.objects.get(key_hash=APIToken.hash_token(plaintext))
    assert token.expiry.valid_until == timezone.localdate() + datetime.timedelta(days=30)
    assert "Gültig bis" in err.getvalue()
    assert bearer(plaintext).get("/api/v1/towns/").status_code == 200


def test_the_old_search_command_still_creates_tokens(world):
    out = StringIO()
    call_command("create_search_api_token", "api-talheim", stdout=out, stderr=StringIO())
    plaintext = out.getvalue().strip()
    assert bearer(plaintext).get("/api/search/", {"q": "x"}).status_code == 200
    assert APIToken.objects.get(key_hash=APIToken.hash_token(plaintext)).name == "Such-API"
