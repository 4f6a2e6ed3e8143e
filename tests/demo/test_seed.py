"""``seed_demo``: realistic demo content, idempotent, with working demo accounts.

Seeding takes seconds, so the file seeds three times in all: twice in the idempotency test and
once through the management command.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page, Revision

from demo.data import DEMO_USERS
from demo.seed import seed_demo
from home.models import HomePage
from prozesse.models import (
    ArticlePage,
    CommitteeSectionPage,
    DecisionAffectedPage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    ITSystem,
    MunicipalityPage,
    Person,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryPage,
    RegisterEntryTag,
    RegisterPage,
    RelatedProcess,
    ScenarioProcess,
)

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, object]:
    """Counts that a second run must leave alone, plus every page's latest revision."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "it_systems": ITSystem.objects.count(),
        "deputies": ProcessDeputy.objects.count(),
        "related": RelatedProcess.objects.count(),
        "scenario_links": ScenarioProcess.objects.count(),
        "decision_links": DecisionAffectedPage.objects.count(),
        "tags": RegisterEntryTag.objects.count(),
        "latest_revisions": dict(Page.objects.values_list("pk", "latest_revision_id")),
        "review_dates": dict(RegisterEntryPage.objects.values_list("pk", "next_review_date")),
    }


def test_seed_creates_live_demo_content_and_a_second_run_changes_nothing(client):
    first = seed_demo()

    home = HomePage.objects.get(depth=2)
    assert RegisterPage.objects.child_of(home).live().filter(slug="prozessregister").exists()
    committee = CommitteeSectionPage.objects.child_of(home).live().get(slug="lenkungskreis")

    municipalities = MunicipalityPage.objects.child_of(home).live()
    assert set(municipalities.values_list("code", flat=True)) >= {"DIE", "KAI", "MON", "WEI"}
    for municipality in municipalities:
        assert re.fullmatch(r"\d{8}", municipality.ags)
        assert DepartmentPage.objects.child_of(municipality).live().count() >= 5

    assert ProcessPage.objects.live().count() >= 40
    assert ProcessPage.objects.filter(register_key="DIE-BB-0001").exists()
    assert not RegisterEntryPage.objects.not_live().exists()
    modelled = ProcessPage.objects.exclude(bpmn_outline=[])
    assert modelled.exists()
    assert all(process.bpmn_svg.startswith("<svg") for process in modelled)

    scenarios = EmergencyScenarioPage.objects.live().annotate(links=Count("process_links"))
    assert scenarios.count() >= 8
    for scenario in scenarios:
        assert scenario.links >= 2, scenario.title
        for link in scenario.process_links.select_related("process"):
            assert link.process.municipality_id == scenario.municipality_id
            assert link.process.rto_hours is not None

    decisions = DecisionPage.objects.child_of(committee).live()
    assert decisions.count() >= 10
    assert any(decision.is_overdue for decision in decisions)
    assert ArticlePage.objects.live().count() >= 4
    today = timezone.localdate()
    assert RegisterEntryPage.objects.filter(next_review_date__lt=today).count() >= 3

    assert first.count("processes").created == ProcessPage.objects.count()
    assert first.updated == 0
    before = snapshot()

    second = seed_demo()

    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert snapshot() == before

    for spec in DEMO_USERS:
        assert client.login(username=spec.username, password=spec.password), spec.username
        client.logout()
    assert Person.objects.filter(user__username="mitarbeiterin").exists()


def test_command_prints_summary_and_accounts_and_the_demo_site_renders(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)

    output = out.getvalue()
    assert "Prozesssteckbriefe" in output
    assert re.search(r"^Benutzername\s+\| Passwort\s+\| Rolle$", output, re.MULTILINE)
    assert re.search(r"^admin\s+\| Demo-Admin-2026!\s+\| Administration", output, re.MULTILINE)
    assert re.search(r"^mitarbeiterin\s+\| Demo-Lesen-2026!", output, re.MULTILINE)

    assert client.login(username="mitarbeiterin", password="Demo-Lesen-2026!")
    diez = MunicipalityPage.objects.get(code="DIE")
    pages = [
        HomePage.objects.get(depth=2),
        RegisterPage.objects.get(),
        CommitteeSectionPage.objects.get(slug="lenkungskreis"),
        diez,
        ProcessPage.objects.get(register_key__startswith="DIE-", slug="gewerbeanmeldung"),
        *EmergencyScenarioPage.objects.filter(municipality=diez),
        DecisionPage.objects.order_by("decision_number").first(),
        ArticlePage.objects.order_by("pk").first(),
    ]
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get(f"{diez.url}notfallhandbuch/").status_code == 200
    # Not staff: no admin for the reading account.
    assert client.get("/admin/").status_code == 302


def test_demo_data_references_resolve_and_processes_are_complete():
    """Fast feedback for editors of ``demo/data`` (no seeding)."""
    from demo import data

    people = {person.key for person in data.PEOPLE}
    systems = {system.name for system in data.IT_SYSTEMS}
    processes = {spec.ref: spec.resolve(data.TOPICS) for spec in data.PROCESSES}
    assert len(processes) == len(data.PROCESSES), "duplicate process"
    for spec in data.PROCESSES:
        topic = processes[spec.ref]
        assert 3 <= len(topic.steps) <= 7, spec.ref
        assert {spec.owner, *spec.deputies} <= people, spec.ref
        assert {step.system for step in topic.steps if step.system} | set(topic.systems) <= systems
        for ref in spec.related:
            assert (ref if "/" in ref else f"{spec.municipality}/{ref}") in processes, ref
    for scenario in data.SCENARIOS:
        assert len(scenario.processes) >= 2, scenario.ref
        for slug in scenario.processes:
            assert processes[f"{scenario.municipality}/{slug}"].rto_hours is not None, slug
        assert 5 <= len(scenario.actions) <= 10, scenario.ref
    scenarios = {scenario.ref for scenario in data.SCENARIOS}
    for decision in data.DECISIONS:
        assert set(decision.affected) <= processes.keys() | scenarios, decision.number
