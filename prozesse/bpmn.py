"""Safe parsing of BPMN 2.0 files, plus outline and search-text extraction.

Files come from uploads, so everything here assumes hostile input.

What counts as well-formed BPMN
-------------------------------
``parse_bpmn`` accepts a file only if all of these hold:

1. It is not empty and is at most ``MAX_BPMN_BYTES`` long. The size is checked before parsing.
2. Its character encoding is valid. When the XML declaration names no encoding, or names
   UTF-8, every byte sequence must be valid UTF-8. Other declared encodings (ISO-8859-1,
   windows-1252, UTF-16 with a BOM) are left to the XML parser.
3. It is well-formed XML with no DTD. A ``<!DOCTYPE ...>`` is always refused, which also
   refuses entity declarations (billion laughs) and external entities (XXE).
4. Elements are nested at most ``MAX_DEPTH`` levels deep. This is checked while the file is
   streamed, so a very deeply nested file is refused early, never walked recursively.
5. The root element is ``definitions`` in the BPMN 2.0 MODEL namespace
   (``http://www.omg.org/spec/BPMN/20100524/MODEL``). Any prefix works (``bpmn:``,
   ``bpmn2:``, ``semantic:``, a default namespace, ...).
6. ``definitions`` contains at least one ``process`` or ``collaboration``. A collaboration
   without processes (black-box pools only) is fine.

There is no schema validation. Unknown elements, vendor extensions (``extensionElements``
and foreign namespaces), dangling references and missing ids are tolerated: anything that
can't be resolved is ignored. Diagram interchange (DI) data is optional. Coordinates that
aren't finite numbers, or whose absolute value is larger than 10^7, are dropped.

Every refusal raises ``BpmnError``. Its message is German, meant for editors, and names the
problem (with line and column where the XML parser reports them).
"""

import heapq
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import errors as _expat_errors

import defusedxml.ElementTree as _defused_et
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

__all__ = [
    "BPMN_MODEL_NS",
    "MAX_BPMN_BYTES",
    "MAX_DEPTH",
    "Artifact",
    "Bounds",
    "BpmnError",
    "BpmnModel",
    "BpmnProcess",
    "Diagram",
    "Edge",
    "Flow",
    "FlowNode",
    "Lane",
    "OutlineItem",
    "OutlineSection",
    "Participant",
    "Shape",
    "parse_bpmn",
]

MAX_BPMN_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 200
BPMN_MODEL_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_M = "{" + BPMN_MODEL_NS + "}"

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
_KIND_BY_TYPE = {
    **dict.fromkeys(ACTIVITY_TYPES, "activity"),
    **dict.fromkeys(SUBPROCESS_TYPES, "subprocess"),
    **dict.fromkeys(EVENT_TYPES, "event"),
    **dict.fromkeys(GATEWAY_TYPES, "gateway"),
}


class BpmnError(ValueError):
    """The upload is not a usable BPMN 2.0 file; ``str(error)`` is a German message."""


# --------------------------------------------------------------------------- data model


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


ModelElement = FlowNode | Lane | Participant | BpmnProcess | Flow | Artifact


