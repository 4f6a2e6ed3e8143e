"""manage.py import_bpmn: real BPMN files from ../shared/data/bpmn-miwg become draft process pages;
broken and hostile files are refused with a German message naming the problem."""

from __future__ import annotations

import shutil
import time

import pytest
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry

from prozesse.formats.bpmn import BpmnError, parse_bpmn
from prozesse.models import ImportInboxPage, ProcessPage
from search.service import search_register
from tests.commands import run
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory
from tests.shared_data import MIWG_DIR, needs_real_data

pytestmark = [pytest.mark.django_db, needs_real_data]

REFERENCE_A10 = MIWG_DIR / "Reference" / "A.1.0.bpmn"
BROKEN_UMLAUT = MIWG_DIR / "GenMyModel 0.47" / "C.1.0-export.bpmn"


def summary(output: str) -> str:
    return output.strip().splitlines()[-1]


@pytest.fixture
def buergerbuero():
    diez = MunicipalityPageFactory(code="DIE", title="VG Diez", slug="diez")
    return DepartmentPageFactory(parent=diez, code="BB", title="Bürgerbüro", slug="buergerbuero")


# --------------------------------------------------------------------------- the whole suite


def expected_outcome(*folders):
    """What the parser says about the files: distinct well-formed contents, identical copies
    of those (imported once, then skipped), and the broken files."""
    contents: dict[bytes, list] = {}
    broken = []
    for folder in folders:
        for path in sorted(folder.rglob("*.bpmn")):
            data = path.read_bytes()
            try:
                parse_bpmn(data)
            except BpmnError:
                broken.append(path)
            else:
                contents.setdefault(data, []).append(path)
    copies = sum(len(paths) - 1 for paths in contents.values())
    return len(contents), copies, broken


def refused_paths(output: str) -> set[str]:
    lines = [line for line in output.splitlines() if line.startswith("abgelehnt: ")]
    assert all(": Die Datei " in line for line in lines), lines
    return {line.removeprefix("abgelehnt: ").split(": ", 1)[0] for line in lines}


def test_over_the_whole_miwg_suite_every_well_formed_file_is_accepted_and_every_broken_one_refused(
    admin,
):
    # The full import (826 files → 761 pages) takes about a minute, so the suite checks every
    # file through the command's dry run (same reading, fingerprinting, parsing and report)
    # and imports real subsets below; README "Importe" has the figures of the full run.
    distinct, copies, broken = expected_outcome(MIWG_DIR)
    output = run("import_bpmn", MIWG_DIR, dry_run=True)
    assert summary(output) == f"importable: {distinct}, refused: {len(broken)}"
    assert f"übersprungen (Inhalt bereits importiert): {copies}" in output
    assert refused_paths(output) == {str(path) for path in broken}
    assert distinct + copies + len(broken) == 826
    assert not ProcessPage.objects.exists()
    assert not ImportInboxPage.objects.exists()


def test_the_files_of_two_tools_become_pages_and_the_broken_ones_are_refused(admin, search_backend):
    folders = [MIWG_DIR / "Reference", MIWG_DIR / "GenMyModel 0.47"]
    distinct, _copies, broken = expected_outcome(*folders)
    output = run("import_bpmn", *folders)
    assert summary(output) == f"imported: {distinct}, refused: {len(broken)}"
    assert refused_paths(output) == {str(path) for path in broken}
    pages = ProcessPage.objects.all()
    assert len(pages) == distinct
    assert all(page.bpmn_outline and not page.live for page in pages)


def test_task_and_lane_names_of_an_imported_model_are_found_by_the_search(
    admin, buergerbuero, search_backend
):
    run(
        "import_bpmn",
        MIWG_DIR / "Reference" / "C.1.0.bpmn",
        department="diez/buergerbuero",
        publish=True,
    )
    outcome = search_register("Rechnung klären Accountant")
    assert [row.page.title for row in outcome.results] == ["C.1.0"]


# --------------------------------------------------------------------------- one file


