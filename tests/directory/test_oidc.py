"""OpenID Connect against the real Keycloak: the login page per town, refused tokens (wrong
audience, expired), a state mismatch, an unreachable provider, the local login switched off."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import SuspiciousOperation

from directory.config import oidc_providers
from directory.oidc import SESSION_PROVIDER, ProviderBackend
from tests.directory.support import direct_grant_id_token
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def verify(provider_key: str, id_token: str) -> dict:
    backend = ProviderBackend()
    backend.use(oidc_providers()[provider_key])
    return backend.verify_token(id_token, nonce=None)


def test_the_login_page_offers_one_button_per_town_and_the_local_login(client, keycloak):
    page = client.get("/anmelden/").content.decode()

    assert "Anmelden über Nordstadt" in page
    assert "Anmelden über Südheim" in page
    assert 'name="password"' in page


def test_the_admin_login_offers_the_towns_too(client, keycloak):
    page = client.get("/admin/login/").content.decode()

    assert "Anmelden über Nordstadt" in page
    assert 'name="password"' in page


def test_an_installation_can_switch_the_local_login_off(client, keycloak, settings):
    settings.LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = ["directory.backends.PermissionsOnlyBackend"]
    UserFactory(username="lokal", password="Lokal-Passwort-2026!")

    page = client.get("/anmelden/").content.decode()
    response = client.post("/anmelden/", {"username": "lokal", "password": "Lokal-Passwort-2026!"})

    assert 'name="password"' not in page
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_the_intranet_clients_own_token_is_accepted(keycloak):
    token = direct_grant_id_token(
        keycloak, "intranet", "intranet-nordstadt-test-secret", "anna.nord", "Anna-Nord-2026!"
    )

    assert verify("nordstadt", token)["preferred_username"] == "anna.nord"


def test_a_token_issued_for_another_application_is_refused(keycloak):
    token = direct_grant_id_token(
        keycloak, "andere-anwendung", "andere-anwendung-test-secret", "anna.nord", "Anna-Nord-2026!"
    )

    with pytest.raises(SuspiciousOperation, match="audience"):
        verify("nordstadt", token)


def test_a_token_of_another_towns_provider_is_refused(keycloak):
    token = direct_grant_id_token(
        keycloak, "intranet", "intranet-nordstadt-test-secret", "anna.nord", "Anna-Nord-2026!"
    )

    with pytest.raises(SuspiciousOperation):
        verify("suedheim", token)


def test_an_expired_token_is_refused(keycloak, settings):
    settings.DIRECTORY_OIDC = {
        **settings.DIRECTORY_OIDC,
        "kurz": {
            **settings.DIRECTORY_OIDC["nordstadt"],
            "client_id": "kurzlebig",
            "client_secret": "kurzlebig-test-secret",
        },
    }
    token = direct_grant_id_token(
        keycloak, "kurzlebig", "kurzlebig-test-secret", "anna.nord", "Anna-Nord-2026!"
    )
    time.sleep(3)  # the client's tokens live two seconds

    with pytest.raises(SuspiciousOperation, match="expired"):
        verify("kurz", token)


def test_a_return_with_a_state_this_session_did_not_start_is_refused(client, keycloak):
    start = client.get("/anmelden/oidc/nordstadt/")

    response = client.get("/anmelden/oidc/zurueck/?state=fremd&code=abc", follow=True)

    assert start.status_code == 302 and "/realms/nordstadt/" in start["Location"]
    assert "Die Anmeldung wurde abgelehnt" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_an_unreachable_provider_is_named_on_the_login_page_and_local_login_still_works(
    client, keycloak, settings
):
    settings.DIRECTORY_OIDC = {
        "kaputt": {**settings.DIRECTORY_OIDC["nordstadt"], "issuer": "http://127.0.0.1:9/x"}
    }
    UserFactory(username="lokal", password="Lokal-Passwort-2026!")

    refused = client.get("/anmelden/oidc/kaputt/", follow=True)
    local = client.post(
        "/anmelden/", {"username": "lokal", "password": "Lokal-Passwort-2026!"}, follow=True
    )

    assert "Die Anmeldung über Nordstadt ist gerade nicht erreichbar" in refused.content.decode()
    assert local.context["user"].username == "lokal"


def test_an_unknown_provider_is_not_found(client, keycloak):
    assert client.get("/anmelden/oidc/unbekannt/").status_code == 404


@pytest.mark.parametrize("logout_url", ["/abmelden/", "/admin/logout/"])
def test_logging_out_after_a_provider_sign_in_continues_at_the_provider(
    client, keycloak, logout_url
):
    client.force_login(UserFactory())
    session = client.session
    session[SESSION_PROVIDER] = "nordstadt"
    session.save()

    response = client.post(logout_url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{keycloak}/realms/nordstadt/")
    assert "logout" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_the_admin_logout_of_a_local_account_returns_to_the_admin_login(client, keycloak):
    client.force_login(UserFactory())

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/"
