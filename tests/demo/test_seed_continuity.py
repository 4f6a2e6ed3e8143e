"""``seed_demo`` shows business continuity: impact analyses, a shared IT system and a data centre
several processes depend on, an inconsistent recovery time, a person without deputy, and a
scenario whose affected processes follow from what it knocks out."""

from __future__ import annotations

import pytest

from continuity import rollup
from continuity.graph import load_graph
from continuity.models import ImpactAnalysis, ProcessDependency, Provider, ProviderKind
from demo.seed import seed_demo
from prozesse.models import EmergencyScenarioPage, MunicipalityPage, ProcessPage
from prozesse.selectors import handbook_context
from prozesse.visibility import EVERYTHING
from tests.services import module_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the module (its tests only read it) and rolled back
    when the module ends."""
    with module_transaction(django_db_blocker):
        seed_demo()
        yield


@pytest.fixture
def graph(seeded):
    return load_graph(EVERYTHING)


def titles(graph, finding) -> set[str]:
    return {graph.pages[pid].title for pid in finding.process_ids}


def test_the_demo_processes_have_analyses_that_set_their_criticality(graph):
    registration = ProcessPage.objects.get(slug="wohnsitzanmeldung", municipality__slug="diez")
    assert ImpactAnalysis.objects.filter(page=registration).exists()
    # "Aufgabenerfüllung" reaches "hoch" after three days: "hoch", RTO 24 from the analysis.
    assert (registration.criticality, registration.rto_hours) == ("hoch", 24)


def test_a_shared_system_and_a_data_centre_are_needed_by_several_processes(graph):
    shared = ProcessDependency.objects.filter(it_system__name="VOIS|MESO").values("page")
    assert shared.distinct().count() >= 3
    assert Provider.objects.filter(kind=ProviderKind.DATA_CENTRE, it_systems__isnull=False).exists()


def test_the_demo_shows_an_inconsistent_recovery_time_and_a_person_without_deputy(graph):
    kinds = {(f.kind, f.dependency.label if f.dependency else "") for f in graph.findings}
    assert (rollup.INCONSISTENT, "VOIS|MESO") in kinds
    spok = [f for f in graph.findings if f.kind == rollup.SPOK]
    assert any("Kita-Platzvergabe" in titles(graph, f) for f in spok)


def test_the_cyber_attack_hits_processes_that_were_not_hand_picked(seeded):
    diez = MunicipalityPage.objects.get(slug="diez")
    scenarios = {s.slug: s for s in handbook_context(diez, EVERYTHING)["scenarios"]}
    attack = scenarios["cyberangriff-ransomware"]
    hand_picked = set(
        EmergencyScenarioPage.objects.get(pk=attack.pk).process_links.values_list(
            "process__title", flat=True
        )
    )
    affected = {page.title for page in attack.critical_processes}
    assert hand_picked < affected
    assert "Reisepass beantragen" in affected  # needs VOIS|MESO, run by the data centre
