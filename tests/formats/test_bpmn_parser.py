"""Tests for prozesse.formats.bpmn: safe BPMN parsing, refusals, encodings and the model built.

Real-world files come from the BPMN MIWG test suite in the sibling folder
``../shared/data/bpmn-miwg`` (next to the repository root). They are not copied into the
repo, and the tests that need them are skipped if that folder is missing. The outline and
search text are tested in ``test_bpmn_outline.py``.
"""

import time
from pathlib import Path

import pytest

from prozesse.formats.bpmn import MAX_BPMN_BYTES, MAX_DEPTH, BpmnError, parse_bpmn
from tests.fixtures import BPMN_FIXTURES as FIXTURES
from tests.formats.bpmn_samples import (
    MIWG,
    NS,
    assert_quick,
    bpmn,
    fixture,
    miwg,
    names,
    needs_miwg,
)


def refusal(data: bytes) -> str:
    with pytest.raises(BpmnError) as caught:
        parse_bpmn(data)
    return str(caught.value)


# --------------------------------------------------------------------------- real files


@needs_miwg
def test_every_file_of_the_bpmn_miwg_suite_either_parses_or_is_refused_with_a_german_message():
    files = sorted(MIWG.rglob("*.bpmn"))
    parsed: list[Path] = []
    refused: dict[Path, str] = {}
    started = time.perf_counter()
    for path in files:
        try:
            model = parse_bpmn(path.read_bytes())
        except BpmnError as error:
            refused[path] = str(error)
        else:
            model.outline()
            model.searchable_text()
            parsed.append(path)
    elapsed = time.perf_counter() - started

    summary = f"{len(parsed)} parsed, {len(refused)} refused of {len(files)} in {elapsed:.1f}s"
    assert len(files) > 800, summary
    assert len(parsed) >= 800, summary
    refused_genmymodel = {p.name for p in refused if p.parent.name == "GenMyModel 0.47"}
    assert {"C.1.0-export.bpmn", "C.1.1-roundtrip.bpmn"} <= refused_genmymodel, summary
    for path, message in refused.items():
        assert message.startswith("Die Datei "), (path, message)
    assert elapsed < 30, summary


@needs_miwg
def test_the_broken_genmymodel_file_is_refused_because_of_its_invalid_umlaut_byte():
    message = refusal((MIWG / "GenMyModel 0.47" / "C.1.0-export.bpmn").read_bytes())

    assert "ungültige Zeichenkodierung" in message
    assert "(Zeile 97, Spalte 67)" in message
    assert "0xE4" in message


@needs_miwg
def test_a_tool_export_with_diagram_data_but_no_process_is_refused():
    path = MIWG / "iGrafx FlowCharter 2013 15.1.1.1580" / "B.2.0-roundtrip.bpmn"

    assert "enthält keinen Prozess" in refusal(path.read_bytes())


@needs_miwg
def test_reference_a_1_0_yields_its_three_tasks_and_two_events():
    model = miwg("Reference/A.1.0.bpmn")

    assert names(model.tasks) == ["Task 1", "Task 2", "Task 3"]
    assert names(model.events) == ["Start Event", "End Event"]
    assert model.participants == ()
    assert model.lanes == ()


@needs_miwg
def test_reference_c_1_0_yields_its_pools_and_lanes():
    model = miwg("Reference/C.1.0.bpmn")

    assert [p.name for p in model.participants] == [
        "Team-Assistant",
        "Process Engine - Invoice Receipt",
    ]
    assert [lane.name for lane in model.lanes] == ["", "Approver", "Team Assistant", "Accountant"]
    assert "Rechnung klären" in names(model.tasks)


@needs_miwg
def test_tasks_include_the_children_of_sub_processes():
    model = miwg("Reference/A.4.0.bpmn")

    assert sorted(names(model.tasks)) == [f"Task {i}" for i in range(1, 7)]
    assert names(model.subprocesses) == ["Expanded Sub-Process 1", "Expanded Sub-Process 2"]
    task_4 = next(t for t in model.tasks if t.name == "Task 4")
    assert model.element(task_4.parent_id).name == "Expanded Sub-Process 1"


