"""manage.py import_oparl: real Karlsruhe council papers (OParl 1.1) become decision pages in a
committee section; re-imports update instead of duplicating. The full set (14,004 papers) is a
documented run (README "Importe"); the suite imports real excerpts."""

from __future__ import annotations

import datetime
import http.server
import itertools
import json
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry

from prozesse.formats.oparl import OParlPaper, iter_papers
from prozesse.importers.django_oparl import short_id, text_to_html
from prozesse.models import CommitteeSectionPage, DecisionPage
from search.service import search_register
from tests.commands import run
from tests.factories import CommitteeSectionPageFactory, DecisionPageFactory
from tests.fixtures import OPARL_FIXTURES
from tests.shared_data import OPARL_DIR, needs_real_data

pytestmark = pytest.mark.django_db

FIXTURE_DIR = OPARL_FIXTURES
BASE = "https://web1.karlsruhe.de/oparl/bodies/0001"
GOLF_ID = f"{BASE}/papers/vo/48018"
KLINIKUM_ID = f"{BASE}/papers/ag/1"


def summary_counts(output: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith("imported: "))
    return {
        key.strip(): int(value)
        for key, value in (part.rsplit(": ", 1) for part in line.split(", "))
    }


def fixture_copy(tmp_path: Path, change=None) -> Path:
    """The fixture folder, optionally with ``change(paper_dict)`` applied to every paper."""
    folder = tmp_path / "oparl"
    shutil.copytree(FIXTURE_DIR, folder)
    if change is not None:
        papers = folder / "papers.jsonl"
        lines = [json.loads(line) for line in papers.read_text().splitlines() if line.strip()]
        for paper in lines:
            change(paper)
        papers.write_text("".join(json.dumps(paper) + "\n" for paper in lines))
    return folder


def golf(change):
    def apply(paper):
        if paper["id"] == GOLF_ID:
            change(paper)

    return apply


# --------------------------------------------------------------------------- real excerpt


@needs_real_data
def test_an_excerpt_of_200_real_papers_becomes_decisions_and_a_re_import_adds_none(admin):
    first_200 = list(itertools.islice(iter_papers(OPARL_DIR), 200))
    current = [p for p in first_200 if isinstance(p, OParlPaper) and not p.deleted]

    first = summary_counts(run("import_oparl", OPARL_DIR, limit=200))
    assert first["imported"] == DecisionPage.objects.count() == len(current)
    second = summary_counts(run("import_oparl", OPARL_DIR, limit=200))
    assert DecisionPage.objects.count() == len(current)
    assert (second["imported"], second["updated"], second["unchanged"]) == (0, 0, len(current))


@needs_real_data
def test_searching_a_real_subject_finds_the_imported_decision(admin, search_backend):
    run("import_oparl", OPARL_DIR, limit=200, publish=True)
    outcome = search_register("MRE-Ambulanz Klinikum")
    assert [row.page.specific.oparl_id for row in outcome.results] == [KLINIKUM_ID]


def test_a_word_from_the_main_file_text_finds_the_decision(admin, search_backend):
    run("import_oparl", FIXTURE_DIR, publish=True)
    outcome = search_register("Recyclingpapier")
    assert [row.page.title for row in outcome.results] == [
        "Golfplatz Batzenhof - Verkehrszählungen"
    ]


@needs_real_data
def test_the_import_reports_its_throughput(admin):
    output = run("import_oparl", OPARL_DIR, limit=50)
    assert "50 papers in " in output and " papers/s, peak RSS " in output


# --------------------------------------------------------------------------- mapping


def test_a_paper_maps_to_number_title_type_and_date(admin):
    run("import_oparl", FIXTURE_DIR)
    page = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert (page.decision_number, page.title, page.paper_type, page.meeting_date) == (
        "2023/0018",
        "Golfplatz Batzenhof - Verkehrszählungen",
        "Informationsvorlage",
        datetime.date(2023, 1, 11),
    )


def test_the_summary_names_the_consulting_and_the_leading_organisations(admin):
    run("import_oparl", FIXTURE_DIR)
    summary = DecisionPage.objects.get(oparl_id=GOLF_ID).summary
    assert summary.startswith("Informationsvorlage 2023/0018 vom 11.01.2023. Beratung: ")
    assert "Ortschaftsrat Durlach" in summary
    assert summary.endswith("Federführung: Stadtplanungsamt.")


