"""Chromium reports no Content-Security-Policy violation on the intranet's pages and on the
editors' admin pages (dashboard, page explorer, page editor)."""

from __future__ import annotations

from tests.e2e.support import browser_test, build_register, empty_search_indexes

pytestmark = browser_test


def _violations(context, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        page = context.new_page()
        messages: list[str] = []
        page.on(
            "console",
            lambda message, sink=messages: (
                sink.append(message.text)
                if "Content Security Policy" in message.text
                or "Content-Security-Policy" in message.text
                else None
            ),
        )
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if messages:
            found[path] = messages
        page.close()
    return found


def test_the_intranet_pages_cause_no_policy_violation(new_context):
    from tests.factories import UserFactory

    empty_search_indexes()
    register = build_register()
    context = new_context(UserFactory())

    violations = _violations(
        context,
        [
            "/",
            register.process.url,
            register.scenario.url,
            register.register_page.url,
            "/suche/?q=Strom",
            "/wissen/personen/",
        ],
    )

    assert violations == {}


def test_the_admin_dashboard_explorer_and_page_editor_cause_no_policy_violation(new_context):
    from django.contrib.auth import get_user_model

    empty_search_indexes()
    register = build_register()
    admin = get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "x")
    context = new_context(admin)

    violations = _violations(
        context,
        [
            "/admin/",
            f"/admin/pages/{register.department.pk}/",
            f"/admin/pages/{register.process.pk}/edit/",
            f"/admin/pages/{register.decision.pk}/edit/",
        ],
    )

    assert violations == {}
