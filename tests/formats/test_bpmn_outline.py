"""Tests for the text outline and search text of a parsed BPMN model
(prozesse.formats.bpmn.outline and .model)."""

import time

from prozesse.formats.bpmn import parse_bpmn
from tests.formats.bpmn_samples import assert_quick, bpmn, fixture, miwg, needs_miwg

# --------------------------------------------------------------------------- real files


@needs_miwg
def test_the_outline_of_reference_a_1_0_follows_the_sequence_flow():
    (section,) = miwg("Reference/A.1.0.bpmn").outline()

    assert [item.label for item in section.items] == [
        "Start Event",
        "Task 1",
        "Task 2",
        "Task 3",
        "End Event",
    ]


@needs_miwg
def test_the_outline_of_reference_c_1_0_has_one_section_per_pool_and_lane():
    outline = miwg("Reference/C.1.0.bpmn").outline()

    assert [(s.title, s.level) for s in outline] == [
        ("Team-Assistant", 1),  # a single unnamed lane is folded into its pool
        ("Process Engine - Invoice Receipt", 1),
        ("Approver", 2),
        ("Team Assistant", 2),
        ("Accountant", 2),
    ]


@needs_miwg
def test_the_outline_of_reference_c_1_0_orders_a_lane_by_sequence_flow():
    outline = miwg("Reference/C.1.0.bpmn").outline()
    team_assistant = next(s for s in outline if s.title == "Team Assistant")

    assert [item.label for item in team_assistant.items] == [
        "Invoice received",
        "Assign Approver",
        "Rechnung klären",
        "Review successful?",
        "Invoice not processed",
    ]


@needs_miwg
def test_the_outline_orders_lane_items_by_sequence_flow_not_by_document_order():
    model = miwg("Reference/A.4.0.bpmn")
    lane_1 = next(s for s in model.outline() if s.title == "Lane 1")
    top_level = [i.label for i in lane_1.items if i.depth == 0]
    document_order = [
        n.name for n in model.flow_nodes if n.lane_id == lane_1.lane_id and n.parent_id is None
    ]

    assert top_level == [
        "Start Event 2",
        "Task 3",
        "Expanded Sub-Process 1",
        "Task 5",
        "End Event 2",
    ]
    assert document_order != top_level


@needs_miwg
def test_sub_process_children_follow_their_sub_process_one_level_deeper():
    lane_2 = next(s for s in miwg("Reference/A.4.0.bpmn").outline() if s.title == "Lane 2")

    assert [(item.label, item.depth) for item in lane_2.items] == [
        ("Expanded Sub-Process 2", 0),
        ("Start Event 4", 1),
        ("Task 6", 1),
        ("End Event 4", 1),
        ("End Event 5", 0),
    ]


@needs_miwg
def test_a_process_without_a_pool_gets_its_own_outline_section():
    outline = miwg("Reference/A.4.0.bpmn").outline()

    assert [(s.title, s.kind) for s in outline if s.level == 1] == [
        ("Pool", "participant"),
        ("(unbenannter Prozess)", "process"),
    ]


# --------------------------------------------------------------------------- attacks


def test_sub_processes_sharing_one_id_do_not_blow_up_the_outline():
    inner = '<subProcess id="s" name="S">' * 40 + "</subProcess>" * 40
    data = bpmn(f'<process id="p">{inner}{inner}{inner}</process>')
    started = time.perf_counter()

    outline = parse_bpmn(data).outline()

    assert outline[0].items
    assert_quick(started)


# --------------------------------------------------------------------------- search text


def test_searchable_text_lists_every_name_once_per_line():
    lines = fixture("rechnungseingang.bpmn").searchable_text().splitlines()

    assert lines[:3] == ["Stadtverwaltung", "Lieferant", "Rechnungsbearbeitung"]
    assert {
        "Kämmerei",
        "Fachamt",
        "Rechnung sachlich prüfen",
        "14 Tage",
        "Lieferant anrufen",
    } <= set(lines)
    assert lines.count("Lieferant") == 1
    assert len(lines) == len(set(lines))


def test_unnamed_elements_and_gateways_are_not_in_the_searchable_text():
    text = fixture("rechnungseingang.bpmn").searchable_text()

    assert "unbenannt" not in text
    assert "Rechnung korrekt?" not in text
    assert "" not in text.splitlines()


# --------------------------------------------------------------------------- outline


def test_the_outline_has_sections_for_pools_nested_lanes_and_nodes_without_lane():
    outline = fixture("rechnungseingang.bpmn").outline()

    assert [(s.title, s.level, s.kind) for s in outline] == [
        ("Stadtverwaltung", 1, "participant"),
        ("Kämmerei", 2, "lane"),
        ("Buchhaltung", 3, "lane"),
        ("Stadtkasse", 3, "lane"),
        ("Fachamt", 2, "lane"),
        ("Ohne Bahn", 2, "no_lane"),
        ("Lieferant", 1, "participant"),
    ]


def test_the_outline_lists_a_lane_in_sequence_flow_order_with_german_fallbacks():
    outline = fixture("rechnungseingang.bpmn").outline()
    fachamt = next(s for s in outline if s.title == "Fachamt")

    assert [(i.label, i.type_label, i.depth) for i in fachamt.items] == [
        ("Rechnung eingegangen", "Startereignis (Nachricht)", 0),
        ("Rechnung sachlich prüfen", "Benutzeraufgabe", 0),
        ("Rechnung korrekt?", "Exklusives Gateway", 0),
        ("Rückfrage klären", "Teilprozess", 0),
        ("(unbenanntes Ereignis)", "Startereignis", 1),
        ("Lieferant anrufen", "Aufgabe", 1),
        ("(unbenanntes Ereignis)", "Endereignis", 1),
        ("14 Tage", "Angeheftetes Ereignis (Zeit)", 0),
        ("(unbenannte Aufgabe)", "Aufgabe", 0),
    ]


def test_the_outline_puts_nodes_outside_any_lane_into_a_section_of_their_own():
    outline = fixture("rechnungseingang.bpmn").outline()
    without_lane = next(s for s in outline if s.kind == "no_lane")

    assert [item.label for item in without_lane.items] == ["Beleg archivieren"]
    assert without_lane.participant_id == "Pool_Stadt"


def test_the_outline_lists_every_node_exactly_once_despite_the_loop():
    model = fixture("rechnungseingang.bpmn")
    listed = [item.id for section in model.outline() for item in section.items]
    expected = {n.id for n in model.flow_nodes if n.kind != "gateway" or n.name}

    assert sorted(listed) == sorted(expected)


def test_a_pool_without_a_process_gets_an_empty_outline_section():
    outline = fixture("rechnungseingang.bpmn").outline()

    assert outline[-1].title == "Lieferant"
    assert outline[-1].items == ()
