"""A knowledge manager fills the handover interview in a real browser: answers in several
topics, one save, nothing lost – and a refused save keeps every text typed (issue 21, "Lost
work"). Screenshots at 1366×768 and 390×844 go to ``test-artifacts/e2e/``."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from knowledge.handover import start_handover
from knowledge.models import InterviewEntry, InterviewTopic
from prozesse.roles.provisioning import provision_global_roles
from tests.e2e.support import browser_test, screenshot
from tests.factories import PersonFactory, UserFactory
from tests.knowledge.support import today

pytestmark = browser_test

SIZES = {"1366": {"width": 1366, "height": 768}, "390": {"width": 390, "height": 844}}

ANSWERS = {
    InterviewTopic.OPEN_TOPICS: "Die Ausschreibung Druckerei läuft bis Ende Januar.",
    InterviewTopic.CONTACTS_OUTSIDE: "Herr Weber bei der Kreisverwaltung, Durchwahl 217.",
    InterviewTopic.FIRST_STEPS: "Zuerst das Funktionspostfach Gewerbe durchsehen.",
}


def test_the_knowledge_manager_fills_the_interview_without_losing_text(new_context):
    manager = UserFactory(username="wissen", first_name="Walter", last_name="Weiß")
    manager.groups.add(provision_global_roles()["wissen_alle"])
    for size in SIZES:
        fill_the_interview(new_context, manager, size)


def fill_the_interview(new_context, manager, size: str) -> None:
    """The journey at one screen size, on a handover of its own."""
    handover = start_handover(
        PersonFactory(name="Sabine Krämer"),
        reason="ruhestand",
        last_working_day=today(),
        user=manager,
    )
    page = new_context(manager).new_page()
    page.set_viewport_size(SIZES[size])
    page.goto(reverse("knowledge_handovers:interview", args=[handover.pk]))

    for topic, text in ANSWERS.items():
        page.fill(f"#id_{topic}-0-text", text)
    screenshot(page, "e2e", f"interview-typed-{size}")
    page.get_by_role("button", name="Alles speichern").first.click()

    expect(page.locator(".messages, [role=status]").first).to_contain_text("3 Antworten")
    saved = dict(handover.interview_entries.values_list("topic", "text"))
    assert saved == ANSWERS
    for topic, text in ANSWERS.items():
        expect(page.locator(f"#id_{topic}-0-text")).to_have_value(text)

    # A refused save (a saved answer cleared) keeps everything typed in the other topics.
    page.fill(f"#id_{InterviewTopic.OPEN_TOPICS}-0-text", "")
    page.fill(f"#id_{InterviewTopic.DOCUMENTS}-0-text", "Akten im Keller, Raum 0.12.")
    page.get_by_role("button", name="Alles speichern").last.click()
    expect(page.get_by_text("Bitte schreiben Sie eine Antwort").first).to_be_visible()
    expect(page.locator(f"#id_{InterviewTopic.DOCUMENTS}-0-text")).to_have_value(
        "Akten im Keller, Raum 0.12."
    )
    screenshot(page, "e2e", f"interview-refused-keeps-text-{size}")
    assert not InterviewEntry.objects.filter(text__startswith="Akten").exists()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
