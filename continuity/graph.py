"""The dependency graph of the register as ``continuity.rollup`` reads it: live processes the
reader may see, with their analysis, dependencies and deputies, in a constant number of
queries.

Only visible processes become nodes, and dependencies on processes the reader may not see are
left out – so neither their names nor their recovery times reach a reader through a roll-up,
a finding, a scenario or a CSV. The IT systems listed on a process ("Fachverfahren") count as
dependencies too; a dependency row for the same system adds its recovery time and fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from continuity import impact, rollup
from continuity.models import ImpactAnalysis, ProcessDependency
from prozesse.models import Criticality, ProcessDeputy, ProcessPage
from prozesse.visibility import Visibility

CRITICAL = (Criticality.HIGH, Criticality.VERY_HIGH)


@dataclass
class Graph:
    nodes: dict[int, rollup.ProcessNode]
    pages: dict[int, ProcessPage]
    analyses: dict[int, ImpactAnalysis]
    effective: dict[int, int | None] = field(default_factory=dict)
    findings: list[rollup.Finding] = field(default_factory=list)


def _dependency(row: ProcessDependency) -> rollup.Dependency:
    target = row.target
    recovery = row.recovery_hours
    if recovery is None and row.kind in (rollup.LOCATION, rollup.PROVIDER):
        recovery = target.recovery_hours
    key = row.process_id if row.kind == rollup.PROCESS else target.pk
    return rollup.Dependency(row.kind, key, str(target), recovery, row.has_fallback)


def load_graph(visibility: Visibility) -> Graph:
    """The graph of every live process the reader may see, rolled up, with its findings."""
    processes = visibility.apply(ProcessPage.objects.live()).select_related(
        "municipality", "department", "content_owner"
    )
    pages = {page.pk: page for page in processes.prefetch_related("it_systems")}
    analyses = {a.page_id: a for a in ImpactAnalysis.objects.filter(page_id__in=pages)}
    rows: dict[int, list[ProcessDependency]] = {}
    for row in (
        ProcessDependency.objects.filter(page_id__in=pages)
        .select_related("it_system", "person", "location", "provider", "process")
        .order_by("page_id", "sort_order", "pk")
    ):
        if row.kind == rollup.PROCESS and row.process_id not in pages:
            continue  # not live or not visible: as if it were not there
        if row.kind:
            rows.setdefault(row.page_id, []).append(row)
    deputies: dict[int, set[int]] = {}
    for page_id, person_id in ProcessDeputy.objects.filter(page_id__in=pages).values_list(
        "page_id", "person_id"
    ):
        deputies.setdefault(page_id, set()).add(person_id)

    nodes = {}
    for pid, page in pages.items():
        dependencies = [_dependency(row) for row in rows.get(pid, [])]
        listed = {d.target for d in dependencies if d.kind == rollup.IT_SYSTEM}
        dependencies += [
            rollup.Dependency(rollup.IT_SYSTEM, system.pk, system.name)
            for system in page.it_systems.all()
            if system.pk not in listed
        ]
        analysis = analyses.get(pid)
        nodes[pid] = rollup.ProcessNode(
            id=pid,
            title=page.title,
            rto_hours=page.rto_hours,
            mtpd_hours=impact.mtpd_hours(analysis.ratings) if analysis else None,
            critical=page.criticality in CRITICAL,
            dependencies=tuple(dependencies),
            deputies=frozenset(deputies.get(pid, ())),
        )
    graph = Graph(nodes, pages, analyses)
    graph.effective = rollup.effective_recovery(nodes)
    graph.findings = rollup.findings(nodes, graph.effective)
    return graph