@dataclass(frozen=True, slots=True)
class BpmnModel:
    """A parsed BPMN file.

    ``flows`` holds the sequence flows. ``associations`` holds associations and data
    associations. ``diagram`` is the main diagram: the one drawing the collaboration, or
    else the first one that draws a process. ``diagrams`` holds every BPMNDiagram with at
    least one shape or edge.
    """

    id: str
    name: str
    processes: tuple[BpmnProcess, ...]
    participants: tuple[Participant, ...]
    flows: tuple[Flow, ...]
    message_flows: tuple[Flow, ...]
    associations: tuple[Flow, ...] = ()
    artifacts: tuple[Artifact, ...] = ()
    diagram: Diagram | None = None
    diagrams: tuple[Diagram, ...] = ()
    _index: dict[str, ModelElement] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        index: dict[str, ModelElement] = {}
        groups: Iterable[Iterable[ModelElement]] = (
            self.processes,
            self.participants,
            self.lanes,
            self.flow_nodes,
            self.flows,
            self.message_flows,
            self.associations,
            self.artifacts,
        )
        for group in groups:
            for element in group:
                index.setdefault(element.id, element)
        object.__setattr__(self, "_index", index)

    # -- flattened views
    @property
    def flow_nodes(self) -> tuple[FlowNode, ...]:
        return tuple(node for process in self.processes for node in process.flow_nodes)

    @property
    def tasks(self) -> tuple[FlowNode, ...]:
        """All tasks and call activities, including those inside sub-processes."""
        return tuple(n for n in self.flow_nodes if n.kind == "activity")

    @property
    def subprocesses(self) -> tuple[FlowNode, ...]:
        return tuple(n for n in self.flow_nodes if n.kind == "subprocess")

    @property
    def activities(self) -> tuple[FlowNode, ...]:
        """Tasks, call activities and sub-processes."""
        return tuple(n for n in self.flow_nodes if n.kind in ("activity", "subprocess"))

    @property
    def events(self) -> tuple[FlowNode, ...]:
        return tuple(n for n in self.flow_nodes if n.kind == "event")

    @property
    def gateways(self) -> tuple[FlowNode, ...]:
        return tuple(n for n in self.flow_nodes if n.kind == "gateway")

    @property
    def lanes(self) -> tuple[Lane, ...]:
        return tuple(lane for process in self.processes for lane in process.lanes)

    def element(self, element_id: str) -> ModelElement | None:
        """Look up any semantic element by id (the first one wins if ids repeat)."""
        return self._index.get(element_id)

    def searchable_text(self) -> str:
        """Names of pools, processes, lanes, activities, sub-processes and events.

        Deduplicated, in document order, one per line. Unnamed elements and gateways are
        left out.
        """
        names = [p.name for p in self.participants]
        names += [p.name for p in self.processes]
        names += [lane.name for lane in self.lanes]
        names += [n.name for n in self.flow_nodes if n.kind != "gateway"]
        return "\n".join(dict.fromkeys(name for name in names if name))

    def outline(self) -> list[OutlineSection]:
        """Text outline of the model: an accessible alternative to the diagram.

        There is one level-1 section per pool (in collaboration order), then one per
        process that no pool references and that has content. A process with lanes gets
        one section per lane, nested lanes included, in lane order. Nodes in no lane go
        into a final "Ohne Bahn" section. A process without lanes (or with one unnamed
        lane) lists its nodes directly in its level-1 section, named after the pool or
        process.

        Items are activities, sub-processes, events and named gateways, in sequence-flow
        order: a topological order from the start events, with cycles broken and
        unconnected nodes falling back to document order. Each sub-process's children
        follow it, one ``depth`` deeper.
        """
        successors: dict[str, list[str]] = {}
        for flow in self.flows:
            successors.setdefault(flow.source, []).append(flow.target)
        for node in self.flow_nodes:
            if node.attached_to:
                successors.setdefault(node.attached_to, []).append(node.id)
        processes = {p.id: p for p in self.processes}
        sections: list[OutlineSection] = []
        shown: set[str] = set()
        for participant in self.participants:
            process = processes.get(participant.process_ref or "")
            if process is not None:
                shown.add(process.id)
            title = participant.name or (process.name if process else "") or participant.label
            sections += _process_sections(process, title, participant.id, successors)
        for process in self.processes:
            if process.id not in shown and (process.flow_nodes or process.lanes):
                sections += _process_sections(process, process.label, None, successors)
        return sections


_UNNAMED = {
    "activity": "(unbenannte Aufgabe)",
    "subprocess": "(unbenannter Teilprozess)",
    "event": "(unbenanntes Ereignis)",
    "gateway": "(unbenanntes Gateway)",
}
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


# --------------------------------------------------------------------------- parsing


def parse_bpmn(data: bytes) -> BpmnModel:
    """Parse an uploaded BPMN 2.0 file safely. Raises ``BpmnError`` with a German message."""
    if isinstance(data, str):
        raise TypeError("parse_bpmn erwartet Bytes, keinen Text.")
    data = bytes(data)
    _check_size(data)
    _check_not_binary(data)
    _check_encoding(data)
    root = _parse_xml(data)
    if not any(_model_local(child) in ("process", "collaboration") for child in root):
        raise BpmnError(
            "Die Datei enthält keinen Prozess: Im BPMN-Modell gibt es weder einen Prozess "
            "noch eine Kollaboration (Pools)."
        )
    return _ModelBuilder(root).build()


def _format_mb(size: int) -> str:
    value = size / (1024 * 1024)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return text.replace(".", ",")


