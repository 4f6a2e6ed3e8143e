"""The health dashboard: figures per town and department, flags, charts, CSV."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from knowledge.adoption import adopt
from knowledge.health import health_report
from prozesse.models import EmergencyScenarioPage, ProcessDeputy, ProcessPage
from prozesse.visibility import EVERYTHING
from tests.builders import admin_user, bpmn_upload, publish
from tests.factories import (
    CommitteeSectionPageFactory,
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
)
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db


FIGURES = (
    "processes",
    "with_owner",
    "with_bpmn",
    "review_overdue",
    "scenarios",
    "scenarios_with_chain",
    "scenarios_chain_active",
    "adoptions_in",
    "adoptions_out",
    "exercise_overdue",
    "findings_open",
    "findings_overdue",
)


@pytest.fixture
def register(knowledge_manager):
    """Two towns, three departments, processes and scenarios of every kind."""
    diez, mayen = (MunicipalityPageFactory(title=t) for t in ("VG Diez", "VG Mayen"))
    office = DepartmentPageFactory(parent=diez, title="Bürgerbüro")
    finance = DepartmentPageFactory(parent=diez, title="Finanzen")
    order = DepartmentPageFactory(parent=mayen, title="Ordnungsamt")
    active = PersonFactory(name="Aktiv")
    gone = PersonFactory(name="Ausgeschieden", left_on=today() - datetime.timedelta(days=5))
    leaving_soon = PersonFactory(name="Geht bald", left_on=today() + datetime.timedelta(days=5))

    def process(parent, overdue=False, **fields):
        page = ProcessPageFactory(parent=parent, **fields)
        if overdue:  # new pages refuse past review dates: set it afterwards
            past = today() - datetime.timedelta(days=20)
            ProcessPage.objects.filter(pk=page.pk).update(next_review_date=past)
        return page

    origin = process(
        office, overdue=True, content_owner=active, maturity=3, share_intermunicipal=True
    )
    process(office, overdue=True, content_owner=gone, maturity=2, bpmn_file=bpmn_upload())
    process(office, content_owner=leaving_soon)
    process(office, maturity=0)
    process(office, overdue=True, content_owner=active, status="archiviert")
    process(office, content_owner=active, live=False)
    process(finance, content_owner=active, maturity=4, bpmn_file=bpmn_upload())
    process(order, overdue=True, content_owner=active, maturity=3)
    process(order, maturity=1)
    ProcessDeputy.objects.create(page=origin, person=gone)

    def chain(*people):
        return [("entry", {"role": "Rolle", "person": p, "substitute": None}) for p in people]

    EmergencyScenarioPageFactory(parent=office, alarm_chain=chain(active, leaving_soon))
    EmergencyScenarioPageFactory(parent=office, alarm_chain=chain(active, gone))
    EmergencyScenarioPageFactory(parent=finance)
    EmergencyScenarioPageFactory(parent=order, alarm_chain=chain(None))
    EmergencyScenarioPageFactory(parent=order, alarm_chain=chain(active), status="archiviert")

    adopt(publish(origin), order, knowledge_manager, check_permissions=False)
    return {"towns": [diez, mayen], "departments": [office, finance, order], "gone": gone}


def expected_figures(unit) -> dict[str, int]:
    """Count straight from the pages, independent of knowledge.health."""
    processes = [
        p for p in ProcessPage.objects.live().descendant_of(unit) if p.status != "archiviert"
    ]
    scenarios = [
        s
        for s in EmergencyScenarioPage.objects.live().descendant_of(unit)
        if s.status != "archiviert"
    ]

    def active(person):
        return person is not None and not (person.left_on and person.left_on < today())

    def chain_people(scenario):
        return [
            b.value[slot]
            for b in scenario.alarm_chain
            for slot in ("person", "substitute")
            if b.value[slot] is not None
        ]

    from knowledge.models import Adoption

    copies = [a for a in Adoption.objects.all() if a.copy.is_descendant_of(unit)]
    origins = [a for a in Adoption.objects.all() if a.origin.is_descendant_of(unit)]
    return {
        "processes": len(processes),
        "with_owner": sum(1 for p in processes if active(p.content_owner)),
        "with_bpmn": sum(1 for p in processes if p.bpmn_file),
        "review_overdue": sum(1 for p in processes if p.next_review_date < today()),
        "scenarios": len(scenarios),
        "scenarios_with_chain": sum(1 for s in scenarios if len(s.alarm_chain)),
        "scenarios_chain_active": sum(
            1
            for s in scenarios
            if chain_people(s) and all(active(person) for person in chain_people(s))
        ),
        "adoptions_in": len(copies),
        "adoptions_out": len(origins),
        **expected_readiness(unit, scenarios),
    }


def expected_readiness(unit, scenarios) -> dict[str, int]:
    """Exercise cycle (12 months) and open follow-ups, counted from the records directly."""
    from readiness.models import Finding

    cutoff = today().replace(year=today().year - 1)

    def exercised(scenario) -> bool:
        return any(
            e.status == "durchgefuehrt" and e.held_on and e.held_on >= cutoff
            for e in scenario.exercises.all()
        )

    findings = [
        f
        for f in Finding.objects.filter(status__in=("offen", "in_arbeit"))
        if f.exercise.municipality_id == unit.pk
    ]
    return {
        "exercise_overdue": sum(1 for s in scenarios if not exercised(s)),
        "findings_open": len(findings),
        "findings_overdue": sum(1 for f in findings if f.due_date and f.due_date < today()),
    }


def dashboard_rows(html: str) -> dict[str, dict[str, int]]:
    rows = {}
    for unit, cells in re.findall(r'<tr[^>]*data-unit="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        rows[unit] = {
            name: int(value) for name, value in re.findall(r'data-figure="(\w+)">(\d+)', cells)
        }
    return rows


def report_figures() -> dict:
    """The report's figures by municipality or department id."""
    found = {}
    for town, department in health_report(EVERYTHING).rows():
        figures = department or town
        found[figures.department_id or figures.municipality_id] = figures
    return found


