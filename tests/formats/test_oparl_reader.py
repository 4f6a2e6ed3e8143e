"""Tests for the OParl 1.1 paper reader (prozesse.formats.oparl)."""

from __future__ import annotations

import json
import shutil
import time
import tracemalloc
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from prozesse.formats.oparl import (
    ConsultationIndex,
    FileText,
    FileTextIndex,
    OParlError,
    OParlPaper,
    OParlRecordError,
    iter_paper_dicts,
    iter_papers,
    load_consultations,
    load_organisations,
    paper_from_dict,
)
from tests.fixtures import OPARL_FIXTURES
from tests.shared_data import SHARED_DATA, needs

DATA_DIR = SHARED_DATA
OPARL_DIR = DATA_DIR / "oparl-karlsruhe"
FIXTURE_DIR = OPARL_FIXTURES

needs_real_data = needs(OPARL_DIR / "papers.jsonl")

BASE = "https://web1.karlsruhe.de/oparl/bodies/0001"
GOLF_ID = f"{BASE}/papers/vo/48018"
CET = timezone(timedelta(hours=1))


def _papers(items: list[OParlPaper | OParlRecordError]) -> dict[str, OParlPaper]:
    return {p.oparl_id: p for p in items if isinstance(p, OParlPaper)}


def _check_golf_paper(p: OParlPaper) -> None:
    """The Informationsvorlage 2023/0018 as it is in the Karlsruhe data."""
    assert p.reference == "2023/0018"
    assert p.name == "Golfplatz Batzenhof - Verkehrszählungen"
    assert p.paper_type == "Informationsvorlage"
    assert p.date == date(2023, 1, 11)
    assert p.modified == datetime(2025, 3, 3, 14, 30, 52, tzinfo=CET)
    assert p.created == datetime(2023, 1, 11, 13, 3, 52, tzinfo=CET)
    assert not p.deleted
    assert p.organisations == (
        "Ortschaftsrat Hohenwettersbach",
        "Ortschaftsrat Durlach",
        "Planungsausschuss",
        "Ortschaftsrat Stupferich",
        "Ortschaftsrat Wettersbach",
        "Stadtplanungsamt",
    )
    assert p.under_direction_of == ("Stadtplanungsamt",)
    assert p.organisation_ids[-1] == f"{BASE}/organizations/at/882980"
    assert p.consultation_roles == ("Kenntnisnahme",)
    assert p.main_file_id == f"{BASE}/files/643912"
    assert p.main_file_url == f"{BASE}/downloadfiles/a/00643912.pdf"
    assert p.main_file_text is not None
    assert p.main_file_text.startswith("Informationsvorlage")  # leading blank lines stripped
    assert "Vorlage Nr.:      2023/0018" in p.main_file_text
    assert p.web_url is None  # the Karlsruhe server sends no "web" field


# ---------------------------------------------------------------------------------------------
# Fixture (3 real papers) and synthetic records
# ---------------------------------------------------------------------------------------------


def test_fixture_directory() -> None:
    items = list(iter_papers(FIXTURE_DIR))
    assert all(isinstance(i, OParlPaper) for i in items)
    papers = _papers(items)
    assert len(papers) == 3
    _check_golf_paper(papers[GOLF_ID])

    antrag = papers[f"{BASE}/papers/ag/1"]
    assert antrag.paper_type == "Änderungs-/Ergänzungsantrag"
    assert antrag.reference == "2013/0140"
    assert antrag.organisations == () and antrag.main_file_text is None
    assert antrag.main_file_id is None and antrag.main_file_url is None

    deleted = papers[f"{BASE}/papers/ag/414"]
    assert deleted.deleted
    assert (deleted.reference, deleted.paper_type, deleted.date) == (None, None, None)
    assert deleted.name == ""
    assert deleted.raw is None


