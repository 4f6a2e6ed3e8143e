"""``BpmnModel``: a whole parsed BPMN 2.0 file, with flattened views, id lookup, search text
and the text outline. Plain Python, no Django.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .elements import (
    Artifact,
    BpmnProcess,
    Diagram,
    Flow,
    FlowNode,
    Lane,
    ModelElement,
    Participant,
)
from .outline import OutlineSection, build_outline


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
        return build_outline(self.processes, self.participants, self.flows)