def _check_size(data: bytes) -> None:
    if not data.strip():
        raise BpmnError("Die Datei ist leer.")
    if len(data) > MAX_BPMN_BYTES:
        size = f"{len(data) / (1024 * 1024):.1f}".replace(".", ",")
        raise BpmnError(
            f"Die Datei ist zu groß ({size} MB; erlaubt sind höchstens "
            f"{_format_mb(MAX_BPMN_BYTES)} MB)."
        )


_SIGNATURES = (
    (b"%PDF", "ein PDF-Dokument"),
    (b"\x89PNG", "ein PNG-Bild"),
    (b"\xff\xd8\xff", "ein JPEG-Bild"),
    (b"GIF8", "ein GIF-Bild"),
    (b"PK\x03\x04", "ein ZIP-Archiv (z. B. ein Word- oder Excel-Dokument)"),
    (b"\xd0\xcf\x11\xe0", "ein älteres Office-Dokument"),
    (b"{\\rtf", "ein RTF-Dokument"),
    (b"\x1f\x8b", "ein gzip-komprimiertes Archiv"),
)


def _check_not_binary(data: bytes) -> None:
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            raise BpmnError(
                f"Die Datei ist kein gültiges XML, sondern offenbar {description}. "
                "Bitte laden Sie eine BPMN-2.0-Datei (.bpmn) hoch."
            )


_ENCODING_DECL = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _declared_encoding(data: bytes) -> str | None:
    match = _ENCODING_DECL.match(data[:1024])
    return match.group(1).decode("ascii") if match else None


def _shorten(text: str, limit: int = 60) -> str:
    """Shorten file content quoted in an error message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_encoding(data: bytes) -> None:
    """Check UTF-8 documents strictly, so a broken umlaut gets a clear message."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        return  # UTF-16/32: expat checks these itself
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declared = _declared_encoding(body)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        raise BpmnError(
            f"Die Datei enthält eine ungültige Zeichenkodierung (Zeile {line}, Spalte {column}): "
            f"Das Byte 0x{data[offset]:02X} ist in UTF-8 nicht erlaubt. Vermutlich wurde ein "
            "Umlaut oder Sonderzeichen falsch gespeichert. Bitte exportieren Sie die Datei "
            "erneut als UTF-8."
        ) from None


_XML_ERRORS_DE = {
    _expat_errors.XML_ERROR_SYNTAX: "Syntaxfehler",
    _expat_errors.XML_ERROR_NO_ELEMENTS: "kein Element gefunden bzw. Datei endet unerwartet",
    _expat_errors.XML_ERROR_INVALID_TOKEN: "ungültiges Zeichen",
    _expat_errors.XML_ERROR_UNCLOSED_TOKEN: "nicht abgeschlossenes Element",
    _expat_errors.XML_ERROR_PARTIAL_CHAR: "unvollständiges Zeichen",
    _expat_errors.XML_ERROR_TAG_MISMATCH: "schließendes Tag passt nicht zum öffnenden Tag",
    _expat_errors.XML_ERROR_DUPLICATE_ATTRIBUTE: "doppeltes Attribut",
    _expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "Inhalt nach dem Wurzelelement",
    _expat_errors.XML_ERROR_UNDEFINED_ENTITY: "nicht definierte Entity",
    _expat_errors.XML_ERROR_UNKNOWN_ENCODING: "unbekannte Zeichenkodierung",
    _expat_errors.XML_ERROR_INCORRECT_ENCODING: "Zeichenkodierung passt nicht zur XML-Deklaration",
    _expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION: "nicht abgeschlossener CDATA-Abschnitt",
    _expat_errors.XML_ERROR_MISPLACED_XML_PI: "XML-Deklaration nicht am Dateianfang",
    _expat_errors.XML_ERROR_XML_DECL: "fehlerhafte XML-Deklaration",
    _expat_errors.XML_ERROR_UNBOUND_PREFIX: "nicht deklariertes Namensraum-Präfix",
    _expat_errors.XML_ERROR_BAD_CHAR_REF: "Verweis auf ein ungültiges Zeichen",
    _expat_errors.XML_ERROR_ASYNC_ENTITY: "fehlerhafte Entity",
}
_XML_ERROR_CODES = {
    _expat_errors.codes[message]: german for message, german in _XML_ERRORS_DE.items()
}
_SECURITY_MESSAGE = (
    "Die Datei enthält DTD-/Entity-Deklarationen; diese sind aus Sicherheitsgründen nicht erlaubt."
)