@needs_miwg
@pytest.mark.parametrize(
    ("reference", "export"),
    [
        # semantic: prefix vs. default namespace. (bpmn.io's C.1.0 export can't be used here:
        # it contains double-encoded UTF-8, "Rechnung klÃƒÂ¤ren".)
        ("Reference/C.1.0.bpmn", "Trisotech Workflow Modeler 12.6.3/C.1.0-export.bpmn"),
        ("Reference/C.1.0.bpmn", "SAP Signavio Process Manager 19.9.0/C.1.0-export.bpmn"),
        ("Reference/A.4.0.bpmn", "bpmn.io (Camunda Modeler) 18.6.1/A.4.0-export.bpmn"),
        ("Reference/A.4.0.bpmn", "Aeneis 5.7.89.2400/A.4.0-export.bpmn"),
        ("Reference/A.4.0.bpmn", "OMNITRACKER BPMN 12.3/A.4.0-export.bpmn"),
        ("Reference/A.1.0.bpmn", "Bonita BPM 7.2.3/A.1.0-export.bpmn"),
        ("Reference/A.1.0.bpmn", "Camunda Eclipse Plugin 3.0.0/A.1.0-export.bpmn"),
    ],
)
def test_different_namespace_prefixes_yield_the_same_task_and_lane_names(reference, export):
    expected, actual = miwg(reference), miwg(export)

    assert sorted(names(actual.tasks)) == sorted(names(expected.tasks))
    assert {lane.name for lane in actual.lanes if lane.name} >= {
        lane.name for lane in expected.lanes if lane.name
    }


@needs_miwg
def test_diagram_references_with_a_namespace_prefix_are_resolved():
    model = miwg("GenMyModel 0.47/A.1.0-export.bpmn")  # bpmnElement="bpmn2:_sSUQ..."

    assert model.diagram is not None
    assert all(model.element(shape.element_id) for shape in model.diagram.shapes)


# --------------------------------------------------------------------------- attacks


def test_a_file_with_an_external_entity_is_refused_with_a_german_message():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<process id="p" name="&xxe;"/></definitions>'
    )
    started = time.perf_counter()

    message = refusal(data)

    assert message == (
        "Die Datei enthält DTD-/Entity-Deklarationen; diese sind aus Sicherheitsgründen "
        "nicht erlaubt."
    )
    assert "root:" not in message
    assert_quick(started)


def test_a_file_referencing_an_external_dtd_is_refused():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE definitions SYSTEM "http://evil.example/x.dtd">'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"/>'
        b"</definitions>"
    )

    assert "aus Sicherheitsgründen nicht erlaubt" in refusal(data)


def test_a_billion_laughs_file_is_refused_quickly():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    data = (
        f'<?xml version="1.0"?><!DOCTYPE definitions [{entities}]>'
        f'<definitions {NS}><process id="p" name="&lol9;"/></definitions>'
    ).encode()
    started = time.perf_counter()

    assert "DTD-/Entity-Deklarationen" in refusal(data)
    assert_quick(started)


def test_a_file_larger_than_the_limit_is_refused_before_parsing():
    padding = b"x" * (50 * 1024 * 1024)
    data = bpmn('<process id="p"><documentation>{}</documentation></process>').replace(
        b"{}", padding
    )
    started = time.perf_counter()

    message = refusal(data)

    assert message == "Die Datei ist zu groß (50,0 MB; erlaubt sind höchstens 10 MB)."
    assert_quick(started)


def test_a_file_of_exactly_the_maximum_size_is_accepted():
    skeleton = bpmn('<process id="p"><documentation></documentation></process>')
    data = skeleton.replace(
        b"<documentation>", b"<documentation>" + b"x" * (MAX_BPMN_BYTES - len(skeleton))
    )

    assert len(data) == MAX_BPMN_BYTES
    assert parse_bpmn(data).processes[0].id == "p"


def test_a_file_nested_100000_levels_deep_is_refused_quickly():
    data = bpmn('<process id="p">' + "<a>" * 100_000 + "</a>" * 100_000 + "</process>")
    started = time.perf_counter()

    message = refusal(data)

    assert message == f"Die Datei ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."
    assert_quick(started)


def test_a_deeply_nested_file_that_is_not_even_bpmn_is_refused_quickly():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    started = time.perf_counter()

    assert "kein BPMN-2.0-Modell" in refusal(data)
    assert_quick(started)


def test_nesting_just_below_the_limit_is_accepted():
    levels = MAX_DEPTH - 3  # definitions > process > extensionElements > ...
    data = bpmn(
        '<process id="p"><extensionElements>'
        + "<x>" * levels
        + "</x>" * levels
        + '</extensionElements><task id="t" name="Tief"/></process>'
    )

    assert names(parse_bpmn(data).tasks) == ["Tief"]


