"""The recovery-time roll-up and its findings on small graphs, with the expected values worked
out by hand in each test (not by calling the code under test)."""

from __future__ import annotations

from continuity import rollup
from continuity.rollup import Dependency, ProcessNode


def process(target: int, fallback: bool = False) -> Dependency:
    return Dependency(rollup.PROCESS, target, has_fallback=fallback)


def system(key: str, hours: int | None, fallback: bool = False) -> Dependency:
    return Dependency(rollup.IT_SYSTEM, key, key, hours, fallback)


def graph(*nodes: ProcessNode) -> dict[int, ProcessNode]:
    return {node.id: node for node in nodes}


def test_a_process_is_back_no_earlier_than_the_chain_it_depends_on():
    # 1 (RTO 4) needs 2 (RTO 8), which needs system S (back after 48): 2 → 48, 1 → 48.
    nodes = graph(
        ProcessNode(1, rto_hours=4, dependencies=(process(2),)),
        ProcessNode(2, rto_hours=8, dependencies=(system("S", 48),)),
    )
    assert rollup.effective_recovery(nodes) == {1: 48, 2: 48}


def test_a_dependency_with_fallback_does_not_hold_the_process_back():
    nodes = graph(ProcessNode(1, rto_hours=24, dependencies=(system("S", 72, fallback=True),)))
    assert rollup.effective_recovery(nodes) == {1: 24}


def test_a_process_without_own_rto_takes_the_latest_known_dependency():
    nodes = graph(ProcessNode(1, dependencies=(system("S", 12), system("T", None))))
    assert rollup.effective_recovery(nodes) == {1: 12}


def test_a_cycle_ends_with_the_latest_time_of_its_members_and_terminates():
    # 1 ↔ 2 ↔ 3 in a circle, 3 needs S (100 h): every member is back after 100 h; 4 needs 1.
    nodes = graph(
        ProcessNode(1, rto_hours=4, dependencies=(process(2),)),
        ProcessNode(2, rto_hours=10, dependencies=(process(3),)),
        ProcessNode(3, rto_hours=20, dependencies=(process(1), system("S", 100))),
        ProcessNode(4, rto_hours=200, dependencies=(process(1),)),
    )
    assert rollup.effective_recovery(nodes) == {1: 100, 2: 100, 3: 100, 4: 200}


def test_a_cycle_is_reported_once_with_its_members():
    nodes = graph(
        ProcessNode(1, dependencies=(process(2),)),
        ProcessNode(2, dependencies=(process(1),)),
        ProcessNode(3, dependencies=(process(1),)),
    )
    assert rollup.cycles(nodes) == [(1, 2)]


def test_a_dependency_back_after_the_dependants_rto_is_inconsistent():
    dep = system("Einwohnerfachverfahren", 72)
    nodes = graph(ProcessNode(1, rto_hours=24, dependencies=(dep,)))
    found = [f for f in rollup.findings(nodes) if f.kind == rollup.INCONSISTENT]
    assert found == [rollup.Finding(rollup.INCONSISTENT, (1,), dep, (72, 24))]


def test_an_upstream_process_counts_with_its_rolled_up_time():
    # 2 has RTO 8 but needs S (96 h) → 2 is back after 96, later than 1's RTO of 24.
    nodes = graph(
        ProcessNode(1, rto_hours=24, dependencies=(process(2),)),
        ProcessNode(2, rto_hours=8, dependencies=(system("S", 96),)),
    )
    hours = {f.process_ids: f.hours for f in rollup.findings(nodes) if f.kind == "inkonsistent"}
    assert hours == {(1,): (96, 24), (2,): (96, 8)}


def test_a_roll_up_beyond_the_tolerable_downtime_is_flagged():
    nodes = graph(ProcessNode(1, rto_hours=20, mtpd_hours=24, dependencies=(system("S", 48),)))
    beyond = [f for f in rollup.findings(nodes) if f.kind == rollup.BEYOND_MTPD]
    assert [(f.process_ids, f.hours) for f in beyond] == [((1,), (48, 24))]


def test_a_system_without_fallback_used_by_critical_processes_is_a_single_point_of_failure():
    nodes = graph(
        ProcessNode(1, critical=True, dependencies=(system("S", None),)),
        ProcessNode(2, critical=True, dependencies=(system("S", None),)),
        ProcessNode(3, critical=False, dependencies=(system("S", None),)),
        ProcessNode(4, critical=True, dependencies=(system("T", None, fallback=True),)),
    )
    spof = [f for f in rollup.findings(nodes) if f.kind == rollup.SPOF]
    assert [(f.dependency.target, f.process_ids) for f in spof] == [("S", (1, 2))]


def test_a_person_without_deputy_is_a_single_point_of_knowledge():
    olga = Dependency(rollup.PERSON, 7, "Olga")
    nodes = graph(
        ProcessNode(1, dependencies=(olga,), deputies=frozenset()),
        ProcessNode(2, dependencies=(olga,), deputies=frozenset({7})),  # deputises herself
        ProcessNode(3, dependencies=(olga,), deputies=frozenset({8})),
    )
    spok = [f for f in rollup.findings(nodes) if f.kind == rollup.SPOK]
    assert [(f.dependency.target, f.process_ids) for f in spok] == [(7, (1, 2))]


def test_losing_a_resource_hits_its_users_and_their_dependants():
    nodes = graph(
        ProcessNode(1, dependencies=(system("S", None),)),
        ProcessNode(2, dependencies=(process(1),)),
        ProcessNode(3, dependencies=(process(2),)),
        ProcessNode(4, dependencies=(system("T", None),)),
    )
    assert rollup.knocked_out(nodes, {(rollup.IT_SYSTEM, "S")}) == {
        1: "direct",
        2: "indirect",
        3: "indirect",
    }
