"""Server-side SVG rendering of a parsed BPMN diagram, built from its DI shapes and edges.

The SVG is meant to be inlined in HTML pages, so:

* Every text from the upload is XML-escaped, and so is the ``title`` argument. The output
  has no scripts, no ``<style>`` (inline styles would leak into the page), no
  ``<foreignObject>`` and no external references.
* All ids (markers, title, desc) end in a suffix derived from a hash of the diagram, so
  several diagrams on one page don't clash.
* The root has ``role="img"`` and ``aria-labelledby`` pointing to ``<title>`` and
  ``<desc>``. The real accessible alternative is the text outline
  (``BpmnModel.outline()``), which pages should show next to the image.
* Text is #1a1a1a on white or very light fills (WCAG AA contrast).

Plain Python, no Django.
"""

import hashlib
import re

from .elements import (
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

__all__ = ["render_svg"]

INK = "#1a1a1a"
FONT_SIZE = 12
LINE_HEIGHT = 14
CHAR_WIDTH = FONT_SIZE * 0.55  # rough average glyph width of a sans-serif font
PADDING = 30
BAND = 30  # width of the label band of pools and lanes

FILL_TASK = "#f4f7fb"
FILL_START = "#eef7ee"
FILL_END = "#fbeeee"
FILL_EVENT = "#ffffff"
FILL_GATEWAY = "#fdf8e6"
FILL_BAND = "#f2f2f2"
FILL_DATA = "#ffffff"

_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_svg(model: BpmnModel, *, title: str | None = None) -> str | None:
    """Render the model's main diagram as an SVG string; None if it has no DI."""
    diagram = model.diagram
    if diagram is None:
        return None
    box = diagram.bounding_box()
    if box is None:
        return None
    return _Renderer(model, diagram, box, title).render()


def _esc(text: str) -> str:
    text = _INVALID_XML_CHARS.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _n(value: float) -> str:
    """Compact number: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _word_parts(word: str, per_line: int) -> list[str]:
    """A word too long for a line: split after its hyphens and slashes (German compounds are
    often written "Gewerbe-Anmeldung"); otherwise it stays whole and may reach past the shape's
    edge – a label is never broken mid-word. Only a word more than twice the line (no real
    name) is cut, with a hyphen at each cut."""
    if len(word) <= per_line:
        return [word]
    parts = [part for part in re.split(r"(?<=[-/])", word) if part]
    if len(parts) > 1:
        lines, current = [], ""
        for part in parts:
            if current and len(current) + len(part) > per_line:
                lines.append(current)
                current = part
            else:
                current += part
        return [*lines, current]
    if len(word) <= 2 * per_line:
        return [word]
    size = max(2, per_line - 1)
    chunks = [word[i : i + size] for i in range(0, len(word), size)]
    return [chunk + "-" for chunk in chunks[:-1]] + chunks[-1:]


def _wrap(text: str, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap at word boundaries by an estimated character width. Returns
    (lines, truncated)."""
    per_line = max(3, int(width / CHAR_WIDTH))
    max_lines = max(1, max_lines)
    # Twice what fits is enough to know the text overflows; keeps huge names cheap.
    text = text[: 2 * per_line * max_lines + 2]
    lines: list[str] = []
    current = ""
    for word in text.split():
        parts = _word_parts(word, per_line)
        if len(parts) > 1:
            if current:
                lines.append(current)
            lines.extend(parts[:-1])
            current = parts[-1]
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= per_line:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) >= per_line:
        # Shorten at the last space that leaves room for the ellipsis, not mid-word.
        cut = last[: per_line - 1].rfind(" ")
        last = last[:cut] if cut > 0 else last[: per_line - 1]
    kept[-1] = last.rstrip() + "…"
    return kept, True


