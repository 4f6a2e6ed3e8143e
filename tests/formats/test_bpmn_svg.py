"""Tests for prozesse.formats.bpmn.svg: server-side SVG rendering of BPMN diagrams."""

import re
import time
import xml.etree.ElementTree as ET

from prozesse.formats.bpmn import BpmnError, BpmnModel, parse_bpmn
from prozesse.formats.bpmn.svg import render_svg
from tests.formats.bpmn_samples import MIWG, fixture, needs_miwg

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {
    "svg", "title", "desc", "defs", "marker", "path", "g", "rect", "circle", "ellipse",
    "polyline", "text", "tspan",
}  # fmt: skip


def assert_safe(svg: str) -> ET.Element:
    """Well-formed, only drawing elements, no event handlers, links or external resources."""
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in ALLOWED_TAGS, element.tag
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), attribute
            assert "href" not in attribute.lower(), attribute
            assert "url(" not in value.replace("url(#", ""), value
    for raw in ("<script", "<foreignobject", "<style", "<iframe", "<img", 'javascript:alert(1)"'):
        assert raw not in svg.lower()
    return root


def render(model: BpmnModel, **kwargs) -> tuple[str, ET.Element]:
    svg = render_svg(model, **kwargs)
    assert svg is not None
    return svg, ET.fromstring(svg)


def group(root: ET.Element, element_id: str) -> ET.Element:
    return root.find(f".//{SVG}g[@data-bpmn-id='{element_id}']")


def text_of(element: ET.Element) -> str:
    texts = element.findall(f"{SVG}text")
    return " ".join(" ".join(t.itertext()) for t in texts)


def small_model(task_xml: str, width: int = 100, height: int = 80) -> BpmnModel:
    return parse_bpmn(
        (
            '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'xmlns:di="http://www.omg.org/spec/BPMN/20100524/DI" '
            'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC">'
            f'<process id="p">{task_xml}</process><di:BPMNDiagram><di:BPMNPlane bpmnElement="p">'
            f'<di:BPMNShape bpmnElement="t"><dc:Bounds x="0" y="0" width="{width}" '
            f'height="{height}"/></di:BPMNShape></di:BPMNPlane></di:BPMNDiagram></definitions>'
        ).encode()
    )


# --------------------------------------------------------------------------- real files


@needs_miwg
def test_a_real_diagram_renders_as_accessible_well_formed_svg():
    _, root = render(parse_bpmn((MIWG / "Reference" / "C.1.0.bpmn").read_bytes()))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert "Textgliederung" in root.find(f"{SVG}desc").text


@needs_miwg
def test_every_task_of_a_real_diagram_is_drawn_once_with_its_name():
    model = parse_bpmn((MIWG / "Reference" / "C.1.0.bpmn").read_bytes())
    _, root = render(model)

    for task in model.tasks:
        groups = root.findall(f".//{SVG}g[@data-bpmn-id='{task.id}']")
        assert len(groups) == 1, task.name
        assert groups[0].find(f"{SVG}rect") is not None
        assert text_of(groups[0]) == task.name


@needs_miwg
def test_every_miwg_diagram_renders_as_well_formed_svg_without_active_content():
    rendered = without_diagram = 0
    started = time.perf_counter()
    for path in sorted(MIWG.rglob("*.bpmn")):
        try:
            model = parse_bpmn(path.read_bytes())
        except BpmnError:
            continue
        svg = render_svg(model)
        if svg is None:
            without_diagram += 1
            assert model.diagram is None, path
            continue
        assert_safe(svg)
        rendered += 1
    elapsed = time.perf_counter() - started

    summary = f"{rendered} rendered, {without_diagram} without diagram, {elapsed:.1f}s"
    assert rendered >= 790, summary
    assert elapsed < 30, summary


# --------------------------------------------------------------------------- safety


def test_names_with_markup_are_escaped():
    model = fixture("boeswillige_namen.bpmn")

    svg, root = render(model)

    assert_safe(svg)
    assert "&lt;script&gt;alert" in svg
    assert "Müller &amp;" in svg
    assert text_of(group(root, "Task_Amp")) == 'Müller & Söhne "GmbH" <b>fett</b> ]]>'
    # (the long word is hard-broken over two lines)
    assert text_of(group(root, "Task_Script")).replace(" ", "") == "<script>alert(1)</script>"
    assert root.find(f"{SVG}title").text.startswith("Prozessdiagramm: </title><script>")


