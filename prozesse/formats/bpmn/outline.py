"""The text outline of a BPMN model: an accessible alternative to the diagram.

It lists pools, processes and lanes as headings, and their activities, events and named
gateways in sequence-flow order, with German type labels. Plain Python, no Django.
"""

import heapq
from dataclasses import dataclass

from .elements import BpmnProcess, Flow, FlowNode, Participant


@dataclass(frozen=True, slots=True)
class OutlineItem:
    id: str
    label: str
    type: str
    kind: str
    type_label: str
    depth: int = 0  # 0 = directly in the lane/pool; n = nested in n sub-processes


@dataclass(frozen=True, slots=True)
class OutlineSection:
    """One heading of the text outline.

    ``level`` 1 is a pool or process. Lanes are level 2, and each nesting level of lanes
    adds one. ``kind`` is ``"participant"``, ``"process"``, ``"lane"`` or ``"no_lane"``.
    """

    title: str
    level: int
    kind: str
    items: tuple[OutlineItem, ...]
    process_id: str | None = None
    participant_id: str | None = None
    lane_id: str | None = None


def build_outline(
    processes: tuple[BpmnProcess, ...],
    participants: tuple[Participant, ...],
    flows: tuple[Flow, ...],
) -> list[OutlineSection]:
    """The sections of ``BpmnModel.outline`` (see there) from the model's processes, pools and
    sequence flows."""
    successors: dict[str, list[str]] = {}
    for flow in flows:
        successors.setdefault(flow.source, []).append(flow.target)
    for node in (n for p in processes for n in p.flow_nodes):
        if node.attached_to:
            successors.setdefault(node.attached_to, []).append(node.id)
    by_id = {p.id: p for p in processes}
    sections: list[OutlineSection] = []
    shown: set[str] = set()
    for participant in participants:
        process = by_id.get(participant.process_ref or "")
        if process is not None:
            shown.add(process.id)
        title = participant.name or (process.name if process else "") or participant.label
        sections += _process_sections(process, title, participant.id, successors)
    for process in processes:
        if process.id not in shown and (process.flow_nodes or process.lanes):
            sections += _process_sections(process, process.label, None, successors)
    return sections


_TYPE_LABELS = {
    "task": "Aufgabe",
    "userTask": "Benutzeraufgabe",
    "serviceTask": "Serviceaufgabe",
    "sendTask": "Sendeaufgabe",
    "receiveTask": "Empfangsaufgabe",
    "manualTask": "Manuelle Aufgabe",
    "businessRuleTask": "Geschäftsregelaufgabe",
    "scriptTask": "Skriptaufgabe",
    "callActivity": "Aufrufaktivität",
    "subProcess": "Teilprozess",
    "transaction": "Transaktion",
    "adHocSubProcess": "Ad-hoc-Teilprozess",
    "startEvent": "Startereignis",
    "endEvent": "Endereignis",
    "intermediateCatchEvent": "Zwischenereignis (eintretend)",
    "intermediateThrowEvent": "Zwischenereignis (auslösend)",
    "implicitThrowEvent": "Zwischenereignis (auslösend)",
    "boundaryEvent": "Angeheftetes Ereignis",
    "exclusiveGateway": "Exklusives Gateway",
    "inclusiveGateway": "Inklusives Gateway",
    "parallelGateway": "Paralleles Gateway",
    "eventBasedGateway": "Ereignisbasiertes Gateway",
    "complexGateway": "Komplexes Gateway",
}
_EVENT_DEFINITION_LABELS = {
    "timer": "Zeit",
    "message": "Nachricht",
    "signal": "Signal",
    "error": "Fehler",
    "escalation": "Eskalation",
    "compensate": "Kompensation",
    "conditional": "Bedingung",
    "link": "Link",
    "terminate": "Terminierung",
    "cancel": "Abbruch",
    "multiple": "Mehrfach",
}


def _type_label(node: FlowNode) -> str:
    if node.triggered_by_event:
        return "Ereignis-Teilprozess"
    label = _TYPE_LABELS.get(node.type, node.type)
    if node.event_definition:
        definition = _EVENT_DEFINITION_LABELS.get(node.event_definition, node.event_definition)
        label = f"{label.split(' (')[0]} ({definition})"
    return label