def test_malformed_lines_are_reported_not_fatal(tmp_path: Path) -> None:
    for f in FIXTURE_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    lines = (tmp_path / "papers.jsonl").read_bytes().splitlines(keepends=True)
    bad = [
        b'{"id": "x", "name": "abgeschnitten\n',  # line 2: broken JSON
        b"\n",  # line 3: empty, skipped silently
        b"[1, 2, 3]\n",  # line 4: not an object
        b'{"name": "ohne ID"}\n',  # line 5
        b'{"id": "o1", "type": "https://schema.oparl.org/1.1/Organization"}\n',  # line 6
        b'{"id": "u1", "name": "Gr\xfc\xdfe"}\n',  # line 7: Latin-1, not UTF-8
    ]
    (tmp_path / "papers.jsonl").write_bytes(lines[0] + b"".join(bad) + b"".join(lines[1:]))

    items = list(iter_papers(tmp_path))
    errors = [i for i in items if isinstance(i, OParlRecordError)]
    assert len(_papers(items)) == 3
    assert [e.line_number for e in errors] == [2, 4, 5, 6, 7]
    assert str(errors[0]).startswith("Zeile 2 abgelehnt: Ungültiges JSON")
    assert "kein JSON-Objekt" in errors[1].message
    assert "keine OParl-ID" in errors[2].message
    assert "kein OParl-Paper" in errors[3].message and errors[3].oparl_id == "o1"
    assert "UTF-8" in errors[4].message
    # The paper after the broken lines still gets its text from the offset index.
    _check_golf_paper(_papers(items)[GOLF_ID])


def test_missing_directory_or_papers_file(tmp_path: Path) -> None:
    with pytest.raises(OParlError, match=r"papers\.jsonl nicht gefunden"):
        list(iter_papers(tmp_path))
    (tmp_path / "papers.jsonl").write_text("")
    (tmp_path / "organizations.json").write_text("{kaputt")
    with pytest.raises(OParlError, match="kein gültiges JSON"):
        list(iter_papers(tmp_path))


def test_minimal_paper_maps_missing_fields_to_none() -> None:
    p = paper_from_dict({"id": "https://example.org/papers/1"})
    assert p == OParlPaper(
        oparl_id="https://example.org/papers/1",
        reference=None,
        name="",
        paper_type=None,
        date=None,
        organisations=(),
        main_file_text=None,
        web_url=None,
        modified=None,
    )


def test_unknown_type_whitespace_and_bad_values() -> None:
    d = {
        "id": "p1",
        "type": "https://schema.oparl.org/1.0/Paper",
        "name": "  Haushalt\n 2025:  Teilhaushalt   4100 ",
        "paperType": "Haushalt THH 4100",
        "reference": " 2025/0001 ",
        "date": "2025-02-30",  # impossible date -> None
        "modified": "gestern",
        "web": "https://example.org/vo/1",
        "consultation": "kein Array",
        "underDirectionOf": [None, 5],
    }
    p = paper_from_dict(d, keep_raw=True)
    assert p.paper_type == "Haushalt THH 4100"
    assert p.name == "Haushalt 2025: Teilhaushalt 4100"
    assert p.reference == "2025/0001"
    assert p.date is None and p.modified is None
    assert p.web_url == "https://example.org/vo/1"
    assert p.organisations == () and p.organisation_ids == ()
    assert p.raw == d
    # Datetimes in dates are cut to the date part.
    assert paper_from_dict({"id": "p2", "date": "2024-05-06T00:00:00+02:00"}).date == date(
        2024, 5, 6
    )


def test_list_of_dicts_shares_the_mapping() -> None:
    orgs = load_organisations(
        [
            {"id": "o1", "name": " Gemeinderat "},
            {"id": "o2", "shortName": "HA"},
            {"id": "o3", "name": "Hauptamt"},
        ]
    )
    assert orgs == {"o1": "Gemeinderat", "o2": "HA", "o3": "Hauptamt"}
    consultations = load_consultations(
        [{"id": "c2", "paper": "p1", "organization": ["o2"], "role": "Vorberatung"}]
    )
    records = [
        {
            "id": "p1",
            "consultation": [
                {"id": "c1", "organization": ["o1", "o-unknown"], "role": "Entscheidung"},
                "c2",  # referenced by URL only, resolved via the index
            ],
            "underDirectionOf": ["o3", "o1"],
            "mainFile": {"id": "f1", "accessUrl": "https://example.org/f1.pdf"},
        },
        "kein Objekt",
        {"id": "p2", "type": "https://schema.oparl.org/1.1/Meeting"},
    ]
    texts = {"p1": "  Text der Vorlage  "}
    items = list(iter_paper_dicts(records, orgs, texts, consultations=consultations))
    p = items[0]
    assert isinstance(p, OParlPaper)
    assert p.organisations == ("Gemeinderat", "HA", "Hauptamt")
    assert p.organisation_ids == ("o1", "o-unknown", "o2", "o3")
    assert p.under_direction_of == ("Hauptamt", "Gemeinderat")
    assert p.consultation_roles == ("Entscheidung", "Vorberatung")
    assert p.main_file_text == "Text der Vorlage"
    assert (p.main_file_id, p.main_file_url) == ("f1", "https://example.org/f1.pdf")
    assert isinstance(items[1], OParlRecordError) and items[1].line_number == 2
    assert isinstance(items[2], OParlRecordError) and "kein OParl-Paper" in items[2].message


