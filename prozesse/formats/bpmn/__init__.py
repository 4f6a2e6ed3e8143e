"""BPMN 2.0: safe parsing of uploaded files, the parsed model, its text outline and SVG.

* :mod:`.parser` - ``parse_bpmn`` and the checks behind it (``BpmnError``, size/depth limits),
* :mod:`.builder` - the model built from the checked XML tree,
* :mod:`.elements`, :mod:`.model`, :mod:`.outline` - the parsed model and its text outline,
* :mod:`.svg` - server-side SVG rendering of the main diagram (``render_svg``).

The names below are the public API; import them from this package. Plain Python, no Django.
"""

from .elements import (
    BPMN_MODEL_NS,
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
from .outline import OutlineItem, OutlineSection
from .parser import MAX_BPMN_BYTES, MAX_DEPTH, BpmnError, parse_bpmn

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
