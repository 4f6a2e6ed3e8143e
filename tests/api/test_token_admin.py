"""The admin screen "API-Tokens" as a provisioned editor (no superuser): create a token (shown
once, only its hash stored), extend it, revoke it; nobody but superusers sees other people's
tokens. Provisioning gives every role with admin access these rights."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from api.models import TokenExpiry
from api.tokens import MAX_VALIDITY_DAYS, create_token, default_valid_until

pytestmark = pytest.mark.django_db

INDEX = reverse("wagtailusers_api_tokens:index")
ADD = reverse("wagtailusers_api_tokens:add")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def german_date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def create(client: Client, user, name: str, valid_until: datetime.date):
    return client.post(
        ADD, {"name": name, "user": user.pk, "valid_until": german_date(valid_until)}
    )


def plaintext_in(html: str) -> str:
    match = re.search(r'id="api-token-value"\s+value="(wagtail_[A-Za-z0-9]+)"', html)
    assert match, "no token on the page"
    return match.group(1)


def test_an_editor_creates_a_token_shown_once_and_stored_as_a_hash(world):
    editor = world.user("editor")
    client = signed_in(editor)
    form = client.get(ADD)
    assert form.status_code == 200
    assert "Gültig bis" in form.content.decode()
    valid_until = timezone.localdate() + datetime.timedelta(days=30)

    response = create(client, editor, "Auswertung Bürgerbüro", valid_until)

    assert response.status_code == 200
    html = response.content.decode()
    plaintext = plaintext_in(html)
    assert f"Gültig bis einschließlich {german_date(valid_until)}" in html
    token = APIToken.objects.get(name="Auswertung Bürgerbüro")
    assert token.user == editor
    assert token.key_hash == APIToken.hash_token(plaintext)
    assert plaintext not in {token.key_hash, token.prefix, token.name}
    assert token.expiry.valid_until == valid_until
    # Shown once: neither the listing nor the edit form repeats it.
    assert plaintext not in client.get(INDEX).content.decode()
    edit = reverse("wagtailusers_api_tokens:edit", args=[token.pk])
    assert plaintext not in client.get(edit).content.decode()
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    assert api.get("/api/v1/processes/").json()["count"] == 3


def test_the_listing_shows_the_expiry(world):
    editor = world.user("editor")
    token, _plaintext = create_token(editor, "Liste", default_valid_until())
    html = signed_in(editor).get(INDEX).content.decode()
    assert "Gültig bis" in html
    assert german_date(token.expiry.valid_until) in html


def test_an_expiry_beyond_the_maximum_or_in_the_past_is_refused_in_german(world):
    editor = world.user("editor")
    client = signed_in(editor)
    too_late = timezone.localdate() + datetime.timedelta(days=MAX_VALIDITY_DAYS + 1)
    response = create(client, editor, "Zu lang", too_late)
    assert response.status_code == 200
    assert f"Ein Token gilt höchstens {MAX_VALIDITY_DAYS} Tage" in response.content.decode()
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = create(client, editor, "Vergangen", past)
    assert "nicht in der Vergangenheit" in response.content.decode()
    assert not APIToken.objects.filter(name__in=["Zu lang", "Vergangen"]).exists()


def test_an_editor_cannot_create_a_token_for_someone_else(world):
    editor, other = world.user("editor"), world.user("other_editor")
    response = create(signed_in(editor), other, "Fremd", default_valid_until())
    assert response.status_code == 200  # the form again: that user is not a choice
    assert not APIToken.objects.filter(name="Fremd").exists()


def test_an_editor_extends_and_revokes_their_token(world):
    editor = world.user("editor")
    client = signed_in(editor)
    token, plaintext = create_token(editor, "Alt", timezone.localdate())
    later = timezone.localdate() + datetime.timedelta(days=60)

    edit = reverse("wagtailusers_api_tokens:edit", args=[token.pk])
    response = client.post(edit, {"name": "Neu", "valid_until": german_date(later)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert (token.name, token.expiry.valid_until) == ("Neu", later)

    revoke = reverse("wagtailusers_api_tokens:delete", args=[token.pk])
    assert client.get(revoke).status_code == 200
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    assert api.get("/api/v1/processes/").status_code == 401


def test_an_expired_token_can_still_be_renamed_without_moving_its_date(world):
    editor = world.user("editor")
    token, _plaintext = create_token(editor, "Abgelaufen", default_valid_until())
    past = timezone.localdate() - datetime.timedelta(days=3)
    TokenExpiry.objects.filter(token=token).update(valid_until=past)
    edit = reverse("wagtailusers_api_tokens:edit", args=[token.pk])
    response = signed_in(editor).post(edit, {"name": "Umbenannt", "valid_until": german_date(past)})
    assert response.status_code == 302
    assert signed_in(editor).get(INDEX).content.decode().count("(abgelaufen)") == 1


def test_only_superusers_see_and_manage_other_peoples_tokens(world):
    editor, other = world.user("editor"), world.user("other_editor")
    token, _plaintext = create_token(other, "Von jemand anderem", default_valid_until())
    client = signed_in(editor)
    assert "Von jemand anderem" not in client.get(INDEX).content.decode()
    for name in ("edit", "delete"):
        url = reverse(f"wagtailusers_api_tokens:{name}", args=[token.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "x", "valid_until": "01.01.2030"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and token.name == "Von jemand anderem"

    admin = signed_in(world.user("admin"))
    assert "Von jemand anderem" in admin.get(INDEX).content.decode()
    response = create(admin, other, "Für jemand anderen", default_valid_until())
    assert response.status_code == 200
    assert APIToken.objects.get(name="Für jemand anderen").user == other


def test_staff_without_admin_access_have_no_token_screen(world):
    response = signed_in(world.user("talheim")).get(INDEX)
    assert response.status_code in (302, 403)


def test_provisioning_grants_token_rights_to_roles_with_admin_access(world):
    def codenames(name: str) -> set[str]:
        group = Group.objects.get(name=name)
        return set(group.permissions.values_list("codename", flat=True))

    expected = {"add_apitoken", "change_apitoken", "delete_apitoken", "view_apitoken"}
    for name in (
        "Redaktion VG Talheim – Bürgerbüro",
        "Freigabe VG Ufersheim – Bauamt",
        "Lenkungskreis",
        "Wissensmanagement VG Talheim",
        "Wissensmanagement (alle Kommunen)",
    ):
        assert expected <= codenames(name), name
    for name in ("Mitarbeitende", "Mitarbeitende VG Talheim"):
        assert not expected & codenames(name), name
