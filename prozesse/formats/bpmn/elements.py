"""The semantic and diagram elements of a parsed BPMN 2.0 file (frozen dataclasses).

These are the parts :class:`~prozesse.formats.bpmn.model.BpmnModel` is made of; the type sets
say which BPMN tag counts as which kind of flow node. Plain Python, no Django.
"""

from dataclasses import dataclass

BPMN_MODEL_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

ACTIVITY_TYPES = frozenset(
    {
        "task",
        "userTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "manualTask",
        "businessRuleTask",
        "scriptTask",
        "callActivity",
    }
)
SUBPROCESS_TYPES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
EVENT_TYPES = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "implicitThrowEvent",
    }
)
GATEWAY_TYPES = frozenset(
    {
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)
ARTIFACT_TYPES = frozenset(
    {"dataObjectReference", "dataObject", "dataStoreReference", "textAnnotation", "group"}
)
KIND_BY_TYPE = {
    **dict.fromkeys(ACTIVITY_TYPES, "activity"),
    **dict.fromkeys(SUBPROCESS_TYPES, "subprocess"),
    **dict.fromkeys(EVENT_TYPES, "event"),
    **dict.fromkeys(GATEWAY_TYPES, "gateway"),
}


@dataclass(frozen=True, slots=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class Shape:
    """A BPMNShape: the drawn box of one model element."""

    id: str
    element_id: str
    bounds: Bounds
    label: Bounds | None = None
    is_horizontal: bool | None = None
    is_expanded: bool | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A BPMNEdge: the drawn line of one flow or association."""

    id: str
    element_id: str
    waypoints: tuple[tuple[float, float], ...]
    label: Bounds | None = None


@dataclass(frozen=True, slots=True)
class Diagram:
    id: str
    name: str
    plane_element: str | None
    shapes: tuple[Shape, ...]
    edges: tuple[Edge, ...]

    def bounding_box(self) -> Bounds | None:
        """Smallest box around every shape, label and waypoint; None if nothing is drawn."""
        xs: list[float] = []
        ys: list[float] = []
        for shape in self.shapes:
            for box in (shape.bounds, shape.label):
                if box is not None:
                    xs += (box.x, box.right)
                    ys += (box.y, box.bottom)
        for edge in self.edges:
            for x, y in edge.waypoints:
                xs.append(x)
                ys.append(y)
            if edge.label is not None:
                xs += (edge.label.x, edge.label.right)
                ys += (edge.label.y, edge.label.bottom)
        if not xs:
            return None
        return Bounds(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True, slots=True)
class FlowNode:
    """An activity, sub-process, event or gateway.

    ``type`` is the BPMN tag name (``userTask``, ``exclusiveGateway``, ...). ``kind`` is one
    of ``"activity"`` (tasks and call activities), ``"subprocess"``, ``"event"`` or
    ``"gateway"``. ``name`` is stripped, its whitespace collapsed, and it is ``""`` if the
    element has no name. ``event_definition`` is ``"timer"``, ``"message"``, ... (the
    ``*EventDefinition`` tag without its suffix), ``"multiple"`` when there are several, or
    None.
    """

    id: str
    name: str
    type: str
    kind: str
    process_id: str
    lane_id: str | None = None
    parent_id: str | None = None
    event_definition: str | None = None
    attached_to: str | None = None
    is_interrupting: bool = True
    triggered_by_event: bool = False

    @property
    def label(self) -> str:
        """The name, or a German placeholder for unnamed elements."""
        return self.name or _UNNAMED[self.kind]


@dataclass(frozen=True, slots=True)
class Lane:
    id: str
    name: str
    process_id: str
    flow_node_refs: tuple[str, ...]
    parent_id: str | None = None

    @property
    def label(self) -> str:
        return self.name or "(unbenannte Bahn)"


@dataclass(frozen=True, slots=True)
class Participant:
    """A pool. ``process_ref`` is None for a black-box pool."""

    id: str
    name: str
    process_ref: str | None

    @property
    def label(self) -> str:
        return self.name or "(unbenannter Pool)"


@dataclass(frozen=True, slots=True)
class Flow:
    """A connection: ``type`` is sequenceFlow, messageFlow, association,
    dataInputAssociation or dataOutputAssociation."""

    id: str
    type: str
    source: str
    target: str
    name: str = ""
    process_id: str | None = None


@dataclass(frozen=True, slots=True)
class Artifact:
    """A data object, data store, text annotation or group. For a text annotation ``name``
    holds its text; for a group, the name of its category value."""

    id: str
    type: str
    name: str
    process_id: str | None = None


@dataclass(frozen=True, slots=True)
class BpmnProcess:
    """``flow_nodes`` holds every node of the process in document order, including the
    children of sub-processes (see ``FlowNode.parent_id``). ``lanes`` lists lanes in
    pre-order: each parent lane comes before its nested lanes."""

    id: str
    name: str
    flow_nodes: tuple[FlowNode, ...]
    lanes: tuple[Lane, ...]

    @property
    def label(self) -> str:
        return self.name or "(unbenannter Prozess)"


#: German placeholders for unnamed flow nodes, by kind (see ``FlowNode.label``).
_UNNAMED = {
    "activity": "(unbenannte Aufgabe)",
    "subprocess": "(unbenannter Teilprozess)",
    "event": "(unbenanntes Ereignis)",
    "gateway": "(unbenanntes Gateway)",
}

#: Anything ``BpmnModel.element`` can return.
ModelElement = FlowNode | Lane | Participant | BpmnProcess | Flow | Artifact
