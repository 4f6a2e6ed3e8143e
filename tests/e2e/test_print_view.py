"""The print view of an emergency scenario (and the municipality's handbook): print media hide
navigation, search, tools and buttons; the alarm chain and the measures stay. Screenshots and
PDFs of the print rendering go to ``test-artifacts/e2e/``."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.support import (
    artifact_path,
    browser_test,
    build_register,
    empty_search_indexes,
    screenshot,
)

pytestmark = browser_test

HIDDEN_IN_PRINT = (".site-header", ".main-nav", ".breadcrumbs", ".site-footer", ".skip-link")


def test_the_scenario_prints_without_navigation(new_context, staff_user):
    empty_search_indexes()
    register = build_register()
    page = new_context(staff_user).new_page()
    page.goto(register.scenario.url)
    expect(page.locator(".site-header")).to_be_visible()  # on screen it is there
    expect(page.get_by_role("button", name="Drucken")).to_be_visible()

    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert page.get_by_role("button", name="Drucken").is_hidden()
    assert page.locator("h1").inner_text() == "Stromausfall im Rathaus"
    assert page.locator("table.alarm-chain").is_visible()
    assert "Notstromaggregat starten" in page.locator(".checklist").inner_text()
    screenshot(page, "e2e", "08-scenario-print")
    page.pdf(path=str(artifact_path("e2e", "08-scenario-print", ".pdf")), format="A4")


def test_the_handbook_prints_every_scenario(new_context, staff_user):
    empty_search_indexes()
    register = build_register()
    page = new_context(staff_user).new_page()
    page.goto(register.municipality.url + "notfallhandbuch/")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert "Stromausfall im Rathaus" in page.locator("main").inner_text()
    screenshot(page, "e2e", "09-handbook-print")
