"""What the seeded demo shows, read from one seeding for the whole module (the tests only read
it, so ``seed_demo`` runs once instead of once per test):

- business continuity: impact analyses, a shared IT system and a data centre several processes
  depend on, an inconsistent recovery time, a person without deputy, and a scenario whose
  affected processes follow from what it knocks out;
- decision tracking: decisions whose tasks are in every light, and a decision with half of its
  pages done (marked by publishing, not written directly);
- emergency readiness: a planned and a held exercise with an open (overdue) follow-up, and a
  released handbook that a later publish made stale.

(Idempotency and the first run's counts are in ``test_seed.py``, which seeds on its own.)
"""

from __future__ import annotations

import pytest

from continuity import rollup
from continuity.graph import load_graph
from continuity.models import ImpactAnalysis, ProcessDependency, Provider, ProviderKind
from demo.seed import seed_demo
from prozesse.decision_tasks import decorate_decisions
from prozesse.models import (
    DecisionPage,
    DecisionStatusChange,
    EmergencyScenarioPage,
    Light,
    MunicipalityPage,
    ProcessPage,
)
from prozesse.selectors import handbook_context
from prozesse.visibility import EVERYTHING
from readiness.models import Exercise, ExerciseStatus, Finding, HandbookRelease, ReleaseStatus
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


def test_the_demo_has_decisions_in_every_light_and_one_half_carried_in(seeded):
    decisions = decorate_decisions(DecisionPage.objects.live(), EVERYTHING)
    lights = {decision.decision_number: decision.light for decision in decisions}
    assert {Light.RED, Light.YELLOW, Light.GREEN, Light.DONE} <= set(lights.values())
    half = next(d for d in decisions if d.decision_number == "LK-2025-03")
    assert (half.pages_done, half.pages_total) == (1, 2)
    assert DecisionStatusChange.objects.filter(decision=half).exists()


def test_the_demo_has_exercises_follow_ups_and_a_stale_released_handbook(seeded):
    assert Exercise.objects.filter(status=ExerciseStatus.PLANNED).exists()
    held = Exercise.objects.get(title="Alarmierungsübung Hochwasser Lahn")
    assert any(finding.is_overdue() for finding in Finding.objects.filter(exercise=held))
    release = HandbookRelease.objects.get(municipality__slug="diez")
    assert (release.status, release.version) == (ReleaseStatus.RELEASED, 1)
    assert release.requested_by != release.decided_by
    assert "„Cyberangriff mit Ransomware“ geändert" in release.stale_label
    flood = EmergencyScenarioPage.objects.get(slug="hochwasser-lahn")
    assert flood.last_exercise_date == held.held_on
