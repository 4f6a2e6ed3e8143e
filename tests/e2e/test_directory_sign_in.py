"""A Keycloak user of town A signs in through Keycloak's real login form and lands on the
intranet with exactly the roles the mapping gives (the groups provisioning made)."""

from __future__ import annotations

import copy
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from prozesse.towns import acting_town_ids
from tests.directory.support import build_towns, keycloak_settings, wait_for_keycloak
from tests.e2e.support import browser_test, empty_search_indexes, screenshot
from tests.services import require_service

pytestmark = browser_test


@pytest.fixture
def keycloak(settings):
    require_service("Keycloak")
    url = os.environ["DIRECTORY_KEYCLOAK_URL"]
    wait_for_keycloak(url)
    settings.DIRECTORY_OIDC = keycloak_settings(url)
    # As base.py does for configured providers: logout may continue at the provider.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], url]
    settings.CONTENT_SECURITY_POLICY = policy
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "directory.oidc.ProviderBackend",
    ]
    return url


def test_a_keycloak_user_of_town_a_signs_in_and_holds_exactly_the_mapped_roles(
    new_context, live_server, keycloak
):
    empty_search_indexes()
    towns = build_towns()
    page = new_context().new_page()
    page.goto("/anmelden/")

    page.get_by_role("link", name="Anmelden über Nordstadt").click()
    page.locator("#username").fill("anna.nord")
    page.locator("#password").fill("Anna-Nord-2026!")
    page.locator("#password").press("Enter")
    page.wait_for_url(f"{live_server.url}/**")

    screenshot(page, "e2e", "directory-sign-in-landed")
    assert page.url.startswith(live_server.url)
    assert "/anmelden/" not in page.url
    user = get_user_model().objects.get(username="anna.nord")
    assert set(user.groups.all()) == {
        towns.groups["redaktion"],
        towns.groups["staff_nord"],
        Group.objects.get(name="Mitarbeitende"),
    }
    assert acting_town_ids(user) == {towns.north.pk}


def test_logging_out_also_ends_the_session_at_the_provider(new_context, live_server, keycloak):
    empty_search_indexes()
    build_towns()
    page = new_context().new_page()
    page.goto("/anmelden/")
    page.get_by_role("link", name="Anmelden über Nordstadt").click()
    page.locator("#username").fill("anna.nord")
    page.locator("#password").fill("Anna-Nord-2026!")
    page.locator("#password").press("Enter")
    page.wait_for_url(f"{live_server.url}/**")
    # People with admin access land on the admin dashboard: log out from the intranet's pages.
    page.goto("/")

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{live_server.url}/anmelden/**")
    page.get_by_role("link", name="Anmelden über Nordstadt").click()

    # Keycloak asks for the password again: its session ended with ours (a live session would
    # send the browser straight back to the intranet).
    expect(page.locator("#password")).to_be_visible()
