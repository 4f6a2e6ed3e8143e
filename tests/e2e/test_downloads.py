"""Downloads in the browser: the process page offers its PDF profile and BPMN file, the
register page its table as CSV and XLSX; the links are reachable at desktop and phone widths.
Screenshots go to ``test-artifacts/e2e/``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.support import browser_test, build_register, empty_search_indexes, screenshot

pytestmark = browser_test

VIEWPORTS = {"1366": {"width": 1366, "height": 768}, "390": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_process_page_downloads_its_pdf_profile(new_context, staff_user, width):
    empty_search_indexes()
    register = build_register()
    page = new_context(staff_user).new_page()
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(register.process.url)
    expect(page.get_by_role("link", name="BPMN-Datei herunterladen").first).to_be_visible()
    link = page.get_by_role("link", name="Steckbrief als PDF")
    expect(link).to_be_visible()
    screenshot(page, "e2e", f"20-process-downloads-{width}")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("Prozesssteckbrief-")


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_register_page_downloads_the_filtered_table(new_context, staff_user, width):
    empty_search_indexes()
    register = build_register()
    page = new_context(staff_user).new_page()
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(register.register_page.url + "?status=ist")
    link = page.get_by_role("link", name="Als Excel (XLSX)")
    expect(link).to_be_visible()
    screenshot(page, "e2e", f"21-register-downloads-{width}")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