def test_consultation_index_supplies_missing_consultations() -> None:
    index = ConsultationIndex(
        organisations_by_id={"c9": ("o1",)}, by_paper={"p1": ("c9",)}, roles_by_id={}
    )
    p = paper_from_dict({"id": "p1"}, {"o1": "Bauausschuss"}, consultations=index)
    assert p.organisations == ("Bauausschuss",)


def test_file_text_index(tmp_path: Path) -> None:
    path = tmp_path / "file-texts.jsonl"
    path.write_text(
        '{"file": "f1", "paper": "p1", "text": "eins"}\n'
        "kaputt\n"
        '{"file": "f2", "paper": "p2", "text": "zwei \\u00e4"}\n'
        '{"file": "f3", "paper": "p1", "text": "doppelt"}\n',
        encoding="utf-8",
    )
    with FileTextIndex(path) as index:
        assert len(index) == 2 and set(index) == {"p1", "p2"}
        assert index["p2"] == FileText("f2", "zwei ä")
        assert index["p1"] == FileText("f1", "eins")  # first one wins
        assert index.duplicates == 1 and index.error_lines == [2]
        assert "p3" not in index and index.get("p3") is None


# ---------------------------------------------------------------------------------------------
# Real data (14,004 papers)
# ---------------------------------------------------------------------------------------------


@needs_real_data
def test_stream_all_real_papers() -> None:
    start = time.perf_counter()
    ids: set[str] = set()
    errors: list[OParlRecordError] = []
    types: Counter[str | None] = Counter()
    with_text = deleted = 0
    golf: OParlPaper | None = None
    for item in iter_papers(OPARL_DIR):
        if isinstance(item, OParlRecordError):
            errors.append(item)
            continue
        assert item.oparl_id not in ids, f"duplicate id {item.oparl_id}"
        ids.add(item.oparl_id)
        types[item.paper_type] += 1
        with_text += item.main_file_text is not None
        deleted += item.deleted
        if item.oparl_id == GOLF_ID:
            golf = item
    elapsed = time.perf_counter() - start

    assert errors == []
    assert len(ids) == 14_004
    assert types["Beschlussvorlage"] == 8_268
    assert types["Informationsvorlage"] == 707
    assert types["Haushalt THH 4100"] == 129  # unknown/local types are kept as-is
    assert types[None] == 268 == deleted  # deleted papers carry an empty paperType
    assert with_text == 8_695  # 8,794 texts, 99 of them empty
    assert golf is not None
    _check_golf_paper(golf)
    print(f"\nOParl: {len(ids)} papers in {elapsed:.2f}s = {len(ids) / elapsed:.0f} papers/s")


@needs_real_data
def test_real_texts_index() -> None:
    with FileTextIndex(OPARL_DIR / "file-texts.jsonl") as index:
        assert len(index) == 8_794
        assert index.duplicates == 0 and index.errors == 0


@needs_real_data
def test_streaming_memory_is_bounded() -> None:
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        count = sum(1 for _ in iter_papers(OPARL_DIR))
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert count == 14_004
    print(f"\nOParl: peak traced memory growth {peak / 1e6:.1f} MB")
    # Loading papers.jsonl (35 MB) and the texts (41 MB) at once would need several 100 MB.
    assert peak < 50 * 1024 * 1024


def test_modified_with_utc_suffix() -> None:
    p = paper_from_dict({"id": "x", "modified": "2025-03-03T14:30:22Z"})
    assert p.modified == datetime(2025, 3, 3, 14, 30, 22, tzinfo=UTC)


def test_fixture_is_tiny() -> None:
    # Guard against accidentally copying the real data set into the repository.
    total = sum(f.stat().st_size for f in FIXTURE_DIR.iterdir())
    assert total < 20_000
    for line in (FIXTURE_DIR / "file-texts.jsonl").read_text(encoding="utf-8").splitlines():
        assert len(json.loads(line)["text"]) <= 400