def test_the_dashboard_figures_equal_independently_counted_figures(km_client, register):
    rows = dashboard_rows(km_client.get(reverse("knowledge_dashboard:index")).content.decode())
    figures = report_figures()
    units = [(f"town-{t.pk}", t) for t in register["towns"]] + [
        (f"department-{d.pk}", d) for d in register["departments"]
    ]
    for key, unit in units:
        expected = expected_figures(unit)
        assert rows[key] == expected, key
        assert {name: getattr(figures[unit.pk], name) for name in FIGURES} == expected, key
    office = expected_figures(register["departments"][0])
    assert (office["with_owner"], office["review_overdue"], office["scenarios_chain_active"]) == (
        2,
        2,
        1,
    )  # the data is varied enough to tell the rules apart


def test_the_dashboard_shows_the_maturity_distribution_as_an_accessible_chart(km_client, register):
    html = km_client.get(reverse("knowledge_dashboard:index")).content.decode()
    assert '<svg class="chart" role="img"' in html
    assert "Reifegrad der Prozesse je Kommune" in html
    office = health_report(EVERYTHING).towns[0].town
    assert office.maturity == {"0": 1, "1": 0, "2": 1, "3": 1, "4": 1, "none": 1}


def test_pages_naming_people_who_have_left_are_flagged(km_client, register):
    flags = health_report(EVERYTHING).flags
    assert sorted(flag.what.split(":")[0] for flag in flags) == [
        "Alarmierungskette",
        "Verantwortlich",
        "Vertretung",
    ]
    assert {flag.person for flag in flags} == {register["gone"]}
    html = km_client.get(reverse("knowledge_dashboard:index")).content.decode()
    assert "Seiten, die ausgeschiedene Personen nennen" in html and "Übergabe beginnen" in html


def test_the_dashboard_exports_one_csv_row_per_town_and_department(km_client, register):
    response = km_client.get(reverse("knowledge_dashboard:index"), {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Kommune", "Fachbereich", "Prozesse", "mit Verantwortlichen"]
    assert [row[:3] for row in rows[1:]] == [
        ["VG Diez", "(gesamt)", "5"],
        ["VG Diez", "Bürgerbüro", "4"],
        ["VG Diez", "Finanzen", "1"],
        ["VG Mayen", "(gesamt)", "2"],
        ["VG Mayen", "Ordnungsamt", "2"],
        ["Alle Kommunen", "(gesamt)", "7"],
    ]


def test_the_steering_committee_sees_the_dashboard(client, register):
    from prozesse.roles.provisioning import provision_committee_roles

    roles = provision_committee_roles(CommitteeSectionPageFactory())
    member = admin_user(None, roles.members)
    client.force_login(member)
    assert client.get(reverse("knowledge_dashboard:index")).status_code == 200


def test_editors_without_the_permission_do_not_see_the_dashboard(client, register):
    client.force_login(admin_user(None, Group.objects.create(name="Redaktion")))
    response = client.get(reverse("knowledge_dashboard:index"))
    assert response.url == reverse("wagtailadmin_home")