# --------------------------------------------------------------------------- not BPMN


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Die Datei ist leer."),
        (b"  \n\t ", "Die Datei ist leer."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "offenbar ein PDF-Dokument"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "offenbar ein PNG-Bild"),
        (b"PK\x03\x04\x14\x00\x06\x00", "offenbar ein ZIP-Archiv"),
        (b"Prozess: Rechnung pruefen", "kein gültiges XML (Zeile 1, Spalte 1): Syntaxfehler"),
    ],
)
def test_files_that_are_not_xml_are_refused(data, expected):
    assert expected in refusal(data)


def test_an_html_page_is_refused_as_html():
    data = b"<!DOCTYPE html><html><head><title>Start</title></head><body></body></html>"

    assert refusal(data) == "Die Datei ist ein HTML-Dokument und enthält kein BPMN-2.0-Modell."


def test_xhtml_without_doctype_is_refused_because_of_its_root_element():
    data = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hallo</p></body></html>'

    assert refusal(data) == (
        "Die Datei enthält kein BPMN-2.0-Modell (Wurzelelement 'html' statt 'definitions')."
    )


def test_xml_with_another_root_element_is_refused():
    assert "(Wurzelelement 'foo' statt 'definitions')" in refusal(b"<foo><bar/></foo>")


def test_a_definitions_root_without_the_bpmn_namespace_is_refused():
    message = refusal(b'<definitions><process id="p"/></definitions>')

    assert message.startswith("Die Datei enthält kein BPMN-2.0-Modell")
    assert "ohne Namensraum" in message


def test_a_definitions_root_in_another_namespace_is_refused():
    data = b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>'

    assert "im Namensraum 'https://www.omg.org/spec/DMN/20191111/MODEL/'" in refusal(data)


def test_bpmn_without_process_or_collaboration_is_refused():
    message = refusal(bpmn('<message id="m"/>'))

    assert message.startswith("Die Datei enthält keinen Prozess")


def test_bpmn_with_only_a_collaboration_is_accepted():
    model = parse_bpmn(
        bpmn('<collaboration id="c"><participant id="a" name="Bürger"/></collaboration>')
    )

    assert [p.name for p in model.participants] == ["Bürger"]
    assert model.processes == ()


def test_invalid_utf8_is_refused_with_line_and_column():
    data = bpmn('\n<process id="p" name="Pr{}fung"/>').replace(b"{}", b"\xfc")

    message = refusal(data)

    assert message.startswith(
        "Die Datei enthält eine ungültige Zeichenkodierung (Zeile 3, Spalte 25):"
    )
    assert "0xFC" in message


def test_truncated_xml_is_refused_with_line_and_column():
    message = refusal(bpmn('<process id="p"><task id="t"')[:-14])

    assert message.startswith("Die Datei ist kein gültiges XML (Zeile 2, Spalte")


def test_an_unknown_declared_encoding_is_refused():
    data = bpmn('<process id="p"/>', declaration='<?xml version="1.0" encoding="klingonisch"?>')

    assert "unbekannte Zeichenkodierung" in refusal(data)


def test_bpmn_error_is_a_value_error():
    assert issubclass(BpmnError, ValueError)


def test_text_instead_of_bytes_is_a_programming_error():
    with pytest.raises(TypeError):
        parse_bpmn("<definitions/>")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- encodings


def test_an_iso_8859_1_file_with_umlauts_is_read_correctly():
    data = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<process id="p"><task id="t" name="Pr\xfcfung der Geb\xfchren"/></process></definitions>'
    )

    assert names(parse_bpmn(data).tasks) == ["Prüfung der Gebühren"]


def test_a_utf16_file_with_byte_order_mark_is_read_correctly():
    text = (FIXTURES / "rechnungseingang.bpmn").read_text("utf-8")
    data = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    assert "Rechnung sachlich prüfen" in names(parse_bpmn(data).tasks)


def test_a_utf8_file_with_byte_order_mark_is_read_correctly():
    data = b"\xef\xbb\xbf" + (FIXTURES / "rechnungseingang.bpmn").read_bytes()

    assert "Rechnung sachlich prüfen" in names(parse_bpmn(data).tasks)


def test_the_namespace_prefix_does_not_matter():
    default = bpmn('<process id="p"><userTask id="t" name="Antrag prüfen"/></process>')
    prefixed = (
        b'<x:definitions xmlns:x="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<x:process id="p"><x:userTask id="t" name="Antrag pr\xc3\xbcfen"/></x:process>'
        b"</x:definitions>"
    )

    assert parse_bpmn(default).tasks == parse_bpmn(prefixed).tasks


# --------------------------------------------------------------------------- model details


