"""Recovery times up the dependency chain, and what is wrong with them – pure functions over a
small graph (no database), so the rules are easy to test and to read.

The graph: process nodes with their own recovery time objective (RTO), maximum tolerable
downtime (MTPD), criticality and dependencies. A dependency is another process (by id) or a
resource – IT system, person, location, external provider – with its recovery time where known
and a flag for a fallback (Ausweichlösung).

Rules:

- **Effective recovery time** of a process: the latest of its own RTO and the recovery times
  of everything it depends on *without* a fallback (a process whose dependency has a fallback
  can run in emergency mode without it). A process dependency counts with that process's own
  effective recovery time, so the time rolls up the chain. Unknown times (``None``) are left
  out. Cycles (A needs B, B needs A) are safe: the computation is a fixpoint of a monotone
  maximum, so every process of a cycle ends with the same, latest time, and it terminates.
- **Findings**: a dependency back later than its dependant's RTO (inconsistent); an effective
  recovery time beyond the MTPD; a single point of failure (an IT system, location or provider
  that a critical process needs without fallback); a single point of knowledge (a person a
  process needs, without a deputy on that process); a dependency cycle.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

#: Dependency kinds (also the values of ``ProcessDependency.kind``).
PROCESS = "prozess"
IT_SYSTEM = "fachverfahren"
PERSON = "person"
LOCATION = "standort"
PROVIDER = "dienstleister"
#: Kinds whose loss without fallback makes a single point of failure.
FAILURE_KINDS = (IT_SYSTEM, LOCATION, PROVIDER)

#: Finding kinds.
INCONSISTENT = "inkonsistent"
BEYOND_MTPD = "ueber_mtpd"
SPOF = "spof"
SPOK = "spok"
CYCLE = "zyklus"


@dataclass(frozen=True)
class Dependency:
    kind: str
    #: The process id for PROCESS, otherwise any key naming the resource (e.g. its pk).
    target: Hashable
    label: str = ""
    recovery_hours: int | None = None
    has_fallback: bool = False

    @property
    def resource(self) -> tuple[str, Hashable]:
        return (self.kind, self.target)


@dataclass(frozen=True)
class ProcessNode:
    id: int
    title: str = ""
    rto_hours: int | None = None
    mtpd_hours: int | None = None
    critical: bool = False
    dependencies: tuple[Dependency, ...] = ()
    #: Person keys (same kind of key as a PERSON dependency's ``target``) of the deputies.
    deputies: frozenset = frozenset()


@dataclass(frozen=True)
class Finding:
    kind: str
    #: The processes concerned, in a stable order.
    process_ids: tuple[int, ...]
    #: The dependency concerned (SPOF, SPOK, INCONSISTENT), else None.
    dependency: Dependency | None = None
    #: Hours compared (INCONSISTENT: dependency vs RTO; BEYOND_MTPD: effective vs MTPD).
    hours: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict, compare=False)


def _latest(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _blocking(node: ProcessNode) -> list[Dependency]:
    return [d for d in node.dependencies if not d.has_fallback]


def _recovery(dep: Dependency, effective: Mapping[int, int | None], nodes: Mapping) -> int | None:
    if dep.kind == PROCESS:
        if dep.target in nodes:
            return effective.get(dep.target)
        return dep.recovery_hours  # a process outside the graph: its stated time, if any
    return dep.recovery_hours


def effective_recovery(nodes: Mapping[int, ProcessNode]) -> dict[int, int | None]:
    """Process id → effective recovery time in hours (None when nothing is known)."""
    effective: dict[int, int | None] = {pid: node.rto_hours for pid, node in nodes.items()}
    # Each round can only raise values to ones already present, so len(nodes) + 1 rounds
    # reach the fixpoint even with cycles.
    for _round in range(len(nodes) + 1):
        changed = False
        for pid, node in nodes.items():
            value = _latest(
                [node.rto_hours, *(_recovery(d, effective, nodes) for d in _blocking(node))]
            )
            if value != effective[pid]:
                effective[pid], changed = value, True
        if not changed:
            break
    return effective


def _reachable(nodes: Mapping[int, ProcessNode], start: int) -> set[int]:
    seen: set[int] = set()
    stack = [start]
    while stack:
        for dep in nodes[stack.pop()].dependencies:
            if dep.kind == PROCESS and dep.target in nodes and dep.target not in seen:
                seen.add(dep.target)
                stack.append(dep.target)
    return seen


def cycles(nodes: Mapping[int, ProcessNode]) -> list[tuple[int, ...]]:
    """Groups of processes that depend on each other in a circle (sorted ids)."""
    reach = {pid: _reachable(nodes, pid) for pid in nodes}
    groups: set[tuple[int, ...]] = set()
    for pid in nodes:
        if pid in reach[pid]:
            groups.add(tuple(sorted(q for q in reach[pid] if pid in reach[q])))
    return sorted(groups)


def findings(
    nodes: Mapping[int, ProcessNode], effective: Mapping[int, int | None] | None = None
) -> list[Finding]:
    """Everything the register flags about the graph, grouped by kind."""
    effective = effective if effective is not None else effective_recovery(nodes)
    found: list[Finding] = []
    for pid, node in sorted(nodes.items()):
        for dep in _blocking(node):
            back = _recovery(dep, effective, nodes)
            if node.rto_hours is not None and back is not None and back > node.rto_hours:
                found.append(Finding(INCONSISTENT, (pid,), dep, (back, node.rto_hours)))
        value = effective.get(pid)
        if node.mtpd_hours is not None and value is not None and value > node.mtpd_hours:
            found.append(Finding(BEYOND_MTPD, (pid,), None, (value, node.mtpd_hours)))

    failures: dict[tuple, list[int]] = {}
    labels: dict[tuple, Dependency] = {}
    knowledge: dict[tuple, list[int]] = {}
    for pid, node in sorted(nodes.items()):
        for dep in _blocking(node):
            if dep.kind in FAILURE_KINDS and node.critical:
                failures.setdefault(dep.resource, []).append(pid)
                labels.setdefault(dep.resource, dep)
            elif dep.kind == PERSON and not (node.deputies - {dep.target}):
                knowledge.setdefault(dep.resource, []).append(pid)
                labels.setdefault(dep.resource, dep)
    for resource, pids in sorted(failures.items(), key=lambda item: str(item[0])):
        found.append(Finding(SPOF, tuple(dict.fromkeys(pids)), labels[resource]))
    for resource, pids in sorted(knowledge.items(), key=lambda item: str(item[0])):
        found.append(Finding(SPOK, tuple(dict.fromkeys(pids)), labels[resource]))
    for group in cycles(nodes):
        found.append(Finding(CYCLE, group))
    return found


def knocked_out(nodes: Mapping[int, ProcessNode], resources: Iterable[tuple]) -> dict[int, str]:
    """Processes hit by the loss of ``resources`` ((kind, target) pairs), directly or through
    processes that depend on hit ones: process id → "direct" or "indirect". A dependency with
    fallback still counts as hit (the process then runs in emergency mode)."""
    lost = set(resources)
    hit: dict[int, str] = {}
    for pid, node in nodes.items():
        if any(dep.resource in lost for dep in node.dependencies):
            hit[pid] = "direct"
    changed = True
    while changed:
        changed = False
        for pid, node in nodes.items():
            if pid not in hit and any(
                dep.kind == PROCESS and dep.target in hit for dep in node.dependencies
            ):
                hit[pid], changed = "indirect", True
    return hit
