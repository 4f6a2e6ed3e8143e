"""Staff in a real browser, at 1366 px and on a 390 px phone: find a process through the search,
see whom to ask, and in an emergency get from the town page to the scenario's "Jetzt tun" box
with the first steps and a number to dial – without the page overflowing sideways.
Screenshots go to test-artifacts/e2e/."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.support import browser_test, build_register, screenshot

pytestmark = browser_test

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def no_sideways_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_staff_find_a_process_whom_to_call_and_what_to_do_now(new_context):
    from tests.factories import UserFactory  # Django models load after the browser fixtures

    register = build_register()
    owner = register.process.content_owner
    staff = UserFactory(first_name="Maria", last_name="Lesend")
    page = new_context(staff).new_page()
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})

        # A process and the person responsible for it.
        page.goto("/")
        page.fill("#site-search-q", "Gewerbeanmeldungen")
        page.press("#site-search-q", "Enter")
        page.locator("main a", has_text="Gewerbeanmeldung").first.click()
        expect(page.locator("h1")).to_have_text("Gewerbeanmeldung")
        expect(page.locator("main")).to_contain_text(owner.name)
        assert no_sideways_overflow(page)
        screenshot(page, "e2e", f"staff-process-{name}")

        # An emergency: from the town page to what to do now.
        page.goto(register.municipality.url)
        entry = page.locator(".emergency-entry")
        expect(entry).to_be_visible()
        entry.get_by_role("link", name="Stromausfall im Rathaus").click()
        box = page.locator(".act-now")
        expect(box).to_be_visible()
        expect(box).to_contain_text("Notstromaggregat starten")
        call = box.locator('a[href="tel:+491701234567"]')
        expect(call).to_be_visible()
        # The box is the first thing of the scenario: on a phone it starts on the first screen.
        assert box.bounding_box()["y"] < height
        assert no_sideways_overflow(page)
        screenshot(page, "e2e", f"staff-emergency-{name}")