def test_a_file_becomes_a_draft_by_the_acting_user_with_its_diagram(admin, buergerbuero):
    run("import_bpmn", REFERENCE_A10, department="diez/buergerbuero")
    page = ProcessPage.objects.get()
    assert (page.title, page.live, page.owner) == ("A.1.0", False, admin)
    assert page.get_latest_revision().user == admin
    assert [item["label"] for item in page.bpmn_outline[0]["items"]] == [
        "Start Event",
        "Task 1",
        "Task 2",
        "Task 3",
        "End Event",
    ]
    assert page.bpmn_svg.startswith("<svg")
    assert page.register_key == "DIE-BB-0001"


def test_the_import_is_logged_as_the_user_given_with_user(buergerbuero, django_user_model):
    editor = django_user_model.objects.create_superuser("m.mueller", "m@example.org", "x")
    run("import_bpmn", REFERENCE_A10, department=str(buergerbuero.pk), user="m.mueller")
    page = ProcessPage.objects.get()
    assert {entry.user for entry in PageLogEntry.objects.filter(page=page)} == {editor}


def test_the_title_is_the_model_name_when_the_tool_gave_one(admin, buergerbuero):
    run(
        "import_bpmn",
        MIWG_DIR / "ADONIS 17.0" / "C.7.0-roundtrip.bpmn",
        department="diez/buergerbuero",
    )
    assert ProcessPage.objects.get().title == "Advertise a job vacancy"


def test_the_title_falls_back_to_the_file_name_without_any_real_name(admin, buergerbuero, tmp_path):
    nameless = tmp_path / "Gewerbeanmeldung.bpmn"
    nameless.write_bytes(
        REFERENCE_A10.read_bytes().replace(b'name="A.1.0"', b'name="Definitions_1"')
    )
    run("import_bpmn", nameless, department="diez/buergerbuero")
    assert ProcessPage.objects.get().title == "Gewerbeanmeldung"


def test_with_publish_the_page_goes_live_and_the_publication_names_the_user(admin, buergerbuero):
    run("import_bpmn", REFERENCE_A10, department="diez/buergerbuero", publish=True)
    page = ProcessPage.objects.get()
    assert page.live
    assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user == admin


def test_publish_without_a_department_is_refused(admin):
    with pytest.raises(CommandError, match="--publish nur zusammen mit --department"):
        run("import_bpmn", REFERENCE_A10, publish=True)


def test_an_unknown_department_is_refused_with_a_german_message(admin):
    with pytest.raises(CommandError, match="Fachbereich „diez/gibtsnicht“ nicht gefunden"):
        run("import_bpmn", REFERENCE_A10, department="diez/gibtsnicht")


def test_a_user_without_rights_in_the_department_is_refused(buergerbuero, django_user_model):
    django_user_model.objects.create_user("gast", "gast@example.org", "x")
    with pytest.raises(CommandError, match="gast darf unter „Bürgerbüro“ keine Seiten"):
        run("import_bpmn", REFERENCE_A10, department="diez/buergerbuero", user="gast")


# --------------------------------------------------------------------------- re-runs


def test_a_second_run_skips_what_the_first_imported(admin, buergerbuero):
    folder = MIWG_DIR / "Reference"
    first = run("import_bpmn", folder, department="diez/buergerbuero")
    count = ProcessPage.objects.count()
    second = run("import_bpmn", folder, department="diez/buergerbuero")
    assert ProcessPage.objects.count() == count
    assert summary(second) == "imported: 0, refused: 0"
    assert f"übersprungen (Inhalt bereits importiert): {count}" in second
    assert summary(first) == f"imported: {count}, refused: 0"