def _flow_order(nodes: list[FlowNode], successors: dict[str, list[str]]) -> list[FlowNode]:
    """Order sibling nodes along their sequence flows (see ``BpmnModel.outline``)."""
    count = len(nodes)
    position: dict[str, int] = {}
    for i, node in enumerate(nodes):
        position.setdefault(node.id, i)
    adjacent: list[list[int]] = [[] for _ in nodes]
    indegree = [0] * count
    for i, node in enumerate(nodes):
        for target in successors.get(node.id, ()):
            j = position.get(target)
            if j is not None and j != i:
                adjacent[i].append(j)
                indegree[j] += 1
    sources = [i for i in range(count) if indegree[i] == 0]
    ready = [i for i in sources if nodes[i].type == "startEvent"] or [
        i for i in sources if not nodes[i].triggered_by_event
    ]
    heapq.heapify(ready)
    heapq.heapify(sources)
    touched: list[int] = []  # nodes with a visited predecessor (cycle breaking)
    visited = [False] * count
    ordered: list[FlowNode] = []
    pointer = 0
    while len(ordered) < count:
        if not ready:
            for heap in (touched, sources):
                while heap and visited[heap[0]]:
                    heapq.heappop(heap)
                if heap:
                    ready.append(heapq.heappop(heap))
                    break
            else:
                while visited[pointer]:
                    pointer += 1
                ready.append(pointer)
        i = heapq.heappop(ready)
        if visited[i]:
            continue
        visited[i] = True
        ordered.append(nodes[i])
        for j in adjacent[i]:
            indegree[j] -= 1
            if not visited[j]:
                heapq.heappush(ready if indegree[j] == 0 else touched, j)
    return ordered


def _process_sections(
    process: BpmnProcess | None,
    title: str,
    participant_id: str | None,
    successors: dict[str, list[str]],
) -> list[OutlineSection]:
    section_kind = "participant" if participant_id else "process"
    process_id = process.id if process else None
    if process is None:
        return [OutlineSection(title, 1, section_kind, (), process_id, participant_id)]

    children: dict[str | None, list[FlowNode]] = {}
    for node in process.flow_nodes:
        children.setdefault(node.parent_id, []).append(node)

    expanded: set[str] = set()  # guards against repeated ids nesting into themselves

    def items(ordered: list[FlowNode], depth: int) -> list[OutlineItem]:
        result: list[OutlineItem] = []
        for node in ordered:
            if node.kind == "gateway" and not node.name:
                continue
            result.append(
                OutlineItem(node.id, node.label, node.type, node.kind, _type_label(node), depth)
            )
            if node.kind == "subprocess" and node.id in children and node.id not in expanded:
                expanded.add(node.id)
                result += items(_flow_order(children[node.id], successors), depth + 1)
        return result

    # Order all top-level nodes once, so flows crossing lanes still count; lanes filter it.
    top_level = _flow_order(children.get(None, []), successors)
    single_unnamed_lane = len(process.lanes) == 1 and not process.lanes[0].name
    if not process.lanes or single_unnamed_lane:
        all_items = tuple(items(top_level, 0))
        return [OutlineSection(title, 1, section_kind, all_items, process_id, participant_id)]

    sections = [OutlineSection(title, 1, section_kind, (), process_id, participant_id)]
    by_lane: dict[str | None, list[FlowNode]] = {}
    for node in top_level:
        by_lane.setdefault(node.lane_id, []).append(node)
    lane_depth: dict[str, int] = {}
    for lane in process.lanes:  # pre-order: parents are seen first
        lane_depth[lane.id] = lane_depth.get(lane.parent_id or "", -1) + 1
        sections.append(
            OutlineSection(
                lane.label,
                2 + lane_depth[lane.id],
                "lane",
                tuple(items(by_lane.pop(lane.id, []), 0)),
                process_id,
                participant_id,
                lane.id,
            )
        )
    # Whatever is left has no lane, or a lane id that belongs to no lane of this process.
    without_lane = [n for n in top_level if n.lane_id in by_lane]
    if without_lane:
        sections.append(
            OutlineSection(
                "Ohne Bahn",
                2,
                "no_lane",
                tuple(items(without_lane, 0)),
                process_id,
                participant_id,
            )
        )
    return sections