def test_the_main_file_text_becomes_escaped_paragraphs_with_the_source_linked(admin):
    run("import_oparl", FIXTURE_DIR)
    text = DecisionPage.objects.get(oparl_id=GOLF_ID).decision_text
    assert text.startswith(
        "<p>Informationsvorlage</p><p>Gedruckt auf 100 Prozent Recyclingpapier</p>"
    )
    assert "Golfplatz Batzenhof - Verkehrszählungen" in text
    assert '<a href="https://web1.karlsruhe.de/oparl/bodies/0001/downloadfiles/' in text


def test_the_decision_is_a_child_of_the_committee_section_with_a_slug_from_its_id(admin):
    run("import_oparl", FIXTURE_DIR)
    page = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert page.get_parent().specific_class is CommitteeSectionPage
    assert page.slug == "vo-48018"


def test_a_title_longer_than_a_page_title_allows_is_shortened(admin, tmp_path):
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.update(name="Golfplatz " * 40)))
    run("import_oparl", folder)
    title = DecisionPage.objects.get(oparl_id=GOLF_ID).title
    assert len(title) == 255 and title.endswith("…")


def test_an_unknown_paper_type_is_kept_as_it_is(admin, tmp_path):
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.update(paperType="Eilentscheid")))
    run("import_oparl", folder)
    assert DecisionPage.objects.get(oparl_id=GOLF_ID).paper_type == "Eilentscheid"


def test_a_paper_without_reference_gets_a_number_from_its_oparl_id(admin, tmp_path):
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.pop("reference")))
    run("import_oparl", folder)
    assert DecisionPage.objects.get(oparl_id=GOLF_ID).decision_number == "OParl (vo/48018)"


def test_a_reference_already_taken_gets_the_short_oparl_id_appended(admin):
    DecisionPageFactory(decision_number="2023/0018")
    run("import_oparl", FIXTURE_DIR)
    assert DecisionPage.objects.get(oparl_id=GOLF_ID).decision_number == "2023/0018 (vo/48018)"


@needs_real_data
def test_the_two_real_papers_sharing_a_reference_get_distinct_stable_numbers(admin, tmp_path):
    folder = tmp_path / "duplicates"
    folder.mkdir()
    with (OPARL_DIR / "papers.jsonl").open("rb") as papers:
        lines = [line for line in papers if b'"reference": "2019/1012"' in line]
    (folder / "papers.jsonl").write_bytes(b"".join(lines))
    run("import_oparl", folder)
    run("import_oparl", folder)
    numbers = dict(DecisionPage.objects.values_list("oparl_id", "decision_number"))
    assert numbers == {
        f"{BASE}/papers/vo/38195": "2019/1012",
        f"{BASE}/papers/ag/394": "2019/1012 (ag/394)",
    }


def test_short_ids_are_the_path_after_papers():
    assert short_id(GOLF_ID) == "vo/48018"


# --------------------------------------------------------------------------- drafts, users


def test_imported_decisions_are_drafts_owned_and_logged_by_the_acting_user(admin):
    run("import_oparl", FIXTURE_DIR)
    page = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert (page.live, page.owner) == (False, admin)
    assert PageLogEntry.objects.get(page=page, action="wagtail.create").user == admin


def test_with_publish_decisions_go_live_and_the_publication_names_the_user(
    django_user_model,
):
    django_user_model.objects.create_superuser("migration", "m@example.org", "x")
    run("import_oparl", FIXTURE_DIR, publish=True, user="migration")
    page = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert page.live and page.first_published_at is not None
    assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user.username == (
        "migration"
    )


def test_the_committee_section_is_created_with_the_given_title(admin):
    run("import_oparl", FIXTURE_DIR, section="gemeinderat", section_title="Gemeinderat Karlsruhe")
    section = CommitteeSectionPage.objects.get(slug="gemeinderat")
    assert section.title == "Gemeinderat Karlsruhe"
    assert DecisionPage.objects.child_of(section).count() == 2


def test_an_existing_committee_section_is_used(admin):
    section = CommitteeSectionPageFactory(slug="lenkungskreis-oparl")
    run("import_oparl", FIXTURE_DIR, section="lenkungskreis-oparl")
    assert DecisionPage.objects.child_of(section).count() == 2


def test_an_unknown_user_is_refused_with_a_german_message(admin):
    with pytest.raises(CommandError, match="Benutzer „niemand“ gibt es nicht"):
        run("import_oparl", FIXTURE_DIR, user="niemand")


# --------------------------------------------------------------------------- re-imports


def test_a_deleted_paper_is_not_imported(admin):
    counts = summary_counts(run("import_oparl", FIXTURE_DIR))
    assert counts["deleted (skipped)"] == 1
    assert not DecisionPage.objects.filter(oparl_id=f"{BASE}/papers/ag/414").exists()


