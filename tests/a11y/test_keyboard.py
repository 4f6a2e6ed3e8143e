"""Keyboard only: from the top of the page the skip link comes first, the search box is
reachable with Tab, Enter searches, and focus lands on the results."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.support import browser_test, build_register, empty_search_indexes, screenshot

pytestmark = browser_test


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, id: e.id, text: (e.innerText || '').trim(),
                           inMain: !!e.closest('main'), inResults: !!e.closest('.results')}; }"""
    )


def tab_until(page, predicate, limit: int = 15) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if predicate(state):
            return state
    raise AssertionError(f"not reached with {limit} × Tab; focus is on {focused(page)}")


def test_search_with_the_keyboard_only(new_context, staff_user):
    empty_search_indexes()
    build_register()
    page = new_context(staff_user).new_page()
    page.goto("/suche/")

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Zum Inhalt springen", "the skip link is not first"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "inhalt", "the skip link does not move focus to the content"
    state = tab_until(page, lambda s: s["tag"] == "INPUT" and s["inMain"])
    assert state["id"] == "search-q"

    page.keyboard.type("Gewerbeanmeldung")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?*")
    expect(page.locator("#results-heading")).to_contain_text("Treffer")
    # Focus moves to the results once the page's script has run (it may take a moment).
    try:
        page.wait_for_function(
            "() => !!(document.activeElement && document.activeElement.closest('.results'))",
            timeout=5000,
        )
    except Exception as error:
        raise AssertionError(f"focus after the search is on {focused(page)}") from error
    state = tab_until(page, lambda s: s["tag"] == "A" and "Gewerbeanmeldung" in s["text"])
    assert state["inResults"]
    screenshot(page, "a11y", "keyboard-search")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Gewerbeanmeldung")


def test_the_header_search_is_reached_from_the_page_start(new_context, staff_user):
    empty_search_indexes()
    page = new_context(staff_user).new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Zum Inhalt springen"
    state = tab_until(page, lambda s: s["tag"] == "INPUT", limit=4)
    assert state["id"] == "site-search-q"
    page.keyboard.type("Hundesteuer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Hundesteuer*")
