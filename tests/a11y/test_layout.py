"""Layouts that hold: at 1366×768 and at 390×844 no page of ours and no admin view we built is
wider than the window, and nothing is cut off – a wide table scrolls inside its own labelled
region (or becomes stacked rows) instead. The pages come from ``tests/a11y/pages.py``, each
opened by the role that uses it; a screenshot of each size lands in ``test-artifacts/layout/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.a11y.pages import PAGES, build_world
from tests.e2e.support import browser_test, empty_search_indexes, screenshot

pytestmark = browser_test

SIZES = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})

#: What sticks out on the right: the page itself, or elements cut off by a container that
#: does not scroll (the admin clips its content area). Inside a scroll region that fits
#: the window, wide content is fine; so is what is visually hidden for screen readers. Only
#: the outermost culprit of a subtree is named.
OVERFLOW = (Path(__file__).parent / "overflow.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", PAGES, ids=[kind.name for kind in PAGES])
def test_no_page_is_wider_than_the_window_and_nothing_is_cut_off(kind, new_context):
    empty_search_indexes()
    world = build_world()
    page = new_context(world.users[kind.role]).new_page()
    failures = []
    for size in SIZES:
        page.set_viewport_size(size)
        response = page.goto(kind.route(world))
        assert response.status == 200, f"{kind.name}: HTTP {response.status}"
        page.wait_for_load_state("networkidle")
        screenshot(page, "layout", f"{kind.name}-{size['width']}")
        failures += [f"{size['width']} px: {problem}" for problem in page.evaluate(OVERFLOW)]
    assert not failures, f"{kind.name} ({page.url}):\n" + "\n".join(failures)
