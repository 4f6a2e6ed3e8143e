"""Building a ``BpmnModel`` from the parsed XML tree of a BPMN 2.0 file.

The tree has passed the checks in :mod:`~prozesse.formats.bpmn.parser`. Whatever can't be
resolved (unknown elements, dangling references, missing ids, odd coordinates) is skipped
or ignored here, never refused. Plain Python, no Django.
"""

import math
from xml.etree.ElementTree import Element

from .elements import (
    ARTIFACT_TYPES,
    BPMN_MODEL_NS,
    KIND_BY_TYPE,
    Artifact,
    Bounds,
    BpmnProcess,
    Diagram,
    Edge,
    Flow,
    FlowNode,
    Lane,
    Participant,
    Shape,
)
from .model import BpmnModel

__all__ = ["build_model", "model_local"]

_M = "{" + BPMN_MODEL_NS + "}"


def build_model(root: Element) -> BpmnModel:
    """The model of a checked ``definitions`` root element."""
    return _ModelBuilder(root).build()


def model_local(element: Element) -> str | None:
    """Local name of a BPMN MODEL element; None for anything else."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith(_M):
        return tag[len(_M) :]
    return None


def _any_local(element: Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    value = value.strip().lower()
    return True if value in ("true", "1") else False if value in ("false", "0") else None


def _number(value: str | None) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) <= 1e7 else None


def _bounds(element: Element | None) -> Bounds | None:
    if element is None:
        return None
    for child in element:
        if _any_local(child) == "Bounds":
            values = [_number(child.get(k)) for k in ("x", "y", "width", "height")]
            if None in values or values[2] < 0 or values[3] < 0:  # type: ignore[operator]
                return None
            return Bounds(*values)  # type: ignore[arg-type]
    return None


class _ModelBuilder:
    def __init__(self, root: Element) -> None:
        self.root = root
        self.processes: list[BpmnProcess] = []
        self.participants: list[Participant] = []
        self.flows: list[Flow] = []
        self.message_flows: list[Flow] = []
        self.associations: list[Flow] = []
        self.artifacts: list[Artifact] = []
        self.diagrams: list[Diagram] = []
        self.collaboration_ids: set[str] = set()
        self.event_definitions: dict[str, str] = {}  # id -> kind, for eventDefinitionRef
        self.category_values: dict[str, str] = {}
        self.anonymous = 0
        # All ids in the file, to resolve QName references such as bpmnElement="bpmn2:_x1".
        self.known_ids = {e.get("id") for e in root.iter() if e.get("id")}

    def id_of(self, element: Element) -> str:
        value = (element.get("id") or "").strip()
        if not value:
            self.anonymous += 1
            value = f"_ohne_id_{self.anonymous}"
        return value

    def ref(self, value: str | None) -> str:
        """A reference to another element; a QName prefix (``bpmn2:_x1``) is dropped when
        only the local part names a known element."""
        value = (value or "").strip()
        if ":" in value and value not in self.known_ids:
            local = value.rpartition(":")[2]
            if local in self.known_ids:
                return local
        return value

    def build(self) -> BpmnModel:
        root = self.root
        for child in root:  # first pass: things referenced from elsewhere
            local = model_local(child)
            if local and local.endswith("EventDefinition") and child.get("id"):
                self.event_definitions[child.get("id", "")] = local[: -len("EventDefinition")]
            elif local == "category":
                for value in child:
                    if model_local(value) == "categoryValue" and value.get("id"):
                        self.category_values[value.get("id", "")] = _clean(value.get("value"))
        for child in root:
            local = model_local(child)
            if local == "process":
                self.process(child)
            elif local == "collaboration":
                self.collaboration(child)
            elif local == "dataStore":
                self.artifacts.append(Artifact(self.id_of(child), local, _clean(child.get("name"))))
            elif _any_local(child) == "BPMNDiagram":
                self.diagram(child)
        return BpmnModel(
            id=(root.get("id") or "").strip(),
            name=_clean(root.get("name")),
            processes=tuple(self.processes),
            participants=tuple(self.participants),
            flows=tuple(self.flows),
            message_flows=tuple(self.message_flows),
            associations=tuple(self.associations),
            artifacts=tuple(self.artifacts),
            diagram=self.main_diagram(),
            diagrams=tuple(self.diagrams),
        )

    # -- semantic part
    def process(self, element: Element) -> None:
        process_id = self.id_of(element)
        raw_nodes: list[dict] = []
        lanes: list[Lane] = []
        self.container(element, process_id, None, raw_nodes, lanes)
        lane_of: dict[str, str] = {}
        depth_of: dict[str, int] = {}
        for lane in lanes:  # pre-order, so deeper lanes override their parents
            depth_of[lane.id] = depth_of.get(lane.parent_id or "", -1) + 1
            for ref in lane.flow_node_refs:
                current = lane_of.get(ref)
                if current is None or depth_of[lane.id] >= depth_of[current]:
                    lane_of[ref] = lane.id
        nodes = tuple(FlowNode(**raw, lane_id=lane_of.get(raw["id"])) for raw in raw_nodes)
        self.processes.append(
            BpmnProcess(process_id, _clean(element.get("name")), nodes, tuple(lanes))
        )

    def container(
        self,
        element: Element,
        process_id: str,
        parent_id: str | None,
        nodes: list[dict],
        lanes: list[Lane],
    ) -> None:
        for child in element:
            local = model_local(child)
            if local is None:
                continue
            kind = KIND_BY_TYPE.get(local)
            if kind is not None:
                node_id = self.id_of(child)
                nodes.append(self.flow_node(child, node_id, local, kind, process_id, parent_id))
                self.data_associations(child, node_id, process_id)
                if kind == "subprocess":
                    self.container(child, process_id, node_id, nodes, lanes)
            elif local == "sequenceFlow":
                self.flows.append(self.flow(child, local, process_id))
            elif local == "association":
                self.associations.append(self.flow(child, local, process_id))
            elif local == "laneSet":
                self.lane_set(child, process_id, None, lanes)
            elif local in ARTIFACT_TYPES:
                self.artifact(child, local, process_id)
            elif local == "ioSpecification" and parent_id is None:
                for io_child in child:
                    io_local = model_local(io_child)
                    if io_local in ("dataInput", "dataOutput"):
                        self.artifact(io_child, io_local, process_id)

    def flow_node(
        self,
        element: Element,
        node_id: str,
        local: str,
        kind: str,
        process_id: str,
        parent_id: str | None,
    ) -> dict:
        definitions: list[str] = []
        if kind == "event":
            for child in element:
                child_local = model_local(child)
                if child_local is None:
                    continue
                if child_local.endswith("EventDefinition"):
                    definitions.append(child_local[: -len("EventDefinition")])
                elif child_local == "eventDefinitionRef":
                    referenced = self.event_definitions.get(self.ref(child.text))
                    if referenced:
                        definitions.append(referenced)
        interrupting = element.get("cancelActivity", element.get("isInterrupting"))
        return {
            "id": node_id,
            "name": _clean(element.get("name")),
            "type": local,
            "kind": kind,
            "process_id": process_id,
            "parent_id": parent_id,
            "event_definition": (
                definitions[0] if len(definitions) == 1 else "multiple" if definitions else None
            ),
            "attached_to": self.ref(element.get("attachedToRef")) or None,
            "is_interrupting": _flag(interrupting) is not False,
            "triggered_by_event": bool(_flag(element.get("triggeredByEvent"))),
        }

    def data_associations(self, element: Element, node_id: str, process_id: str) -> None:
        for child in element:
            local = model_local(child)
            if local not in ("dataInputAssociation", "dataOutputAssociation"):
                continue
            refs = {"sourceRef": "", "targetRef": ""}
            for ref in child:
                ref_local = model_local(ref)
                if ref_local in refs and not refs[ref_local]:
                    refs[ref_local] = self.ref(ref.text)
            if local == "dataInputAssociation":
                source, target = refs["sourceRef"], node_id
            else:
                source, target = node_id, refs["targetRef"]
            self.associations.append(Flow(self.id_of(child), local, source, target, "", process_id))

    def flow(self, element: Element, local: str, process_id: str | None) -> Flow:
        return Flow(
            self.id_of(element),
            local,
            self.ref(element.get("sourceRef")),
            self.ref(element.get("targetRef")),
            _clean(element.get("name")),
            process_id,
        )

    def artifact(self, element: Element, local: str, process_id: str | None) -> None:
        name = _clean(element.get("name"))
        if local == "textAnnotation":
            texts = [c.text or "" for c in element if model_local(c) == "text"]
            name = _clean(" ".join(texts))
        elif local == "group" and not name:
            ref = self.ref(element.get("categoryValueRef"))
            name = self.category_values.get(ref, "")
        self.artifacts.append(Artifact(self.id_of(element), local, name, process_id))

    def lane_set(
        self, element: Element, process_id: str, parent_id: str | None, lanes: list[Lane]
    ) -> None:
        for lane in element:
            if model_local(lane) != "lane":
                continue
            lane_id = self.id_of(lane)
            refs = tuple(self.ref(ref.text) for ref in lane if model_local(ref) == "flowNodeRef")
            lanes.append(Lane(lane_id, _clean(lane.get("name")), process_id, refs, parent_id))
            for child in lane:
                if model_local(child) == "childLaneSet":
                    self.lane_set(child, process_id, lane_id, lanes)

    def collaboration(self, element: Element) -> None:
        self.collaboration_ids.add(self.id_of(element))
        for child in element:
            local = model_local(child)
            if local == "participant":
                self.participants.append(
                    Participant(
                        self.id_of(child),
                        _clean(child.get("name")),
                        self.ref(child.get("processRef")) or None,
                    )
                )
            elif local == "messageFlow":
                self.message_flows.append(self.flow(child, local, None))
            elif local == "association":
                self.associations.append(self.flow(child, local, None))
            elif local in ARTIFACT_TYPES:
                self.artifact(child, local, None)

    # -- diagram interchange
    def diagram(self, element: Element) -> None:
        plane = next((c for c in element if _any_local(c) == "BPMNPlane"), None)
        if plane is None:
            return
        shapes: list[Shape] = []
        edges: list[Edge] = []
        for child in plane.iter():
            local = _any_local(child)
            if local == "BPMNShape":
                bounds = _bounds(child)
                if bounds is None:
                    continue
                label = next((c for c in child if _any_local(c) == "BPMNLabel"), None)
                shapes.append(
                    Shape(
                        (child.get("id") or "").strip(),
                        self.ref(child.get("bpmnElement")),
                        bounds,
                        _bounds(label),
                        _flag(child.get("isHorizontal")),
                        _flag(child.get("isExpanded")),
                    )
                )
            elif local == "BPMNEdge":
                points: list[tuple[float, float]] = []
                label = None
                for part in child:
                    part_local = _any_local(part)
                    if part_local == "waypoint":
                        x, y = _number(part.get("x")), _number(part.get("y"))
                        if x is not None and y is not None:
                            points.append((x, y))
                    elif part_local == "BPMNLabel":
                        label = _bounds(part)
                if len(points) >= 2:
                    edges.append(
                        Edge(
                            (child.get("id") or "").strip(),
                            self.ref(child.get("bpmnElement")),
                            tuple(points),
                            label,
                        )
                    )
        if shapes or edges:
            self.diagrams.append(
                Diagram(
                    (element.get("id") or "").strip(),
                    _clean(element.get("name")),
                    self.ref(plane.get("bpmnElement")) or None,
                    tuple(shapes),
                    tuple(edges),
                )
            )

    def main_diagram(self) -> Diagram | None:
        process_ids = {p.id for p in self.processes}
        for wanted in (self.collaboration_ids, process_ids):
            for diagram in self.diagrams:
                if diagram.plane_element in wanted:
                    return diagram
        return self.diagrams[0] if self.diagrams else None
