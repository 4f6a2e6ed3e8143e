"""axe-core (WCAG 2.1 A/AA and best practices) on every kind of page and every admin view we
built (the list in ``tests/a11y/pages.py``), each opened by the role that uses it: no serious or
critical violation. Every page's full report lands in ``test-artifacts/a11y/`` beside a
screenshot; a failure prints the violations readably."""

from __future__ import annotations

import json

import pytest

from tests.a11y.pages import PAGES, build_world
from tests.e2e.support import (
    artifact_path,
    browser_test,
    empty_search_indexes,
    screenshot,
)

pytestmark = browser_test

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


def run_axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary}")
            lines.append(f"       {node['html'][:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", PAGES, ids=[kind.name for kind in PAGES])
def test_no_serious_or_critical_axe_violations(kind, new_context):
    empty_search_indexes()
    world = build_world()
    page = new_context(world.users[kind.role]).new_page()
    response = page.goto(kind.route(world))
    assert response.status == 200, f"{kind.name}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    screenshot(page, "a11y", kind.name)
    artifact_path("a11y", kind.name, ".json").write_text(
        json.dumps(violations, indent=2, ensure_ascii=False)
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {kind.name} ({page.url}):\n{readable(blocking)}"