def test_a_paper_deleted_after_its_import_is_unpublished(admin, tmp_path):
    run("import_oparl", FIXTURE_DIR, publish=True)
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.update(deleted=True)))
    counts = summary_counts(run("import_oparl", folder, publish=True))
    assert counts["unpublished"] == 1
    assert not DecisionPage.objects.get(oparl_id=GOLF_ID).live


def test_a_changed_paper_updates_its_page_instead_of_adding_one(admin, tmp_path):
    run("import_oparl", FIXTURE_DIR)
    before = DecisionPage.objects.get(oparl_id=GOLF_ID)
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.update(name="Golfplatz neu")))
    counts = summary_counts(run("import_oparl", folder))
    after = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert (counts["updated"], counts["unchanged"], after.pk) == (1, 1, before.pk)
    assert after.title == "Golfplatz neu"


def test_a_change_to_a_live_decision_without_publish_waits_as_a_draft(admin, tmp_path):
    run("import_oparl", FIXTURE_DIR, publish=True)
    folder = fixture_copy(tmp_path, golf(lambda paper: paper.update(name="Golfplatz neu")))
    run("import_oparl", folder)
    page = DecisionPage.objects.get(oparl_id=GOLF_ID)
    assert page.title == "Golfplatz Batzenhof - Verkehrszählungen"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Golfplatz neu"
    assert page.get_latest_revision().user == admin


def test_a_broken_line_is_refused_and_the_others_are_imported(admin, tmp_path):
    folder = fixture_copy(tmp_path)
    with (folder / "papers.jsonl").open("a") as papers:
        papers.write('{"id": "kaputt", \n')
    output = run("import_oparl", folder)
    assert "abgelehnt: Zeile 4 abgelehnt: Ungültiges JSON" in output
    assert summary_counts(output)["imported"] == 2


def test_a_source_that_is_neither_folder_nor_url_is_refused(admin, tmp_path):
    with pytest.raises(CommandError, match="weder ein Verzeichnis noch eine http"):
        run("import_oparl", tmp_path / "fehlt")


# --------------------------------------------------------------------------- URL mode


@pytest.fixture
def oparl_server():
    """A loopback OParl server with the fixture's papers in two list pages, and its
    organisations as objects of their own (the machine has no internet)."""
    routes: dict[str, object] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body or {"error": "nicht gefunden"}).encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    remote = (
        (FIXTURE_DIR / "papers.jsonl")
        .read_text()
        .replace(f"{BASE}/organizations/", f"{base}/organizations/")
    )
    papers = [json.loads(line) for line in remote.splitlines() if line.strip()]
    routes["/papers?page=1"] = {"data": papers[:2], "links": {"next": "/papers?page=2"}}
    routes["/papers?page=2"] = {"data": papers[2:], "links": {}}
    for organisation in json.loads((FIXTURE_DIR / "organizations.json").read_text()):
        path = organisation["id"].removeprefix(f"{BASE}")
        routes[path] = organisation
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_the_papers_of_an_oparl_list_url_are_fetched_page_by_page(admin, oparl_server):
    counts = summary_counts(run("import_oparl", f"{oparl_server}/papers?page=1"))
    assert (counts["imported"], counts["deleted (skipped)"]) == (2, 1)
    summary = DecisionPage.objects.get(oparl_id=GOLF_ID).summary
    assert summary.endswith("Federführung: Stadtplanungsamt.")


def test_an_unreachable_oparl_url_is_refused_with_a_message(admin, oparl_server):
    with pytest.raises(CommandError, match="gibt-es-nicht konnte nicht abgerufen werden"):
        run("import_oparl", f"{oparl_server}/gibt-es-nicht")


# --------------------------------------------------------------------------- text to HTML


def test_markup_in_the_extracted_text_is_escaped():
    assert text_to_html("Antrag <script>alert(1)</script>") == (
        "<p>Antrag &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_words_hyphenated_at_a_line_end_are_joined_again():
    assert text_to_html("Jährliche laufende Belas-\ntung") == "<p>Jährliche laufende Belastung</p>"


def test_a_hyphen_before_a_conjunction_stays():
    assert text_to_html("Bürger-\nund Ordnungsamt") == "<p>Bürger- und Ordnungsamt</p>"


def test_blank_lines_separate_paragraphs_and_control_characters_are_dropped():
    assert text_to_html("Erster\x00 Absatz\n \nZweiter") == "<p>Erster Absatz</p><p>Zweiter</p>"
