"""The processes an emergency scenario hits: the hand-picked ones plus every process of the
scenario's town that depends – directly or through other processes – on what the scenario
knocks out (an IT system, a person, a location, a provider and the IT systems it runs).
Ordered by effective recovery time, most urgent first. Registered as the scenario hook of
``prozesse`` (``SCENARIO_PROCESSES_HOOK``), so the scenario page and the emergency handbook
show the same list; only processes the reader may see take part (``continuity.graph``)."""

from __future__ import annotations

from continuity import rollup
from continuity.graph import Graph, load_graph
from continuity.models import ScenarioOutage
from prozesse.visibility import Visibility


def _lost_resources(outages: list[ScenarioOutage]) -> set[tuple]:
    lost = set()
    for outage in outages:
        if outage.kind:
            lost.add((outage.kind, outage.target.pk))
        if outage.provider_id:
            lost |= {
                (rollup.IT_SYSTEM, pk)
                for pk in outage.provider.it_systems.all().values_list("pk", flat=True)
            }
    return lost


def _sort_key(page) -> tuple:
    hours = page.continuity_effective_hours
    return (hours is None, hours or 0, page.rto_hours is None, page.rto_hours or 0, page.title)


def affected(scenario, hand_picked: list, lost: set[tuple], graph: Graph) -> list:
    """Hand-picked and dependency-hit processes of ``scenario``'s town, annotated with
    ``continuity_effective_hours``, ``continuity_reason`` ("ausgewählt", "direkt",
    "über Abhängigkeit") and ``continuity_fallback`` (every lost dependency has a fallback)."""
    town_nodes = {
        pid: node
        for pid, node in graph.nodes.items()
        if graph.pages[pid].municipality_id == scenario.municipality_id
    }
    hit = rollup.knocked_out(graph.nodes, lost) if lost else {}
    result = {}
    for page in hand_picked:
        page.continuity_reason = "ausgewaehlt"
        result[page.pk] = page
    for pid, how in hit.items():
        if pid in town_nodes and pid not in result:
            page = graph.pages[pid]
            page.continuity_reason = how
            result[pid] = page
    for pid, page in result.items():
        node = graph.nodes.get(pid)
        page.continuity_effective_hours = graph.effective.get(pid, page.rto_hours)
        lost_deps = [d for d in node.dependencies if d.resource in lost] if node else []
        page.continuity_fallback = bool(lost_deps) and all(d.has_fallback for d in lost_deps)
        page.continuity_via = [d.label for d in lost_deps]
    return sorted(result.values(), key=_sort_key)


def extend_scenarios(scenarios: list, visibility: Visibility) -> None:
    """The hook: each scenario's ``critical_processes`` becomes the full affected list."""
    if not scenarios:
        return
    outages: dict[int, list[ScenarioOutage]] = {}
    for outage in ScenarioOutage.objects.filter(page__in=[s.pk for s in scenarios]).select_related(
        "it_system", "person", "location", "provider"
    ):
        outages.setdefault(outage.page_id, []).append(outage)
    graph = load_graph(visibility)
    for scenario in scenarios:
        lost = _lost_resources(outages.get(scenario.pk, []))
        scenario.continuity_outages_list = outages.get(scenario.pk, [])
        scenario.critical_processes = affected(
            scenario, list(getattr(scenario, "critical_processes", [])), lost, graph
        )