def test_the_title_argument_is_escaped():
    svg, root = render(fixture("rechnungseingang.bpmn"), title='<script>x</script> & "Co"')

    assert "<script" not in svg
    assert root.find(f"{SVG}title").text == '<script>x</script> & "Co"'


def test_control_characters_in_the_title_are_dropped():
    _, root = render(fixture("rechnungseingang.bpmn"), title="Ablauf\x00\x1b\x0b")

    assert root.find(f"{SVG}title").text == "Ablauf"


def test_the_svg_uses_no_external_resources_or_scripts():
    svg, _ = render(fixture("rechnungseingang.bpmn"))

    assert_safe(svg)


# --------------------------------------------------------------------------- structure


def test_a_model_without_diagram_interchange_renders_nothing():
    model = parse_bpmn(
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<process id="p"><task id="t" name="A"/></process></definitions>'
    )

    assert render_svg(model) is None


def test_marker_ids_differ_between_diagrams_of_different_models():
    first, _ = render(fixture("rechnungseingang.bpmn"))
    second, _ = render(fixture("boeswillige_namen.bpmn"))

    def ids(svg: str) -> set[str]:
        return set(re.findall(r'<marker id="([^"]+)"', svg))

    assert ids(first)
    assert not ids(first) & ids(second)


def test_every_internal_reference_points_to_an_existing_id():
    svg, root = render(fixture("rechnungseingang.bpmn"))

    defined = {element.get("id") for element in root.iter() if element.get("id")}
    referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(root.get("aria-labelledby").split())
    assert referenced <= defined


def test_rendering_the_same_model_twice_gives_the_same_svg():
    model = fixture("rechnungseingang.bpmn")

    assert render_svg(model) == render_svg(model)


def test_the_view_box_covers_negative_coordinates():
    _, root = render(fixture("rechnungseingang.bpmn"))
    x, y, width, height = (float(v) for v in root.get("viewBox").split())

    assert x < -200
    assert y < -150
    assert x + width > 800
    assert y + height > 420


def test_the_default_title_names_the_model():
    _, root = render(fixture("rechnungseingang.bpmn"))

    assert root.find(f"{SVG}title").text == "Prozessdiagramm: Rechnungseingang"


def test_the_description_counts_the_drawn_elements():
    _, root = render(fixture("rechnungseingang.bpmn"))

    assert root.find(f"{SVG}desc").text.startswith(
        "BPMN-Prozessdiagramm mit 2 Pools, 4 Bahnen, 5 Aufgaben, 1 Teilprozess, "
        "3 Ereignissen und 1 Gateway."
    )


def test_horizontal_pools_have_a_rotated_label():
    _, root = render(fixture("rechnungseingang.bpmn"))
    label = group(root, "Pool_Stadt").find(f"{SVG}text")

    assert label.text == "Stadtverwaltung"
    assert label.get("transform").startswith("rotate(-90 ")


def test_tasks_are_rounded_rectangles():
    _, root = render(fixture("rechnungseingang.bpmn"))
    rect = group(root, "Task_Pruefen").find(f"{SVG}rect")

    assert rect.get("rx")
    assert (rect.get("x"), rect.get("width")) == ("-20", "100")


def test_a_collapsed_sub_process_gets_a_plus_marker():
    _, root = render(fixture("rechnungseingang.bpmn"))
    sub_process = group(root, "Sub_Klaeren")

    assert len(sub_process.findall(f"{SVG}rect")) == 2  # the box and the [+] marker
    assert text_of(sub_process) == "Rückfrage klären"


@needs_miwg
def test_an_expanded_sub_process_gets_no_plus_marker():
    model = parse_bpmn((MIWG / "Reference" / "A.4.0.bpmn").read_bytes())
    _, root = render(model)

    for sub_process in model.subprocesses:
        assert len(group(root, sub_process.id).findall(f"{SVG}rect")) == 1


def test_events_are_circles_and_end_events_have_a_thick_border():
    _, root = render(fixture("rechnungseingang.bpmn"))

    start = group(root, "Start_1").findall(f"{SVG}circle")
    end = group(root, "End_1").findall(f"{SVG}circle")
    boundary = group(root, "Boundary_Frist").findall(f"{SVG}circle")
    assert len(start) == 1
    assert len(end) == 1
    assert float(end[0].get("stroke-width")) > float(start[0].get("stroke-width"))
    assert len(boundary) >= 2  # intermediate events have a double border
    assert boundary[0].get("stroke-dasharray")  # non-interrupting