def test_a_folder_is_read_recursively_and_other_files_are_ignored(admin, buergerbuero, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(REFERENCE_A10, tmp_path / "a" / "b" / "A.1.0.bpmn")
    shutil.copy(MIWG_DIR / "Reference" / "A.2.0.bpmn", tmp_path / "a" / "A.2.0.xml")
    shutil.copy(MIWG_DIR / "SOURCE.md", tmp_path / "SOURCE.md")
    output = run("import_bpmn", tmp_path, department="diez/buergerbuero")
    assert summary(output) == "imported: 2, refused: 0"


# --------------------------------------------------------------------------- import inbox


def test_without_a_department_the_pages_land_in_an_inbox_created_on_demand(admin):
    run("import_bpmn", REFERENCE_A10)
    inbox = ImportInboxPage.objects.get()
    page = ProcessPage.objects.get()
    assert page.get_parent().pk == inbox.pk
    assert (page.municipality, page.department, page.register_key) == (None, None, None)


def test_a_second_inbox_import_reuses_the_inbox(admin):
    run("import_bpmn", REFERENCE_A10)
    run("import_bpmn", MIWG_DIR / "Reference" / "A.2.0.bpmn")
    assert ImportInboxPage.objects.count() == 1
    assert ProcessPage.objects.child_of(ImportInboxPage.objects.get()).count() == 2


def test_moving_a_process_from_the_inbox_into_a_department_gives_it_a_register_key(
    admin, admin_client, buergerbuero
):
    run("import_bpmn", REFERENCE_A10)
    page = ProcessPage.objects.get()
    response = admin_client.post(f"/admin/pages/{page.pk}/move/{buergerbuero.pk}/confirm/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == buergerbuero.pk
    assert (page.department_id, page.register_key) == (buergerbuero.pk, "DIE-BB-0001")


def test_the_inbox_page_tells_how_many_processes_wait(admin, admin_client):
    run("import_bpmn", REFERENCE_A10)
    response = admin_client.get(ImportInboxPage.objects.get().url)
    assert "1 Prozessmodell wartet" in response.content.decode()


# --------------------------------------------------------------------------- broken and hostile


def test_a_refused_file_gets_one_line_with_its_reason(admin, buergerbuero):
    output = run("import_bpmn", BROKEN_UMLAUT, REFERENCE_A10, department="diez/buergerbuero")
    assert output.splitlines()[0] == (
        f"abgelehnt: {BROKEN_UMLAUT}: Die Datei enthält eine ungültige Zeichenkodierung "
        "(Zeile 97, Spalte 67): Das Byte 0xE4 ist in UTF-8 nicht erlaubt. Vermutlich wurde ein "
        "Umlaut oder Sonderzeichen falsch gespeichert. Bitte exportieren Sie die Datei erneut "
        "als UTF-8."
    )
    assert summary(output) == "imported: 1, refused: 1"


def test_a_missing_file_is_refused_not_fatal(admin, buergerbuero, tmp_path):
    output = run("import_bpmn", tmp_path / "fehlt.bpmn", department="diez/buergerbuero")
    assert "abgelehnt: " in output and "Die Datei wurde nicht gefunden." in output
    assert summary(output) == "imported: 0, refused: 1"


BPMN_HEAD = (
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
    '<process id="p" name="&x;"/></definitions>'
)


def external_entity() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + BPMN_HEAD
    ).encode()


def billion_laughs() -> bytes:
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE definitions [{entities}<!ENTITY x "&l9;">]>' + BPMN_HEAD
    ).encode()


def fifty_megabytes() -> bytes:
    return REFERENCE_A10.read_bytes() + b"<!-- " + b"x" * (50 * 1024 * 1024) + b" -->"


def deep_nesting() -> bytes:
    depth = 100_000
    return (
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">'
        + "<extensionElements>" * depth
        + "</extensionElements>" * depth
        + "</process></definitions>"
    ).encode()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (external_entity, "DTD-/Entity-Deklarationen; diese sind aus Sicherheitsgründen nicht"),
        (billion_laughs, "DTD-/Entity-Deklarationen; diese sind aus Sicherheitsgründen nicht"),
        (fifty_megabytes, "Die Datei ist zu groß (50,0 MB; erlaubt sind höchstens 10 MB)."),
        (deep_nesting, "Die Datei ist zu tief verschachtelt (mehr als 200 Ebenen)."),
    ],
    ids=["external-entity", "billion-laughs", "50-mb", "deep-nesting"],
)
def test_an_xml_attack_is_refused_with_a_clear_message(admin, buergerbuero, tmp_path, make, reason):
    attack = tmp_path / "angriff.bpmn"
    attack.write_bytes(make())
    started = time.perf_counter()
    output = run("import_bpmn", attack, department="diez/buergerbuero")
    assert time.perf_counter() - started < 5
    assert output.splitlines()[0].startswith(f"abgelehnt: {attack}: ")
    assert reason in output.splitlines()[0]
    assert summary(output) == "imported: 0, refused: 1"
    assert not ProcessPage.objects.exists()
