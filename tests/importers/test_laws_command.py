"""manage.py import_laws and the legal-basis catalogue: laws and paragraphs from the real
Markdown files, the paragraph pages legal bases link to, and "GewO 14" finding the processes
that cite § 14 GewO."""

from __future__ import annotations

import shutil

import pytest
from django.core.exceptions import ValidationError

from prozesse.blocks import LegalBasisBlock
from prozesse.models import Law, LawParagraph
from search.service import search_register
from tests.commands import run
from tests.factories import ProcessPageFactory
from tests.shared_data import LAWS_DIR, needs_real_data

pytestmark = [pytest.mark.django_db, needs_real_data]

GEWO = LAWS_DIR / "gewo.md"


@pytest.fixture
def gewo():
    run("import_laws", GEWO)
    return Law.objects.get(abbreviation="GewO")


def paragraph(law: str, number: str) -> LawParagraph:
    return LawParagraph.objects.get(law__abbreviation=law, number=number, number_to="")


# --------------------------------------------------------------------------- the catalogue


def test_the_whole_folder_gives_35_laws_with_3268_paragraphs():
    output = run("import_laws", LAWS_DIR)
    assert output.splitlines()[-1] == "laws: 35, paragraphs: 3268, refused: 0"
    assert (Law.objects.count(), LawParagraph.objects.count()) == (35, 3268)


def test_a_paragraph_keeps_number_title_text_and_anchor(gewo):
    section = paragraph("GewO", "14")
    assert (section.kind, section.anchor, section.title) == (
        "§",
        "p14",
        "Anzeigepflicht; Verordnungsermächtigung",
    )
    assert section.text.startswith("(1) Wer den selbständigen Betrieb eines stehenden Gewerbes")
    assert section.citation() == "§ 14 GewO"


def test_a_re_import_changes_nothing_and_keeps_the_ids(gewo):
    ids = dict(LawParagraph.objects.values_list("anchor", "pk"))
    output = run("import_laws", GEWO)
    assert f"0 neu, 0 aktualisiert, {len(ids)} unverändert" in output
    assert dict(LawParagraph.objects.values_list("anchor", "pk")) == ids


def test_a_changed_paragraph_is_updated_in_place(gewo, tmp_path):
    before = paragraph("GewO", "14")
    changed = tmp_path / "gewo.md"
    changed.write_text(GEWO.read_text().replace("Anzeigepflicht; Verordnungsermächtigung", "Neu"))
    output = run("import_laws", changed)
    after = paragraph("GewO", "14")
    assert (after.pk, after.title) == (before.pk, "Neu")
    assert "1 aktualisiert" in output


def test_a_paragraph_no_longer_in_the_source_is_kept_as_repealed(gewo, tmp_path):
    shortened = tmp_path / "gewo.md"
    shortened.write_text(GEWO.read_text().replace("§ 14 Anzeigepflicht", "Anzeigepflicht"))
    run("import_laws", shortened)
    assert LawParagraph.objects.get(law=gewo, anchor="p14").repealed


def test_a_file_without_front_matter_is_refused_and_the_others_imported(tmp_path):
    shutil.copy(GEWO, tmp_path / "gewo.md")
    (tmp_path / "notiz.md").write_text("# Keine Front Matter\n")
    output = run("import_laws", tmp_path)
    assert "abgelehnt: " in output and "Keine Front Matter gefunden" in output
    assert output.splitlines()[-1].startswith("laws: 1, ")


# --------------------------------------------------------------------------- paragraph pages


def test_the_paragraph_page_shows_its_text(gewo, staff_client):
    response = staff_client.get(paragraph("GewO", "14").get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "§ 14 GewO – Anzeigepflicht; Verordnungsermächtigung" in content
    assert "muss dies der zuständigen Behörde gleichzeitig anzeigen" in content


def test_the_paragraph_page_needs_a_login(gewo, client):
    response = client.get("/recht/gewo/p14/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_the_law_page_lists_its_paragraphs(gewo, staff_client):
    content = staff_client.get("/recht/gewo/").content.decode()
    assert 'href="/recht/gewo/p14/"' in content


# --------------------------------------------------------------------------- legal bases


def legal_basis(**value) -> tuple[str, dict]:
    return ("legal_basis", {"norm": "", "title": "", "url": "", **value})


def test_a_legal_basis_from_the_catalogue_links_to_the_paragraph_text(gewo, staff_client):
    section = paragraph("GewO", "14")
    process = ProcessPageFactory(legal_bases=[legal_basis(law=gewo, paragraph=section)])
    process.save_revision().publish()
    content = staff_client.get(process.url).content.decode()
    assert (
        '<a href="/recht/gewo/p14/">§ 14 GewO</a> – Anzeigepflicht; Verordnungsermächtigung'
        in content
    )


def test_a_free_text_legal_basis_still_shows_its_own_link(staff_client):
    process = ProcessPageFactory(
        legal_bases=[legal_basis(norm="§ 5 ArbSchG", url="https://www.gesetze-im-internet.de/")]
    )
    process.save_revision().publish()
    content = staff_client.get(process.url).content.decode()
    assert '<a href="https://www.gesetze-im-internet.de/">§ 5 ArbSchG</a>' in content


def test_a_legal_basis_needs_a_catalogue_entry_or_a_norm():
    with pytest.raises(ValidationError):
        LegalBasisBlock().clean(LegalBasisBlock().to_python({}))


def test_a_paragraph_of_another_law_is_refused(gewo):
    run("import_laws", LAWS_DIR / "muschg_2018.md")
    value = LegalBasisBlock().to_python({"law": gewo.pk, "paragraph": paragraph("MuSchG", "27").pk})
    with pytest.raises(ValidationError):
        LegalBasisBlock().clean(value)


# --------------------------------------------------------------------------- search


def publish_citing(title: str, **value):
    process = ProcessPageFactory(title=title, summary="", legal_bases=[legal_basis(**value)])
    process.save_revision().publish()
    return process


def titles_found(backend, query: str) -> list[str]:
    backend.refresh_indexes()
    return [row.page.title for row in search_register(query).results]


@pytest.mark.parametrize("query", ["GewO 14", "§ 14 GewO", "GewO § 14"])
def test_a_citation_search_finds_the_process_citing_the_catalogue_paragraph(
    gewo, search_backend, query
):
    publish_citing("Anmeldung eines Betriebs", law=gewo, paragraph=paragraph("GewO", "14"))
    publish_citing("Reisegewerbekarte", law=gewo, paragraph=paragraph("GewO", "55"))
    assert titles_found(search_backend, query) == ["Anmeldung eines Betriebs"]


def test_gewo_14_also_finds_a_legal_basis_typed_as_free_text(search_backend):
    publish_citing("Gewerbeummeldung", norm="§ 14 Abs. 1 GewO")
    assert titles_found(search_backend, "GewO 14") == ["Gewerbeummeldung"]


def test_the_paragraph_title_finds_the_process_too(gewo, search_backend):
    publish_citing("Anmeldung eines Betriebs", law=gewo, paragraph=paragraph("GewO", "14"))
    assert titles_found(search_backend, "Anzeigepflicht") == ["Anmeldung eines Betriebs"]