def _tooltip(text: str, limit: int = 300) -> str:
    """Full name of a shape whose label had to be shortened (shown on hover)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"<title>{_esc(text)}</title>"


def _text(
    lines: list[str],
    x: float,
    top: float,
    *,
    anchor: str = "middle",
    rotate: tuple[float, float] | None = None,
) -> str:
    if not lines:
        return ""
    attrs = f'x="{_n(x)}" y="{_n(top + FONT_SIZE - 1)}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if rotate is not None:
        attrs += f' transform="rotate(-90 {_n(rotate[0])} {_n(rotate[1])})"'
    parts = [f"<text {attrs}>{_esc(lines[0])}"]
    parts += [f'<tspan x="{_n(x)}" dy="{LINE_HEIGHT}">{_esc(line)}</tspan>' for line in lines[1:]]
    return "".join(parts) + "</text>"


def _centered_text(text: str, cx: float, cy: float, width: float, height: float) -> str:
    lines, _ = _wrap(text, width, int(height // LINE_HEIGHT))
    return _text(lines, cx, cy - len(lines) * LINE_HEIGHT / 2)


def _label_below(text: str, shape: Shape) -> str:
    """Label of an event, gateway or data element: in its DI label box, or below the shape."""
    if not text:
        return ""
    if shape.label is not None and shape.label.width >= 10:
        box = shape.label
        lines, _ = _wrap(text, max(box.width, 90), 4)
        return _text(lines, box.x + box.width / 2, box.y)
    b = shape.bounds
    lines, _ = _wrap(text, max(b.width * 2, 100), 3)
    return _text(lines, b.x + b.width / 2, b.bottom + 3)


def _circle(cx: float, cy: float, r: float, fill: str, width: float, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(max(r, 1))}" fill="{fill}" '
        f'stroke="{INK}" stroke-width="{width}"{dash_attr}/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, width: float = 1.5) -> str:
    return f'<path d="M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}" stroke="{INK}" stroke-width="{width}"/>'


# Event glyphs, drawn in a box from -10 to 10 and scaled to the event's radius. Placeholders:
# {f} fill (dark for throwing events, none for catching), {s} stroke, {c} inner-line colour.
_EVENT_GLYPHS = {
    "message": '<rect x="-7" y="-5" width="14" height="10" fill="{f}" stroke="{s}"/>'
    '<path d="M-7 -5L0 1L7 -5" fill="none" stroke="{c}"/>',
    "timer": '<circle r="7" fill="#fff" stroke="{s}"/><path d="M0 -5V0L3 2" fill="none" '
    'stroke="{s}"/>',
    "signal": '<path d="M0 -7L7 5H-7Z" fill="{f}" stroke="{s}"/>',
    "error": '<path d="M-6 7L-2 -5L2 2L6 -7L3 7Z" fill="{f}" stroke="{s}"/>',
    "escalation": '<path d="M0 -7L5 6L0 2L-5 6Z" fill="{f}" stroke="{s}"/>',
    "terminate": '<circle r="6" fill="{s}"/>',
    "conditional": '<rect x="-5" y="-7" width="10" height="14" fill="#fff" stroke="{s}"/>'
    '<path d="M-3 -4H3M-3 -1H3M-3 2H3M-3 5H3" stroke="{s}"/>',
    "link": '<path d="M-7 -3H1V-6L7 0L1 6V3H-7Z" fill="{f}" stroke="{s}"/>',
    "compensate": '<path d="M-1 -5V5L-8 0ZM7 -5V5L0 0Z" fill="{f}" stroke="{s}"/>',
    "cancel": '<path d="M-5 -5L5 5M5 -5L-5 5" stroke="{s}" stroke-width="2.5"/>',
    "multiple": '<path d="M0 -7L7 -2L4 6H-4L-7 -2Z" fill="{f}" stroke="{s}"/>',
}


class _Renderer:
    def __init__(self, model: BpmnModel, diagram: Diagram, box: Bounds, title: str | None) -> None:
        self.model = model
        self.diagram = diagram
        self.box = box
        digest = hashlib.blake2s(digest_size=5)
        digest.update(repr(diagram).encode())
        digest.update(model.searchable_text().encode())
        digest.update((title or "").encode())
        self.uid = "bpmn-" + digest.hexdigest()
        self.title = title or self.default_title()
        self.counts: dict[str, int] = {}
        drawn = {s.element_id for s in diagram.shapes}
        self.drawn_parents = {
            n.parent_id for n in model.flow_nodes if n.parent_id and n.id in drawn
        }

    def default_title(self) -> str:
        names = [self.model.name]
        names += [p.name for p in self.model.participants]
        names += [p.name for p in self.model.processes]
        name = next((n for n in names if n), "")
        return f"Prozessdiagramm: {name}" if name else "Prozessdiagramm"

    # -- document
    def render(self) -> str:
        pools: list[str] = []
        lanes: list[str] = []
        containers: list[tuple[float, str]] = []
        foreground: list[str] = []
        groups: list[str] = []
        for shape in self.diagram.shapes:
            element = self.model.element(shape.element_id)
            if isinstance(element, Participant | BpmnProcess):
                pools.append(self.pool(shape, element))
            elif isinstance(element, Lane):
                lanes.append(self.lane(shape, element))
            elif isinstance(element, FlowNode) and element.kind == "subprocess":
                markup = self.subprocess(shape, element)
                if self.is_expanded(shape, element):
                    area = shape.bounds.width * shape.bounds.height
                    containers.append((-area, markup))
                else:
                    foreground.append(markup)
            elif isinstance(element, FlowNode):
                foreground.append(self.flow_node(shape, element))
            elif isinstance(element, Artifact) and element.type == "group":
                groups.append(self.group(shape, element))
            elif isinstance(element, Artifact):
                foreground.append(self.artifact(shape, element))
            else:
                foreground.append(self.generic(shape))
        containers.sort(key=lambda item: item[0])
        edges = [self.edge(edge) for edge in self.diagram.edges]
        body = "".join(
            pools + lanes + [markup for _, markup in containers] + edges + foreground + groups
        )
        x, y = self.box.x - PADDING, self.box.y - PADDING
        w, h = self.box.width + 2 * PADDING, self.box.height + 2 * PADDING
        uid = self.uid
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" '
            f'width="{_n(w)}" height="{_n(h)}" role="img" '
            f'aria-labelledby="{uid}-title {uid}-desc" class="bpmn-diagram" '
            f'font-family="Arial, Helvetica, sans-serif" font-size="{FONT_SIZE}" fill="{INK}">'
            f'<title id="{uid}-title">{_esc(self.title)}</title>'
            f'<desc id="{uid}-desc">{_esc(self.description())}</desc>'
            f"{self.defs()}"
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="#fff"/>'
            f"{body}</svg>"
        )

    def description(self) -> str:
        labels = (
            ("pool", "Pool", "Pools"),
            ("lane", "Bahn", "Bahnen"),
            ("activity", "Aufgabe", "Aufgaben"),
            ("subprocess", "Teilprozess", "Teilprozessen"),
            ("event", "Ereignis", "Ereignissen"),
            ("gateway", "Gateway", "Gateways"),
        )
        parts = [
            f"{self.counts[key]} {one if self.counts[key] == 1 else many}"
            for key, one, many in labels
            if self.counts.get(key)
        ]
        summary = ", ".join(parts[:-1]) + " und " + parts[-1] if len(parts) > 1 else "".join(parts)
        text = "BPMN-Prozessdiagramm"
        if summary:
            text += f" mit {summary}"
        return text + ". Der Ablauf ist zusätzlich als Textgliederung beschrieben."

    def defs(self) -> str:
        uid = self.uid
        common = 'markerUnits="userSpaceOnUse" orient="auto" viewBox="0 0 10 10"'
        return (
            "<defs>"
            f'<marker id="{uid}-seq" {common} refX="10" refY="5" markerWidth="10" '
            f'markerHeight="10"><path d="M0 0L10 5L0 10Z" fill="{INK}"/></marker>'
            f'<marker id="{uid}-msg" {common} refX="10" refY="5" markerWidth="10" '
            f'markerHeight="10"><path d="M1 1L10 5L1 9Z" fill="#fff" stroke="{INK}"/></marker>'
            f'<marker id="{uid}-msgstart" {common} refX="5" refY="5" markerWidth="8" '
            f'markerHeight="8"><circle cx="5" cy="5" r="4" fill="#fff" stroke="{INK}"/></marker>'
            f'<marker id="{uid}-open" {common} refX="10" refY="5" markerWidth="10" '
            f'markerHeight="10"><path d="M1 1L10 5L1 9" fill="none" stroke="{INK}"/></marker>'
            "</defs>"
        )

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    @staticmethod
    def group_open(css: str, element_id: str) -> str:
        return f'<g class="{_esc(css)}" data-bpmn-id="{_esc(element_id)}">'

    # -- pools and lanes
    def pool(self, shape: Shape, element: Participant | BpmnProcess) -> str:
        self.count("pool")
        return self.swimlane(shape, element.name, "bpmn-pool", element.id)

    def lane(self, shape: Shape, element: Lane) -> str:
        self.count("lane")
        return self.swimlane(shape, element.name, "bpmn-lane", element.id)

    def swimlane(self, shape: Shape, name: str, css: str, element_id: str) -> str:
        b = shape.bounds
        horizontal = shape.is_horizontal
        if horizontal is None:
            horizontal = b.width >= b.height
        parts = [
            self.group_open(css, element_id),
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(b.height)}" '
            f'fill="none" stroke="{INK}" stroke-width="1"/>',
        ]
        band = min(BAND, b.width if horizontal else b.height)
        if horizontal:
            parts.append(
                f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(band)}" height="{_n(b.height)}" '
                f'fill="{FILL_BAND}" stroke="{INK}" stroke-width="1"/>'
            )
            if name:
                lines, _ = _wrap(name, b.height - 10, 2)
                cx, cy = b.x + band / 2, b.y + b.height / 2
                top = cy - len(lines) * LINE_HEIGHT / 2
                parts.append(_text(lines, cx, top, rotate=(cx, cy)))
        else:
            parts.append(
                f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(band)}" '
                f'fill="{FILL_BAND}" stroke="{INK}" stroke-width="1"/>'
            )
            if name:
                lines, _ = _wrap(name, b.width - 10, 2)
                parts.append(
                    _text(lines, b.x + b.width / 2, b.y + band / 2 - len(lines) * LINE_HEIGHT / 2)
                )
        return "".join(parts) + "</g>"

    # -- flow nodes
    def is_expanded(self, shape: Shape, node: FlowNode) -> bool:
        if shape.is_expanded is not None:
            return shape.is_expanded
        return node.id in self.drawn_parents

    def flow_node(self, shape: Shape, node: FlowNode) -> str:
        self.count(node.kind)
        if node.kind == "event":
            return self.event(shape, node)
        if node.kind == "gateway":
            return self.gateway(shape, node)
        return self.task(shape, node)

    def task(self, shape: Shape, node: FlowNode) -> str:
        b = shape.bounds
        width = "3.5" if node.type == "callActivity" else "1.5"
        parts = [
            self.group_open("bpmn-activity", node.id),
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(b.height)}" '
            f'rx="8" fill="{FILL_TASK}" stroke="{INK}" stroke-width="{width}"/>',
        ]
        lines, truncated = _wrap(node.name, b.width - 10, int((b.height - 6) // LINE_HEIGHT))
        if truncated:
            parts.append(_tooltip(node.name))
        if lines:
            top = b.y + b.height / 2 - len(lines) * LINE_HEIGHT / 2
            parts.append(_text(lines, b.x + b.width / 2, top))
        return "".join(parts) + "</g>"

    def subprocess(self, shape: Shape, node: FlowNode) -> str:
        self.count("subprocess")
        b = shape.bounds
        expanded = self.is_expanded(shape, node)
        dash = ' stroke-dasharray="3 3"' if node.triggered_by_event else ""
        fill = "none" if expanded else FILL_TASK
        rect = (
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(b.height)}" '
            f'rx="10" fill="{fill}" stroke="{INK}" stroke-width="1.5"{dash}/>'
        )
        parts = [self.group_open("bpmn-subprocess", node.id), rect]
        if node.type == "transaction" and b.width > 8 and b.height > 8:
            parts.append(
                f'<rect x="{_n(b.x + 3)}" y="{_n(b.y + 3)}" width="{_n(b.width - 6)}" '
                f'height="{_n(b.height - 6)}" rx="8" fill="none" stroke="{INK}" stroke-width="1"/>'
            )
        if expanded:
            lines, truncated = _wrap(node.name, b.width - 16, 2)
            parts.append(_text(lines, b.x + b.width / 2, b.y + 5))
        else:
            lines, truncated = _wrap(node.name, b.width - 10, int((b.height - 20) // LINE_HEIGHT))
            top = b.y + (b.height - 14) / 2 - len(lines) * LINE_HEIGHT / 2
            parts.append(_text(lines, b.x + b.width / 2, top))
            mx, my = b.x + b.width / 2 - 7, b.bottom - 16
            parts.append(
                f'<rect x="{_n(mx)}" y="{_n(my)}" width="14" height="14" fill="#fff" '
                f'stroke="{INK}" stroke-width="1"/>'
                f'<path d="M{_n(mx + 3)} {_n(my + 7)}H{_n(mx + 11)}M{_n(mx + 7)} {_n(my + 3)}'
                f'V{_n(my + 11)}" stroke="{INK}" stroke-width="1.5"/>'
            )
        if truncated:
            parts.insert(1, _tooltip(node.name))
        return "".join(parts) + "</g>"

    def event(self, shape: Shape, node: FlowNode) -> str:
        b = shape.bounds
        cx, cy = b.x + b.width / 2, b.y + b.height / 2
        r = min(b.width, b.height) / 2
        dash = "" if node.is_interrupting else "4 2"
        parts = [self.group_open("bpmn-event", node.id)]
        if node.type == "startEvent":
            parts.append(_circle(cx, cy, r, FILL_START, 1.5, dash))
        elif node.type == "endEvent":
            parts.append(_circle(cx, cy, r - 1.5, FILL_END, 3.5))
        else:
            parts.append(_circle(cx, cy, r, FILL_EVENT, 1.2, dash))
            parts.append(_circle(cx, cy, r - 3, "none", 1.2, dash))
        glyph = _EVENT_GLYPHS.get(node.event_definition or "")
        if glyph and r >= 6:
            throwing = node.type in ("endEvent", "intermediateThrowEvent", "implicitThrowEvent")
            scale = _n(r / 15)
            parts.append(
                f'<g transform="translate({_n(cx)} {_n(cy)}) scale({scale})">'
                + glyph.format(f=INK if throwing else "none", s=INK, c="#fff" if throwing else INK)
                + "</g>"
            )
        parts.append(_label_below(node.name, shape))
        return "".join(parts) + "</g>"

    def gateway(self, shape: Shape, node: FlowNode) -> str:
        b = shape.bounds
        cx, cy = b.x + b.width / 2, b.y + b.height / 2
        dx, dy = b.width / 2, b.height / 2
        parts = [
            self.group_open("bpmn-gateway", node.id),
            f'<path d="M{_n(cx)} {_n(b.y)}L{_n(b.right)} {_n(cy)}L{_n(cx)} {_n(b.bottom)}'
            f'L{_n(b.x)} {_n(cy)}Z" fill="{FILL_GATEWAY}" stroke="{INK}" stroke-width="1.5"/>',
        ]
        ax, ay = dx * 0.36, dy * 0.36
        marker_x = _line(cx - ax * 0.8, cy - ay * 0.8, cx + ax * 0.8, cy + ay * 0.8, 3) + _line(
            cx - ax * 0.8, cy + ay * 0.8, cx + ax * 0.8, cy - ay * 0.8, 3
        )
        marker_plus = _line(cx - ax, cy, cx + ax, cy, 3) + _line(cx, cy - ay, cx, cy + ay, 3)
        if node.type == "exclusiveGateway":
            parts.append(marker_x)
        elif node.type == "parallelGateway":
            parts.append(marker_plus)
        elif node.type == "complexGateway":
            parts.append(marker_x + marker_plus)
        elif node.type == "inclusiveGateway":
            parts.append(_circle(cx, cy, min(ax, ay), "none", 2.5))
        elif node.type == "eventBasedGateway":
            r = min(ax, ay) * 1.2
            parts.append(_circle(cx, cy, r, "none", 1) + _circle(cx, cy, r * 0.8, "none", 1))
            parts.append(
                f'<g transform="translate({_n(cx)} {_n(cy)}) scale({_n(r / 12)})">'
                f'<path d="M0 -7L7 -2L4 6H-4L-7 -2Z" fill="none" stroke="{INK}"/></g>'
            )
        parts.append(_label_below(node.name, shape))
        return "".join(parts) + "</g>"

    # -- artifacts
    def artifact(self, shape: Shape, element: Artifact) -> str:
        b = shape.bounds
        parts = [self.group_open("bpmn-" + element.type, element.id)]
        if element.type in ("dataStoreReference", "dataStore"):
            ry = min(8.0, b.height / 6)
            rx = b.width / 2
            top, bottom = b.y + ry, b.bottom - ry
            arc = f"A{_n(rx)} {_n(ry)} 0 0 0"
            parts.append(
                f'<path d="M{_n(b.x)} {_n(top)}V{_n(bottom)}{arc} {_n(b.right)} {_n(bottom)}'
                f'V{_n(top)}" fill="{FILL_DATA}" stroke="{INK}" stroke-width="1.5"/>'
                f'<ellipse cx="{_n(b.x + rx)}" cy="{_n(top)}" rx="{_n(rx)}" ry="{_n(ry)}" '
                f'fill="{FILL_DATA}" stroke="{INK}" stroke-width="1.5"/>'
            )
            parts.append(_label_below(element.name, shape))
        elif element.type == "textAnnotation":
            parts.append(
                f'<path d="M{_n(b.x + 15)} {_n(b.y)}H{_n(b.x)}V{_n(b.bottom)}H{_n(b.x + 15)}" '
                f'fill="none" stroke="{INK}" stroke-width="1.5"/>'
            )
            lines, truncated = _wrap(element.name, b.width - 8, int(b.height // LINE_HEIGHT) or 1)
            if truncated:
                parts.append(_tooltip(element.name))
            parts.append(_text(lines, b.x + 5, b.y + 2, anchor="start"))
        else:  # data object, data input/output
            fold = min(10.0, b.width / 3, b.height / 3)
            parts.append(
                f'<path d="M{_n(b.x)} {_n(b.y)}H{_n(b.right - fold)}L{_n(b.right)} '
                f'{_n(b.y + fold)}V{_n(b.bottom)}H{_n(b.x)}Z" fill="{FILL_DATA}" stroke="{INK}" '
                f'stroke-width="1.5"/><path d="M{_n(b.right - fold)} {_n(b.y)}V{_n(b.y + fold)}'
                f'H{_n(b.right)}" fill="none" stroke="{INK}" stroke-width="1"/>'
            )
            parts.append(_label_below(element.name, shape))
        return "".join(parts) + "</g>"

    def group(self, shape: Shape, element: Artifact) -> str:
        b = shape.bounds
        lines, _ = _wrap(element.name, b.width - 10, 2)
        return (
            self.group_open("bpmn-group", element.id)
            + f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(b.height)}" '
            f'rx="8" fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="8 4 2 4"/>'
            + _text(lines, b.x + 6, b.y + 4, anchor="start")
            + "</g>"
        )

    def generic(self, shape: Shape) -> str:
        """A shape whose element is unknown (missing or unsupported): an outline only."""
        b = shape.bounds
        return (
            f'<rect class="bpmn-unknown" x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" '
            f'height="{_n(b.height)}" fill="none" stroke="#767676" stroke-dasharray="3 3"/>'
        )

    # -- connections
    def edge(self, edge: Edge) -> str:
        element = self.model.element(edge.element_id)
        kind = element.type if isinstance(element, Flow) else ""
        uid = self.uid
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in edge.waypoints)
        if kind == "sequenceFlow":
            attrs = f'stroke-width="1.5" marker-end="url(#{uid}-seq)"'
        elif kind == "messageFlow":
            attrs = (
                f'stroke-width="1.5" stroke-dasharray="6 4" marker-start="url(#{uid}-msgstart)" '
                f'marker-end="url(#{uid}-msg)"'
            )
        elif kind in ("dataInputAssociation", "dataOutputAssociation"):
            attrs = f'stroke-width="1.2" stroke-dasharray="2 3" marker-end="url(#{uid}-open)"'
        else:  # associations and unknown edges
            attrs = 'stroke-width="1.2" stroke-dasharray="2 3"'
        css = {"sequenceFlow": "bpmn-flow", "messageFlow": "bpmn-message-flow"}.get(
            kind, "bpmn-association"
        )
        parts = [
            self.group_open(css, edge.element_id),
            f'<polyline points="{points}" fill="none" stroke="{INK}" {attrs}/>',
        ]
        name = element.name if isinstance(element, Flow) else ""
        if name:
            if edge.label is not None and edge.label.width >= 10:
                lines, _ = _wrap(name, max(edge.label.width, 60), 3)
                parts.append(_text(lines, edge.label.x + edge.label.width / 2, edge.label.y))
            else:
                middle = len(edge.waypoints) // 2
                (x1, y1), (x2, y2) = edge.waypoints[middle - 1], edge.waypoints[middle]
                lines, _ = _wrap(name, 100, 2)
                parts.append(_text(lines, (x1 + x2) / 2 + 4, (y1 + y2) / 2 + 2, anchor="start"))
        return "".join(parts) + "</g>"
