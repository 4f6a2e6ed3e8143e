"""Every page type renders with full and with minimal content; the process page in a
constant number of SQL queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prozesse import committee
from prozesse.models import DecisionAffectedPage
from tests.builders import full_process, scenario_hitting
from tests.factories import (
    ArticlePageFactory,
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
)

pytestmark = pytest.mark.django_db


def html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_minimal_process_page_renders(staff_client):
    assert "Gewerbeanmeldung" in html(staff_client, ProcessPageFactory(title="Gewerbeanmeldung"))


def test_a_full_process_page_shows_its_profile(staff_client):
    department = DepartmentPageFactory(title="Bürgerbüro")
    page = html(staff_client, full_process(department))
    for expected in (
        "Gewerbeanmeldung",
        "Sabine Krämer",
        "Antrag der Gewerbetreibenden",
        "§ 14 GewO",
        "99050012104000",
        "Schritt 2: Angaben prüfen",
        "Bürgerbüro",
        "48 Stunden",
    ):
        assert expected in page, expected


def test_a_process_with_bpmn_shows_the_diagram_and_the_task_outline(staff_client):
    page = html(staff_client, full_process(DepartmentPageFactory()))
    assert "<svg" in page
    assert "Aufgaben nach Bahnen" in page
    assert "Rechnung buchen" in page  # a task of the fixture model
    assert "Buchhaltung" in page  # a lane of the fixture model


def test_a_process_page_lists_the_scenarios_that_reference_it(staff_client):
    department = DepartmentPageFactory()
    process = full_process(department)
    scenario_hitting(department, [process], title="Ausfall Meldewesen")
    assert "Ausfall Meldewesen" in html(staff_client, process)


def process_page_queries(client, process) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(process.url).status_code == 200
    return len(queries)


def test_the_process_page_query_count_does_not_grow_with_its_content(staff_client):
    department = DepartmentPageFactory()
    small = full_process(department, size=1, related=[ProcessPageFactory(parent=department)])
    related = [ProcessPageFactory(parent=department) for _ in range(8)]
    large = full_process(department, size=8, related=related)
    for process in (small, large):
        scenario_hitting(department, [process])
    process_page_queries(staff_client, small)  # warm caches (site, content types)
    assert process_page_queries(staff_client, large) == process_page_queries(staff_client, small)


def test_a_minimal_scenario_page_renders(staff_client):
    assert "Hochwasser" in html(staff_client, EmergencyScenarioPageFactory(title="Hochwasser"))


def test_a_full_scenario_page_shows_alarm_chain_actions_and_critical_processes(staff_client):
    department = DepartmentPageFactory()
    process = full_process(department)
    page = html(staff_client, scenario_hitting(department, [process]))
    for expected in (
        "Krisenstab-Leitung",
        "Jonas Weber",
        "Notstromaggregat starten",
        "Gewerbeanmeldung",
        "48 Stunden",
    ):
        assert expected in page, expected


def test_a_minimal_decision_page_renders(staff_client):
    assert "LK-2026-42" in html(staff_client, DecisionPageFactory(decision_number="LK-2026-42"))


def test_a_full_decision_page_shows_votes_responsibility_and_affected_pages(staff_client):
    process = ProcessPageFactory(title="Posteingang E-Akte")
    decision = DecisionPageFactory(
        title="Einführung der E-Akte",
        decision_text="<p>Alle Fachbereiche führen die E-Akte ein.</p>",
        rationale="<p>Medienbrüche vermeiden.</p>",
        decision_status="in_umsetzung",
        responsible_person=PersonFactory(name="Martina Schulz"),
        votes_yes=7,
        votes_no=1,
        votes_abstain=0,
    )
    decision.affected_municipalities.add(process.municipality)
    DecisionAffectedPage.objects.create(page=decision, target=process)
    decision.save_revision().publish()
    page = html(staff_client, decision)
    for expected in (
        "Alle Fachbereiche",
        "Martina Schulz",
        "7 Ja, 1 Nein, 0 Enthaltungen",
        "Posteingang E-Akte",
    ):
        assert expected in page, expected


def test_a_minimal_article_renders(staff_client):
    assert "Lessons Learned" in html(staff_client, ArticlePageFactory(title="Lessons Learned"))


def test_a_full_article_renders_its_blocks(staff_client):
    process = ProcessPageFactory(title="Urlaubsantrag")
    article = ArticlePageFactory(
        body=[
            ("text", "<p>Wir haben gelernt, früh zu scannen.</p>"),
            (
                "callout",
                {"kind": "warning", "heading": "Achtung", "text": "<p>Nie ohne Backup.</p>"},
            ),
            ("process", {"process": process, "note": "Siehe Ablauf"}),
        ]
    )
    page = html(staff_client, article)
    for expected in ("früh zu scannen", "Nie ohne Backup", "Urlaubsantrag", "Siehe Ablauf"):
        assert expected in page, expected


def test_a_municipality_page_shows_its_process_map_by_category(staff_client):
    department = DepartmentPageFactory(title="Finanzen")
    ProcessPageFactory(parent=department, title="Haushaltsplanung", category="fuehrung")
    ProcessPageFactory(parent=department, title="Hundesteuer", category="kern")
    page = html(staff_client, department.get_parent().specific)
    assert (
        page.index("Führungsprozess") < page.index("Haushaltsplanung") < page.index("Kernprozess")
    )
    assert (
        page.index("Kernprozess") < page.index("Hundesteuer") < page.index("Unterstützungsprozess")
    )


def test_a_department_page_lists_its_content(staff_client):
    department = DepartmentPageFactory()
    ProcessPageFactory(parent=department, title="Fundsachen")
    assert "Fundsachen" in html(staff_client, department)


def test_a_committee_page_lists_overdue_open_decisions_first(staff_client):
    today = timezone.localdate()
    section = CommitteeSectionPageFactory()
    DecisionPageFactory(parent=section, title="Später fällig", decision_status="beschlossen",
                        due_date=today + datetime.timedelta(days=30))  # fmt: skip
    DecisionPageFactory(parent=section, title="Längst überfällig", decision_status="in_umsetzung",
                        due_date=today - datetime.timedelta(days=30))  # fmt: skip
    DecisionPageFactory(parent=section, title="Erledigt", decision_status="umgesetzt")
    page = html(staff_client, section)
    assert page.index("Längst überfällig") < page.index("Später fällig") < page.index("Erledigt")
    assert "überfällig</strong>" in page


def test_a_committee_page_pages_its_open_and_its_closed_decisions_separately(
    staff_client, monkeypatch
):
    section = CommitteeSectionPageFactory()
    for number in range(3):
        DecisionPageFactory(parent=section, title=f"Offen {number}", decision_status="beschlossen")
        DecisionPageFactory(parent=section, title=f"Erledigt {number}", decision_status="umgesetzt")
    monkeypatch.setattr(committee, "DECISIONS_PER_PAGE", 2)
    first = staff_client.get(section.url).content.decode()
    second_closed = staff_client.get(section.url, {"erledigt": "2"}).content.decode()
    assert first.count("Offen ") == 2 and first.count("Erledigt ") == 2
    assert "erledigt=2#erledigt" in first and "seite=2#offen" in first
    assert second_closed.count("Offen ") == 2 and second_closed.count("Erledigt ") == 1


def test_every_content_page_shows_owner_last_change_and_review_date(staff_client):
    process = ProcessPageFactory(content_owner=PersonFactory(name="Uwe Hartmann"))
    page = html(staff_client, process)
    assert "Uwe Hartmann" in page
    assert "Letzte Änderung" in page
    assert "Nächste Überprüfung" in page


def test_an_overdue_review_shows_a_badge(staff_client):
    process = ProcessPageFactory()
    type(process).objects.filter(pk=process.pk).update(
        next_review_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert "Überprüfung überfällig" in html(staff_client, process)


def test_the_municipality_page_links_its_emergency_handbook(staff_client):
    municipality = MunicipalityPageFactory()
    assert "notfallhandbuch/" in html(staff_client, municipality)


def test_an_alarm_chain_entry_without_a_person_renders(staff_client):
    scenario = EmergencyScenarioPageFactory(
        alarm_chain=[("entry", {"role": "Lagezentrum", "person": None, "phone": "0261 1234"})]
    )
    page = html(staff_client, scenario)
    assert "Lagezentrum" in page
    assert "0261 1234" in page
