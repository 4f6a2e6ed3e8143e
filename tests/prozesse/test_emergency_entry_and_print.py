"""Emergencies first on town pages, and what printouts need: page numbers, a printed-on date,
numbers and short lists kept together, overdue content flagged; and the site's favicon."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from prozesse.models import EmergencyScenarioPage
from tests.builders import scenario_hitting
from tests.factories import DepartmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentPageFactory()


def test_the_town_page_offers_its_scenarios_and_the_handbook_near_the_top(staff_client, department):
    scenario = scenario_hitting(department, [], title="Stromausfall im Rathaus")
    town = department.get_parent().specific

    html = staff_client.get(town.url).content.decode()

    entry = html.index('class="emergency-entry"')
    assert entry < html.index("Prozesslandkarte")
    assert f'href="{scenario.url}"' in html[entry:]
    assert "notfallhandbuch/" in html[entry:]


def test_a_town_without_scenarios_says_what_to_do_in_an_emergency(staff_client, department):
    html = staff_client.get(department.get_parent().url).content.decode()

    assert "Im Notfall: Vorgesetzte informieren" in html


def test_every_page_carries_a_printed_on_line_for_browser_print(staff_client):
    html = staff_client.get("/").content.decode()

    assert 'class="print-only printed-on"' in html
    assert f"Gedruckt am {timezone.localdate():%d.%m.%Y}" in html


def test_the_stylesheet_numbers_printed_pages_and_keeps_numbers_and_lists_together():
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]

    assert "counter(page)" in css and "counter(pages)" in css
    assert ".tel, .register-key, time { white-space: nowrap; }" in print_css
    assert ".checklist, .act-now" in print_css and "break-inside: avoid" in print_css


def test_the_handbook_flags_a_scenario_whose_review_is_overdue(staff_client, department):
    scenario = scenario_hitting(department, [], title="Stromausfall im Rathaus")
    EmergencyScenarioPage.objects.filter(pk=scenario.pk).update(
        next_review_date=timezone.localdate() - datetime.timedelta(days=3)
    )

    html = staff_client.get(department.get_parent().url + "notfallhandbuch/").content.decode()

    assert html.count("Überprüfung überfällig") == 2  # in the contents and at the scenario
    assert "vor dem Einsatz prüfen" in html


def test_the_handbook_links_phone_numbers(staff_client, department):
    scenario_hitting(department, [])

    html = staff_client.get(department.get_parent().url + "notfallhandbuch/").content.decode()

    assert 'href="tel:+491701234567"' in html


def test_every_page_names_the_favicon(staff_client):
    html = staff_client.get("/").content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
