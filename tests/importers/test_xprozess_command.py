"""manage.py import_xprozess: the real FIM master process (XProzess 2.0) becomes a draft process
page with its FIM id, its MuSchG legal bases from the catalogue and a diagram with the 12
sub-processes."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from prozesse.formats.bpmn import parse_bpmn
from prozesse.models import ProcessPage
from tests.commands import run
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory
from tests.shared_data import LAWS_DIR, XPROZESS_FILE, needs_real_data

pytestmark = [pytest.mark.django_db, needs_real_data]

FIM_ID = "99006028261000"


@pytest.fixture
def department():
    municipality = MunicipalityPageFactory(code="MON", title="VG Montabaur", slug="montabaur")
    return DepartmentPageFactory(
        parent=municipality, code="PA", title="Personalamt", slug="personalamt"
    )


@pytest.fixture
def imported(admin, department):
    """The catalogue holds the MuSchG (not the ArbSchG); then the file is imported."""
    run("import_laws", LAWS_DIR / "muschg_2018.md")
    output = run("import_xprozess", XPROZESS_FILE, department="montabaur/personalamt")
    return ProcessPage.objects.get(), output


def draft(page: ProcessPage) -> ProcessPage:
    return page.get_latest_revision_as_object()


def test_the_fim_master_process_becomes_a_draft_process_page_with_its_fim_id(imported, admin):
    page, _ = imported
    assert (page.service_key, page.live, page.owner) == (FIM_ID, False, admin)
    assert page.title == (
        "Anzeige zur Beschäftigung einer schwangeren oder stillenden Frau bearbeiten"
    )
    assert page.get_latest_revision().user == admin


def test_the_definition_becomes_the_summary(imported):
    page, _ = imported
    assert page.summary.startswith("Eine Frau im Sinne des Mutterschutzgesetzes ist jede Person")


def test_the_muschg_legal_bases_point_to_their_catalogue_paragraphs(imported):
    page, _ = imported
    muschg = [block.value for block in draft(page).legal_bases if block.value["paragraph"]]
    assert [(value.citation(), value.link()) for value in muschg] == [
        ("§ 27 MuSchG", "/recht/muschg_2018/p27/"),
        ("§ 29 MuSchG", "/recht/muschg_2018/p29/"),
    ]


def test_a_law_outside_the_catalogue_stays_free_text_with_the_link_from_the_file(imported):
    page, _ = imported
    (arbschg,) = [block.value for block in draft(page).legal_bases if not block.value["law"]]
    assert (arbschg.citation(), arbschg.link()) == (
        "§ 5 ArbSchG",
        "http://www.gesetze-im-internet.de/arbschg/__5.html",
    )


def test_the_diagram_has_the_twelve_sub_processes(imported):
    page, _ = imported
    page.bpmn_file.open("rb")
    model = parse_bpmn(page.bpmn_file.read())
    assert len(model.subprocesses) == 12
    assert "Anzeige fachlich prüfen" in page.bpmn_text
    assert page.bpmn_svg.startswith("<svg")


def test_the_activity_groups_become_the_process_steps(imported):
    page, _ = imported
    names = [block.value["name"] for block in draft(page).steps]
    assert len(names) == 12
    assert names[:2] == ["Anzeige empfangen", "Zuständigkeit prüfen"]


def test_keywords_become_tags_and_the_pdfs_attachments(imported):
    page, _ = imported
    page = draft(page)
    assert "Mutterschutz" in {tag.name for tag in page.tags.all()}
    assert [block.value.title.rsplit(" – ", 1)[1] for block in page.attachments] == [
        "Modellgrafik.pdf",
        "Standard Report.pdf",
    ]


def test_the_imported_page_opens_in_the_editor(imported, admin_client):
    page, _ = imported
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Paragraf oder Artikel (Katalog)" in response.content.decode()


def test_the_page_gets_a_register_key_of_its_department(imported):
    page, _ = imported
    assert page.register_key == "MON-PA-0001"


def test_the_report_lists_how_each_legal_basis_was_matched(imported):
    _, output = imported
    assert (
        "Rechtsgrundlagen: § 27 MuSchG (Katalog), § 29 MuSchG (Katalog), § 5 ArbSchG (Freitext)"
        in output
    )
    assert "Diagramm: BPMN DI-Export.xml: 3 Pools, 12 Teilprozesse" in output
    assert output.splitlines()[-1] == "imported: 1, updated: 0, unchanged: 0"


def test_importing_the_same_file_again_changes_nothing(imported):
    page, _ = imported
    output = run("import_xprozess", XPROZESS_FILE, department="montabaur/personalamt")
    assert output.splitlines()[-1] == "imported: 0, updated: 0, unchanged: 1"
    assert ProcessPage.objects.get().latest_revision_id == page.latest_revision_id


def test_a_changed_file_becomes_a_new_draft_of_the_same_page(imported, tmp_path):
    page, _ = imported
    changed = tmp_path / "neu.xml"
    changed.write_bytes(
        XPROZESS_FILE.read_bytes().replace(
            b"Anzeige zur Besch\xc3\xa4ftigung einer schwangeren oder stillenden Frau bearbeiten",
            b"Mutterschutz-Anzeige bearbeiten",
        )
    )
    output = run("import_xprozess", changed, department="montabaur/personalamt")
    assert output.splitlines()[-1] == "imported: 0, updated: 1, unchanged: 0"
    assert ProcessPage.objects.get().pk == page.pk
    assert draft(ProcessPage.objects.get()).title == "Mutterschutz-Anzeige bearbeiten"


def test_with_publish_the_page_goes_live(admin, department):
    run("import_xprozess", XPROZESS_FILE, department=str(department.pk), publish=True)
    assert ProcessPage.objects.get().live


def test_the_department_is_required(admin):
    with pytest.raises(CommandError):
        run("import_xprozess", XPROZESS_FILE)


def test_a_file_that_is_not_xprozess_is_refused_with_a_german_message(admin, department):
    bpmn = LAWS_DIR.parent / "bpmn-miwg" / "Reference" / "A.1.0.bpmn"
    with pytest.raises(CommandError, match=r"Keine XProzess-2\.0-Nachricht"):
        run("import_xprozess", bpmn, department="montabaur/personalamt")


def test_an_xprozess_file_with_an_entity_declaration_is_refused(admin, department, tmp_path):
    attack = tmp_path / "angriff.xml"
    attack.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<x xmlns="http://www.regierung-mv.de/xprozess/2">&e;</x>'
    )
    with pytest.raises(CommandError, match="aus Sicherheitsgründen nicht erlaubt"):
        run("import_xprozess", attack, department="montabaur/personalamt")
