"""The browser reaches the live server, CSS is served, and a logged-in page renders."""

from __future__ import annotations

import urllib.request

from tests.e2e.support import browser_test, empty_search_indexes, screenshot

pytestmark = browser_test


def test_the_login_page_is_styled(new_context, live_server):
    empty_search_indexes()
    page = new_context().new_page()
    page.goto("/anmelden/")
    assert page.get_by_role("heading", name="Anmelden").is_visible()
    header = page.locator(".site-header")
    # #004b87 from static_src/css/site.css: the stylesheet reached the browser.
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 75, 135)"
    screenshot(page, "e2e", "login")


def test_the_favicon_is_served_as_svg(live_server):
    with urllib.request.urlopen(live_server.url + "/static/favicon.svg") as response:
        assert response.status == 200
        assert response.read().startswith(b"<svg")