def _parse_xml(data: bytes) -> Element:
    """Stream-parse with defusedxml, enforcing depth and root element as early as possible."""
    depth = 0
    root: Element | None = None
    try:
        events = _defused_et.iterparse(
            io.BytesIO(data),
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            depth += 1
            if depth > MAX_DEPTH:
                raise BpmnError(
                    f"Die Datei ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."
                )
            if root is None:
                root = element
                _check_root(element)
    except BpmnError:
        raise
    except DTDForbidden as error:
        if (error.name or "").lower() == "html":
            raise BpmnError(
                "Die Datei ist ein HTML-Dokument und enthält kein BPMN-2.0-Modell."
            ) from None
        raise BpmnError(_SECURITY_MESSAGE) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise BpmnError(_SECURITY_MESSAGE) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = _XML_ERROR_CODES.get(getattr(error, "code", None), "")
        if not reason:
            reason = str(error).split(": line")[0]
        raise BpmnError(
            f"Die Datei ist kein gültiges XML (Zeile {line}, Spalte {column + 1}): {reason}."
        ) from None
    except LookupError:  # unknown encoding in the XML declaration
        declared = _declared_encoding(data.removeprefix(b"\xef\xbb\xbf")) or "?"
        raise BpmnError(
            f"Die Datei verwendet eine unbekannte Zeichenkodierung ('{_shorten(declared)}')."
        ) from None
    except (ValueError, UnicodeError) as error:
        raise BpmnError(f"Die Datei konnte nicht als XML gelesen werden ({error}).") from None
    if root is None:
        raise BpmnError("Die Datei enthält kein XML-Element.")
    return root


def _check_root(element: Element) -> None:
    tag = element.tag
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local != "definitions":
        raise BpmnError(
            "Die Datei enthält kein BPMN-2.0-Modell "
            f"(Wurzelelement '{_shorten(local)}' statt 'definitions')."
        )
    if namespace != BPMN_MODEL_NS:
        where = f"im Namensraum '{_shorten(namespace)}'" if namespace else "ohne Namensraum"
        raise BpmnError(
            f"Die Datei enthält kein BPMN-2.0-Modell (Wurzelelement 'definitions' {where} "
            f"statt im Namensraum '{BPMN_MODEL_NS}')."
        )


def _model_local(element: Element) -> str | None:
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
            local = _model_local(child)
            if local and local.endswith("EventDefinition") and child.get("id"):
                self.event_definitions[child.get("id", "")] = local[: -len("EventDefinition")]
            elif local == "category":
                for value in child:
                    if _model_local(value) == "categoryValue" and value.get("id"):
                        self.category_values[value.get("id", "")] = _clean(value.get("value"))
        for child in root:
            local = _model_local(child)
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
            local = _model_local(child)
            if local is None:
                continue
            kind = _KIND_BY_TYPE.get(local)
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
                    io_local = _model_local(io_child)
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
                child_local = _model_local(child)
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
            local = _model_local(child)
            if local not in ("dataInputAssociation", "dataOutputAssociation"):
                continue
            refs = {"sourceRef": "", "targetRef": ""}
            for ref in child:
                ref_local = _model_local(ref)
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
            texts = [c.text or "" for c in element if _model_local(c) == "text"]
            name = _clean(" ".join(texts))
        elif local == "group" and not name:
            ref = self.ref(element.get("categoryValueRef"))
            name = self.category_values.get(ref, "")
        self.artifacts.append(Artifact(self.id_of(element), local, name, process_id))

    def lane_set(
        self, element: Element, process_id: str, parent_id: str | None, lanes: list[Lane]
    ) -> None:
        for lane in element:
            if _model_local(lane) != "lane":
                continue
            lane_id = self.id_of(lane)
            refs = tuple(self.ref(ref.text) for ref in lane if _model_local(ref) == "flowNodeRef")
            lanes.append(Lane(lane_id, _clean(lane.get("name")), process_id, refs, parent_id))
            for child in lane:
                if _model_local(child) == "childLaneSet":
                    self.lane_set(child, process_id, lane_id, lanes)

    def collaboration(self, element: Element) -> None:
        self.collaboration_ids.add(self.id_of(element))
        for child in element:
            local = _model_local(child)
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
