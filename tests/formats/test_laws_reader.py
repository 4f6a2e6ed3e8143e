"""Tests for the Markdown law catalogue reader (prozesse.formats.laws)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from prozesse.formats.laws import (
    Citation,
    Law,
    LawFormatError,
    abbreviation_index,
    parse_citation,
    read_law,
    read_laws,
)
from tests.shared_data import SHARED_DATA, needs, require

DATA_DIR = SHARED_DATA
LAWS_DIR = DATA_DIR / "gesetze"

needs_laws = needs(LAWS_DIR)

EXPECTED_ABBREVIATIONS = {
    "AO", "AufenthG", "BauNVO", "BDSG", "BEEG", "BImSchG", "BKGG", "BMG", "BNatSchG", "BSIG",
    "EGovG", "FeV", "GastG", "GewO", "GG", "GrStG", "IFG", "IfSG", "KrWG", "MuSchG", "OZG",
    "PAuswG", "PStG", "SchwarzArbG", "SGB XII", "SGB II", "StVG", "StVO", "TierSchG", "VwGO",
    "VwVfG", "VwZG", "WaffG", "WHG", "WoGG",
}  # fmt: skip

MINI_LAW = """\
---
Title: Gesetz über Testfälle
jurabk: TestG 2020
layout: default
slug: testg_2020

---

# Gesetz über Testfälle (TestG 2020)

Ausfertigungsdatum
:   2020-01-01

## Abschnitt 1 - Allgemeines

### § 1 Zweck

(1) Dieses Gesetz dient Tests.

(2) Es gilt § 2.

### § 1a Begriffe

Begriffe.

### § 2

(weggefallen)

### (XXXX) §§ 3 bis 5 (weggefallen)

## Abschnitt 2 - Schluss

### § 6 Inkrafttreten

Dieses Gesetz tritt in Kraft.

### Anlage 1 Muster

## § 1

