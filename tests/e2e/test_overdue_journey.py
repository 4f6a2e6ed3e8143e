"""Knowledge management works the overdue list in a real browser: filters it, confirms one
review, gives one page to another person – at 1366 px and on a 390 px phone, without the page
overflowing sideways. Screenshots go to test-artifacts/e2e/."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.e2e.support import browser_test, empty_search_indexes, screenshot

pytestmark = browser_test

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


@pytest.fixture
def overdue_world():
    from knowledge.revisions import set_review_dates
    from prozesse.roles.provisioning import (
        provision_department_roles,
        provision_municipality_roles,
    )
    from tests.builders import publish
    from tests.factories import (
        DepartmentPageFactory,
        MunicipalityPageFactory,
        PersonFactory,
        ProcessPageFactory,
        UserFactory,
    )

    empty_search_indexes()
    town = MunicipalityPageFactory(title="VG Diez", code="DIE")
    other = MunicipalityPageFactory(title="VG Montabaur", code="MON")
    department = provision_department_roles(
        DepartmentPageFactory(parent=town, title="Bürgerbüro", code="BB")
    ).department
    elsewhere = provision_department_roles(DepartmentPageFactory(parent=other, code="OA"))
    manager = UserFactory(username="wissen-diez", first_name="Wiebke", last_name="Wolf")
    manager.groups.add(provision_municipality_roles(town))
    uwe = PersonFactory(name="Uwe Hartmann", municipality=town, email="uwe@diez.example")
    ina = PersonFactory(name="Ina Krause", municipality=town, email="ina@diez.example")
    PersonFactory(name="Sara Neu", municipality=town, role="Sachbearbeitung")
    past = timezone.localdate() - datetime.timedelta(days=40)
    pages = {}
    for title, owner, parent in (
        ("Hundesteuer", uwe, department),
        ("Meldebescheinigung", uwe, department),
        ("Wohngeld", ina, department),
        ("Gewerbeanmeldung", None, elsewhere.department),
    ):
        page = publish(ProcessPageFactory(parent=parent, title=title, content_owner=owner))
        set_review_dates(page, last_reviewed_at=None, next_review_date=past)
        pages[title] = page
    return manager, uwe, pages


def no_sideways_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_knowledge_manager_works_the_overdue_list(new_context, overdue_world):
    from prozesse.models import ProcessPage  # Django models load after the browser fixtures

    manager, uwe, pages = overdue_world
    context = new_context(manager)
    page = context.new_page()
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/admin/wissen/ueberfaellig/")
        assert page.get_by_role("heading", name="Überfällige Prüfungen").is_visible()
        assert "Gewerbeanmeldung" not in page.content()  # another town
        assert no_sideways_overflow(page)
        screenshot(page, "e2e", f"overdue-list-{name}")
    page.set_viewport_size({"width": 1366, "height": 768})

    # Filter: Uwe Hartmann's pages only.
    page.goto(f"/admin/wissen/ueberfaellig/?verantwortlich={uwe.pk}")
    rows = page.locator("table.overdue-listing tbody tr")
    assert rows.count() == 2 and "Wohngeld" not in rows.all_inner_texts()[0]

    # Confirm one review: the confirmation screen, then back to the filtered list.
    rows.filter(has_text="Hundesteuer").get_by_role("link", name="Prüfung bestätigen").click()
    page.get_by_role("button", name="Aktualität bestätigen").click()
    page.wait_for_url("**/ueberfaellig/?verantwortlich=*")
    assert "„Hundesteuer“ ist als aktuell bestätigt" in page.content()
    assert page.locator("table.overdue-listing tbody tr").count() == 1
    screenshot(page, "e2e", "overdue-after-confirm-desktop")

    # Reassign one: only people of the town who have not left are offered.
    page.get_by_role("link", name="Neu zuweisen").first.click()
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        assert no_sideways_overflow(page)
        screenshot(page, "e2e", f"overdue-reassign-{name}")
    page.get_by_label("Neue verantwortliche Person").select_option(
        label="Sara Neu – Sachbearbeitung (VG Diez)"
    )
    page.get_by_role("button", name="Neu zuweisen").click()
    page.wait_for_url("**/ueberfaellig/?verantwortlich=*")
    assert "wird Sara Neu zugewiesen" in page.content()
    screenshot(page, "e2e", "overdue-after-reassign-phone")

    moved = ProcessPage.objects.get(pk=pages["Meldebescheinigung"].pk)
    assert moved.get_latest_revision_as_object().content_owner.name == "Sara Neu"
    assert ProcessPage.objects.get(pk=pages["Hundesteuer"].pk).last_reviewed_at is not None
