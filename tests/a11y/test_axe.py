"""axe-core (WCAG 2.1 A/AA and best practices) on every kind of page staff see: no serious or
critical violation. Every page's full report lands in ``test-artifacts/a11y/`` beside a
screenshot; a failure prints the violations readably."""

from __future__ import annotations

import json

import pytest

from tests.e2e.support import (
    artifact_path,
    browser_test,
    build_register,
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

#: name → how to reach the page from the register (None: anonymous login page).
PAGES = {
    "home": lambda r: "/",
    "municipality": lambda r: r.municipality.url,
    "process": lambda r: r.process.url,
    "scenario": lambda r: r.scenario.url,
    "decision": lambda r: r.decision.url,
    "committee": lambda r: r.committee.url,
    "register-table": lambda r: r.register_page.url,
    "handbook": lambda r: r.municipality.url + "notfallhandbuch/",
    "search-results": lambda r: "/suche/?q=Gewerbeanmeldung",
    "search-no-results": lambda r: "/suche/?q=Xylophonunterricht",
    "login": None,
}


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


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violations(name, new_context, staff_user):
    empty_search_indexes()
    route = PAGES[name]
    if route is None:
        page = new_context().new_page()
        page.goto("/anmelden/")
    else:
        register = build_register()
        page = new_context(staff_user).new_page()
        response = page.goto(route(register))
        assert response.status == 200, f"{name}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    screenshot(page, "a11y", name)
    artifact_path("a11y", name, ".json").write_text(
        json.dumps(violations, indent=2, ensure_ascii=False)
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {name} ({page.url}):\n{readable(blocking)}"