def test_gateways_are_diamonds_with_a_marker_for_their_type():
    _, root = render(fixture("rechnungseingang.bpmn"))
    paths = group(root, "Gateway_1").findall(f"{SVG}path")

    assert paths[0].get("d") == "M145 35L170 60L145 85L120 60Z"
    assert len(paths) == 3  # the diamond and the two strokes of the X


def test_sequence_flows_have_arrowheads_and_message_flows_are_dashed():
    _, root = render(fixture("rechnungseingang.bpmn"))
    sequence = group(root, "Flow_1").find(f"{SVG}polyline")
    message = group(root, "MF_1").find(f"{SVG}polyline")

    assert sequence.get("marker-end").startswith("url(#")
    assert not sequence.get("stroke-dasharray")
    assert message.get("stroke-dasharray")
    assert message.get("marker-end") != sequence.get("marker-end")


def test_flow_names_are_drawn_at_their_label_position():
    _, root = render(fixture("rechnungseingang.bpmn"))

    assert text_of(group(root, "Flow_3")) == "ja"


def test_data_objects_and_annotations_are_drawn_with_their_text():
    _, root = render(fixture("rechnungseingang.bpmn"))

    assert text_of(group(root, "DataRef_1")) == "Rechnung (PDF)"
    assert text_of(group(root, "Note_1")) == "Frist: 14 Tage"


def test_shapes_of_unknown_elements_are_drawn_generically():
    _, root = render(fixture("rechnungseingang.bpmn"))

    assert len(root.findall(f".//{SVG}rect[@class='bpmn-unknown']")) == 1


def test_text_is_dark_on_light_fills():
    svg, root = render(fixture("rechnungseingang.bpmn"))

    assert root.get("fill") == "#1a1a1a"
    assert all(text.get("fill") is None for text in root.iter(f"{SVG}text"))
    fills = set(re.findall(r'fill="(#[0-9a-f]+)"', svg)) - {"#1a1a1a"}
    assert fills
    for fill in fills:  # every background is light, so #1a1a1a text keeps a high contrast
        digits = fill[1:] if len(fill) == 7 else "".join(c * 2 for c in fill[1:])
        red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        assert 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.9 * 255, fill


def test_long_task_names_are_wrapped_and_truncated_with_the_full_name_as_tooltip():
    name = "Antrag auf Erteilung einer Sondernutzungserlaubnis für Gaststättenaußenflächen prüfen"
    model = small_model(f'<task id="t" name="{name}"/>', width=100, height=50)

    _, root = render(model)

    task = group(root, "t")
    lines = [task.find(f"{SVG}text").text] + [t.text for t in task.iter(f"{SVG}tspan")]
    assert len(lines) == 3  # (50 - 6) // 14 lines fit
    assert lines[-1].endswith("…")
    assert task.find(f"{SVG}title").text == name


def test_a_huge_name_renders_quickly():
    model = small_model(f'<task id="t" name="{"x" * 2_000_000}"/>')
    started = time.perf_counter()

    svg, _ = render(model)

    assert len(svg) < 5000
    assert time.perf_counter() - started < 1


def test_labels_break_at_word_boundaries_not_inside_a_german_compound():
    name = "Gewerbeanmeldung entgegennehmen und Zuständigkeit prüfen"
    model = small_model(f'<task id="t" name="{name}"/>', width=100, height=80)

    _, root = render(model)

    task = group(root, "t")
    lines = [task.find(f"{SVG}text").text] + [t.text for t in task.iter(f"{SVG}tspan")]
    words = set(name.split())
    assert all(word in words for line in lines for word in line.rstrip("…").split())


def test_a_hyphenated_compound_breaks_after_its_hyphen():
    model = small_model('<task id="t" name="Sondernutzungs-Erlaubnisverfahren"/>', width=100)

    _, root = render(model)

    task = group(root, "t")
    lines = [task.find(f"{SVG}text").text] + [t.text for t in task.iter(f"{SVG}tspan")]
    assert lines[:2] == ["Sondernutzungs-", "Erlaubnisverfahren"]


def test_labels_are_at_least_12_px_at_natural_size():
    _svg, root = render(fixture("rechnungseingang.bpmn"))

    assert float(root.get("font-size")) >= 12
    assert root.get("width") and root.get("height")  # natural size, the page scrolls
