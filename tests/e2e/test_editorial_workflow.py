"""End to end in a real browser: an editor creates a process with a BPMN upload in the Wagtail
admin and submits it; the department's reviewer approves; a member of staff finds it with a
German query, opens it and sees the diagram and the task outline. Screenshots of every key page
go to ``test-artifacts/e2e/``."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.search.backends import get_search_backend

from prozesse.models import ProcessPage
from tests.builders import BPMN_FIXTURE
from tests.e2e.support import browser_test, empty_search_indexes, screenshot
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory

pytestmark = browser_test

PASSWORD = "Geheim-2026!"
TITLE = "Rechnungseingang prüfen und buchen"


def department_with_roles():
    """A department whose editors and reviewers are the provisioned roles
    (``prozesse.roles.provisioning``); users log in through the forms with a password."""
    from prozesse.roles.provisioning import provision_department_roles

    municipality = MunicipalityPageFactory(
        title="Verbandsgemeinde Montabaur", slug="vg-montabaur", code="MON"
    )
    department = DepartmentPageFactory(
        parent=municipality, title="Finanzverwaltung", slug="finanzverwaltung", code="FV"
    )
    roles = provision_department_roles(department)
    users = {}
    User = get_user_model()
    for username, group in (
        ("redakteurin", roles.editors),
        ("pruefer", roles.reviewers),
        ("mitarbeiter", None),
    ):
        user = User.objects.create_user(
            username, f"{username}@vg-montabaur.de", PASSWORD, first_name=username.title()
        )
        if group is not None:
            user.groups.add(group)
        users[username] = user
    return department, users


def login(page, username: str, next_url: str = "/") -> None:
    """Sign in through the intranet's login form (the admin's login redirects there too)."""
    page.goto(f"/anmelden/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(re.escape(next_url) + "$"))


def test_editor_reviewer_and_staff_in_the_browser(new_context, live_server):
    empty_search_indexes()
    department, _users = department_with_roles()

    # ------------------------------------------------------------------ editor
    editor = new_context().new_page()
    login(editor, "redakteurin", "/admin/")
    screenshot(editor, "e2e", "01-editor-dashboard")
    editor.goto(f"/admin/pages/add/prozesse/processpage/{department.pk}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Eingangsrechnungen sachlich und rechnerisch prüfen und buchen.")
    editor.set_input_files("input[name=bpmn_file]", str(BPMN_FIXTURE))
    screenshot(editor, "e2e", "02-editor-new-process")
    # "Freigabe erbitten" sits in the footer's dropdown of further actions and opens a dialog
    # for a message (tests/e2e/test_review_conversation.py follows the conversation).
    editor.locator(
        "footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle"
    ).first.click()
    editor.locator("[data-review-submit]").click()
    editor.locator("#review-submit-dialog button[name=action-submit]").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    screenshot(editor, "e2e", "03-editor-submitted")
    process = ProcessPage.objects.get(title=TITLE)
    assert not process.live
    assert process.current_workflow_state is not None, "the page was not submitted"
    assert process.bpmn_outline, "the BPMN upload was not parsed"

    # ------------------------------------------------------------------ reviewer
    reviewer = new_context().new_page()
    login(reviewer, "pruefer", "/admin/")
    screenshot(reviewer, "e2e", "04-reviewer-dashboard")
    reviewer.goto(f"/admin/pages/{process.pk}/edit/")
    reviewer.locator(
        "footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle"
    ).first.click()
    reviewer.locator("[data-workflow-action-name=approve]").first.click()
    # "Freigeben" asks for confirmation first.
    reviewer.locator(".modal").get_by_role("button", name="Freigeben").click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    screenshot(reviewer, "e2e", "05-reviewer-approved")
    process.refresh_from_db()
    assert process.live, "approval did not publish the page"

    # ------------------------------------------------------------------ staff
    get_search_backend("default").refresh_indexes()
    staff = new_context().new_page()
    login(staff, "mitarbeiter")
    # Inflected and without umlaut: the German analysis has to do its job.
    staff.fill("#site-search-q", "Rechnungseingänge pruefen")
    staff.press("#site-search-q", "Enter")
    staff.wait_for_url(re.compile(r"/suche/\?"))
    result = staff.locator("main .result-list a", has_text="Rechnungseingang")
    expect(result).to_have_count(1)
    screenshot(staff, "e2e", "06-staff-search")
    result.first.click()
    expect(staff.locator("h1")).to_have_text(TITLE)
    diagram = staff.locator(".bpmn-diagram svg")
    expect(diagram).to_be_visible()
    assert diagram.bounding_box()["width"] > 200
    outline = staff.locator(".bpmn-outline li")
    expect(outline.first).to_be_visible()
    assert outline.count() >= 3
    expect(staff.locator(".bpmn-outline")).to_contain_text("Rechnung buchen")
    screenshot(staff, "e2e", "07-staff-process")