Mustertext, gehört nicht zum Gesetz.
"""


# ---------------------------------------------------------------------------------------------
# Real data
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def laws() -> dict[str, Law]:
    require(LAWS_DIR)
    return {law.abbreviation: law for law in read_laws(LAWS_DIR)}


@needs_laws
def test_all_35_laws_are_read(laws: dict[str, Law]) -> None:
    assert len(laws) == 35
    assert set(laws) == EXPECTED_ABBREVIATIONS
    for law in laws.values():
        assert law.abbreviation and law.title and law.slug and law.jurabk
        assert law.paragraphs, law.slug
    assert sum(len(law.paragraphs) for law in laws.values()) > 3000


@needs_laws
def test_front_matter_details(laws: dict[str, Law]) -> None:
    assert laws["GewO"].title == "Gewerbeordnung"
    assert laws["GewO"].slug == "gewo"
    # jurabk carries the year of re-enactment; the citation abbreviation does not.
    assert laws["MuSchG"].jurabk == "MuSchG 2018"
    assert laws["MuSchG"].slug == "muschg_2018"
    assert "MuSchG 2018" in laws["MuSchG"].aliases
    # Multi-line Title values are joined.
    assert laws["BImSchG"].title.endswith("Geräusche, Erschütterungen und ähnliche Vorgänge")
    # aufenthg_2004.md has the start of its title *before* the front matter.
    assert laws["AufenthG"].title == (
        "Gesetz über den Aufenthalt, die Erwerbstätigkeit und die Integration von Ausländern "
        "im Bundesgebiet"
    )
    assert laws["SGB II"].jurabk == "SGB 2"
    assert set(laws["SGB II"].aliases) >= {"SGB II", "SGB 2"}


@needs_laws
def test_gewo_14_matches_the_file(laws: dict[str, Law]) -> None:
    par = laws["GewO"].paragraph("14")
    assert par is not None
    assert par.kind == "§"
    assert par.title == "Anzeigepflicht; Verordnungsermächtigung"
    assert par.anchor == "p14"
    assert par.structure == ("Titel II - Stehendes Gewerbe", "I. - Allgemeine Erfordernisse")
    assert not par.repealed

    # Compare with the raw file: heading line, then the body up to the next heading.
    lines = (LAWS_DIR / "gewo.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("#### § 14 Anzeigepflicht; Verordnungsermächtigung")
    first_body_line = next(line for line in lines[start + 1 :] if line.strip())
    assert par.text.startswith(first_body_line)
    assert par.text.startswith("(1) Wer den selbständigen Betrieb eines stehenden Gewerbes, einer")
    assert "#### § 15" not in par.text
    assert par.text == par.text.strip()


@needs_laws
def test_muschg_and_gg(laws: dict[str, Law]) -> None:
    muschg = laws["MuSchG"]
    p27, p29 = muschg.paragraph("27"), muschg.paragraph("29")
    assert p27 is not None and p27.title.startswith("Mitteilungs- und Aufbewahrungspflichten")
    assert p27.text.startswith("(1) Der Arbeitgeber hat die Aufsichtsbehörde unverzüglich")
    assert p29 is not None and p29.title.startswith("Zuständigkeit und Befugnisse")

    gg = laws["GG"]
    assert gg.uses_articles
    art28 = gg.paragraph("28", "Art.")
    assert art28 is not None
    assert (art28.kind, art28.number, art28.anchor, art28.title) == ("Art.", "28", "art28", "")
    assert art28.text.startswith("(1) Die verfassungsmäßige Ordnung in den Ländern")
    assert gg.paragraph("28", "§") is None


@needs_laws
def test_paragraph_numbers_and_anchors_unique_per_law(laws: dict[str, Law]) -> None:
    for law in laws.values():
        numbers = Counter((p.kind, p.number) for p in law.paragraphs)
        anchors = Counter(p.anchor for p in law.paragraphs)
        assert [k for k, v in numbers.items() if v > 1] == [], law.abbreviation
        assert [k for k, v in anchors.items() if v > 1] == [], law.abbreviation
    # The model statute in AO "Anlage 1" has its own §§ 1-5; they are not AO paragraphs.
    ao1 = laws["AO"].paragraph("1")
    assert ao1 is not None and ao1.title == "Anwendungsbereich"


@needs_laws
def test_repealed_and_grouped_paragraphs(laws: dict[str, Law]) -> None:
    gewo = laws["GewO"]
    p2 = gewo.paragraph("2")
    assert p2 is not None and p2.repealed and p2.text == "(weggefallen)"
    group = gewo.paragraph("20")  # inside "(XXXX) §§ 16 bis 28 (weggefallen)"
    assert group is not None
    assert (group.number, group.number_to, group.anchor) == ("16", "28", "p16-28")
    assert group.repealed and group.label == "§§ 16 bis 28"
    assert gewo.paragraph("6a") is not None


@needs_laws
def test_citations_resolve_against_the_catalogue(laws: dict[str, Law]) -> None:
    index = abbreviation_index(laws.values())
    found = []
    for cit in parse_citation("§§ 27, 29 MuSchG; Art. 28 GG; gewo 14; § 22 SGB 2", index):
        law = laws[cit.law_abbreviation]
        par = law.paragraph(cit.number, cit.kind)
        assert par is not None, cit
        found.append(f"{law.abbreviation} {par.label}")
    assert found == ["MuSchG § 27", "MuSchG § 29", "GG Art. 28", "GewO § 14", "SGB II § 22"]


# ---------------------------------------------------------------------------------------------
# Synthetic input
# ---------------------------------------------------------------------------------------------


def test_read_law_from_text() -> None:
    law = read_law(MINI_LAW, name="testg.md")
    assert (law.abbreviation, law.jurabk, law.slug) == ("TestG", "TestG 2020", "testg_2020")
    assert law.title == "Gesetz über Testfälle"
    labels = [p.label for p in law.paragraphs]
    assert labels == ["§ 1", "§ 1a", "§ 2", "§§ 3 bis 5", "§ 6"]  # Anlage's § 1 excluded
    p1 = law.paragraphs[0]
    assert p1.title == "Zweck"
    assert p1.text == "(1) Dieses Gesetz dient Tests.\n\n(2) Es gilt § 2."
    assert p1.structure == ("Abschnitt 1 - Allgemeines",)
    assert law.paragraphs[2].repealed and law.paragraphs[2].title == ""
    assert law.paragraphs[3].repealed and law.paragraphs[3].number_to == "5"
    assert law.paragraph("4") is law.paragraphs[3]
    assert law.paragraphs[4].structure == ("Abschnitt 2 - Schluss",)


def test_read_law_from_bytes_and_path(tmp_path: Path) -> None:
    path = tmp_path / "testg.md"
    path.write_text(MINI_LAW, encoding="utf-8")
    assert read_law(path) == read_law(MINI_LAW.encode("utf-8"))


def test_missing_front_matter_raises_german_error(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.md"
    path.write_text("# Irgendein Gesetz\n\n### § 1 Zweck\n\nText.\n", encoding="utf-8")
    with pytest.raises(LawFormatError, match=r"kaputt\.md: Keine Front Matter gefunden"):
        read_law(path)
    # A directory with such a file fails loudly, documentation files are skipped.
    (tmp_path / "SOURCE.md").write_text("# Quelle\n", encoding="utf-8")
    with pytest.raises(LawFormatError, match="Keine Front Matter"):
        read_laws(tmp_path)
    path.unlink()
    assert read_laws(tmp_path) == []


def test_other_format_errors() -> None:
    with pytest.raises(LawFormatError, match="nicht mit '---' abgeschlossen"):
        read_law("---\nTitle: X\njurabk: X\n")
    with pytest.raises(LawFormatError, match="fehlt die Abkürzung"):
        read_law("---\nTitle: X\n---\n# X\n")
    with pytest.raises(LawFormatError, match="nicht UTF-8"):
        read_law(b"---\nTitle: \xff\njurabk: X\n---\n")
    with pytest.raises(LawFormatError, match="existiert nicht"):
        read_laws(Path("/nonexistent/laws"))


KNOWN = {"GewO", "MuSchG", "GG", "VwVfG", "SGB II"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("§ 14 GewO", [Citation("§", "14", "GewO")]),
        ("§14 Abs. 1 GewO", [Citation("§", "14", "GewO", absatz="1")]),
        ("§§ 27, 29 MuSchG", [Citation("§", "27", "MuSchG"), Citation("§", "29", "MuSchG")]),
        ("Art. 28 GG", [Citation("Art.", "28", "GG")]),
        ("GewO § 14", [Citation("§", "14", "GewO")]),
        ("GewO 14", [Citation("§", "14", "GewO")]),
        ("gewo 14", [Citation("§", "14", "GewO")]),
        ("§ 14 GEWO", [Citation("§", "14", "GewO")]),
        ("gg 28", [Citation("Art.", "28", "GG")]),
        ("Art 28 Abs. 2 GG", [Citation("Art.", "28", "GG", absatz="2")]),
        ("§ 27 (1) - (4) MuSchG", [Citation("§", "27", "MuSchG", absatz="1-4")]),
        (
            "§ 14 Absatz 1 Satz 2 Nr. 3 GewO",
            [Citation("§", "14", "GewO", absatz="1", satz="2", nummer="3")],
        ),
        ("§§ 16 bis 28 GewO", [Citation("§", "16", "GewO", number_to="28")]),
        ("§ 6a GewO", [Citation("§", "6a", "GewO")]),
        ("§ 22 SGB II", [Citation("§", "22", "SGB II")]),
        (
            "nach § 14 GewO und § 25 VwVfG",
            [Citation("§", "14", "GewO"), Citation("§", "25", "VwVfG")],
        ),
        (
            "Nach GewO § 14 Abs. 1 und § 3 VwVfG",
            [Citation("§", "14", "GewO", absatz="1"), Citation("§", "3", "VwVfG")],
        ),
        ("§ 14", [Citation("§", "14", None)]),
        ("Seite 14 der Gewerbeanzeige", []),
        ("Die GewO regelt vieles.", []),
    ],
)
def test_parse_citation(text: str, expected: list[Citation]) -> None:
    assert parse_citation(text, KNOWN) == expected


def test_parse_citation_with_alias_mapping_and_without_known_laws() -> None:
    assert parse_citation("§ 22 SGB 2", {"SGB 2": "SGB II", "SGB II": "SGB II"}) == [
        Citation("§", "22", "SGB II")
    ]
    # Without a catalogue: any abbreviation-like token after the number, no "GewO 14" style.
    assert parse_citation("§ 5 ArbSchG") == [Citation("§", "5", "ArbSchG")]
    assert parse_citation("ArbSchG 5") == []
    assert str(parse_citation("§ 27 (2) - (4) MuSchG")[0]) == "§ 27 Abs. 2-4 MuSchG"


def test_without_a_catalogue_a_book_of_the_sgb_keeps_its_number() -> None:
    assert parse_citation("§ 24 SGB VIII") == [Citation("§", "24", "SGB VIII")]
    assert parse_citation("§ 7 Abs. 1 SGB II und § 5 GewO") == [
        Citation("§", "7", "SGB II", absatz="1"),
        Citation("§", "5", "GewO"),
    ]