def test_names_are_stripped_and_their_whitespace_collapsed():
    model = fixture("rechnungseingang.bpmn")

    assert model.element("Task_Pruefen").name == "Rechnung sachlich prüfen"
    assert model.element("Task_Zahlen").name == "Zahlung anweisen"
    assert model.element("End_1").name == "Rechnung bezahlt"


def test_flow_nodes_keep_their_bpmn_type_and_a_coarse_kind():
    model = fixture("rechnungseingang.bpmn")

    assert [
        (n.type, n.kind) for n in (model.element(i) for i in ("Task_Buchen", "Sub_Klaeren"))
    ] == [
        ("serviceTask", "activity"),
        ("subProcess", "subprocess"),
    ]
    assert {n.type for n in model.gateways} == {"exclusiveGateway"}


def test_events_know_their_event_definition_and_attachment():
    model = fixture("rechnungseingang.bpmn")
    boundary = model.element("Boundary_Frist")

    assert model.element("Start_1").event_definition == "message"
    assert boundary.event_definition == "timer"
    assert boundary.attached_to == "Sub_Klaeren"
    assert boundary.is_interrupting is False
    assert model.element("End_1").event_definition is None


def test_nested_lanes_keep_their_parent_and_nodes_belong_to_the_innermost_lane():
    model = fixture("rechnungseingang.bpmn")

    assert [(lane.name, lane.parent_id) for lane in model.lanes] == [
        ("Kämmerei", None),
        ("Buchhaltung", "Lane_Kaemmerei"),
        ("Stadtkasse", "Lane_Kaemmerei"),
        ("Fachamt", None),
    ]
    assert model.element("Task_Buchen").lane_id == "Lane_Buchhaltung"
    assert model.element("Task_Archiv").lane_id is None


def test_children_of_a_sub_process_know_their_parent():
    model = fixture("rechnungseingang.bpmn")

    assert model.element("Sub_Task").parent_id == "Sub_Klaeren"
    assert "Lieferant anrufen" in names(model.tasks)


def test_vendor_extensions_are_ignored():
    model = fixture("rechnungseingang.bpmn")

    assert model.element("Vendor_Task") is None
    assert "Gehört nicht zum Modell" not in model.searchable_text()


def test_pools_flows_and_message_flows_are_extracted():
    model = fixture("rechnungseingang.bpmn")

    assert [(p.name, p.process_ref) for p in model.participants] == [
        ("Stadtverwaltung", "Proc_1"),
        ("Lieferant", None),
    ]
    assert len(model.flows) == 11
    assert {(f.source, f.target, f.name) for f in model.flows} >= {
        ("Gateway_1", "Task_Buchen", "ja")
    }
    assert [(f.source, f.target, f.name) for f in model.message_flows] == [
        ("Pool_Lieferant", "Start_1", "Rechnung")
    ]


def test_artifacts_keep_their_text():
    model = fixture("rechnungseingang.bpmn")

    assert model.element("Note_1").name == "Frist: 14 Tage"
    assert model.element("DataRef_1").type == "dataObjectReference"


def test_the_diagram_keeps_bounds_waypoints_labels_and_flags():
    diagram = fixture("rechnungseingang.bpmn").diagram
    shapes = {shape.element_id: shape for shape in diagram.shapes}
    edges = {edge.element_id: edge for edge in diagram.edges}

    assert diagram.plane_element == "Collab_1"
    assert shapes["Pool_Stadt"].is_horizontal is True
    assert shapes["Sub_Klaeren"].is_expanded is False
    assert shapes["Start_1"].label.width == 76
    assert edges["Flow_8"].waypoints == ((195, 240), (300, 240), (300, 320))
    assert diagram.bounding_box().x == -200
    assert diagram.bounding_box().y == -150


def test_a_model_without_diagram_interchange_has_no_diagram():
    model = parse_bpmn(bpmn('<process id="p"><task id="t" name="A"/></process>'))

    assert model.diagram is None
    assert model.diagrams == ()


def test_coordinates_that_are_not_finite_numbers_are_dropped():
    data = bpmn(
        '<process id="p"><task id="t"/></process>'
        '<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"><bpmndi:BPMNPlane bpmnElement="p">'
        '<bpmndi:BPMNShape bpmnElement="t"><dc:Bounds x="NaN" y="1" width="1" height="1"/>'
        '</bpmndi:BPMNShape><bpmndi:BPMNShape bpmnElement="t"><dc:Bounds x="1e300" y="1" '
        'width="1" height="1"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>'
    )

    assert parse_bpmn(data).diagram is None
