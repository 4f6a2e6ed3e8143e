"""Tests for the FIM XProzess 2.0 reader (prozesse.formats.xprozess)."""

from __future__ import annotations

import base64
import io
import time
import zipfile
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest

from prozesse.formats import xprozess
from prozesse.formats.laws import read_laws
from prozesse.formats.xprozess import (
    XProzessError,
    XProzessProcess,
    embedded,
    read_xprozess,
    read_xprozess_message,
)
from tests.shared_data import SHARED_DATA, needs, require

DATA_DIR = SHARED_DATA
REAL_FILE = DATA_DIR / "xprozess" / "99006028261000-mutterschutz-anzeige.xprozess.xml"
LAWS_DIR = DATA_DIR / "gesetze"

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
MINI_BPMN = (
    f'<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="{BPMN}" id="d">'
    '<process id="p"><subProcess id="s1" name="A"/></process></definitions>'
).encode()


# ---------------------------------------------------------------------------------------------
# Real file
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_process() -> XProzessProcess:
    require(REAL_FILE)
    processes = read_xprozess(REAL_FILE.read_bytes())
    assert len(processes) == 1
    return processes[0]


def test_real_file_identity(real_process: XProzessProcess) -> None:
    p = real_process
    assert p.fim_id == "99006028261000"
    assert p.leistungsschluessel == "99006028261000"
    assert p.name == "Anzeige zur Beschäftigung einer schwangeren oder stillenden Frau bearbeiten"
    assert p.definition.startswith("Eine Frau im Sinne des Mutterschutzgesetzes ist jede Person")
    assert p.version == "01.00.00"
    assert p.has_class and p.has_process
    assert p.status_code == "2"
    assert p.verfahrensart_code == "501"
    assert p.detaillierungsstufe_code == "101"
    assert p.releasing_authority == (
        "Bundesministerium für Familie, Senioren, Frauen und Jugend (BMFSFJ)"
    )
    assert ("Prozessart", "Kernprozess") in p.characteristics
    assert "Mutterschutz" in p.keywords
    assert p.trigger_form_ids == ("D00000094",)
    assert [c.class_id for c in p.classifications][:3] == ["611", "611.07", "611.07.01"]
    assert p.participants[0].name == "Arbeitgeber"
    assert len(p.federal_state_codes) == 16
    assert p.last_modified == datetime(2022, 4, 4, 16, 0, tzinfo=UTC)
    assert p.class_state is not None and p.process_state is not None
    assert p.process_state.change_note and "Auslöser" in p.process_state.change_note
    assert p.warnings == ()


def test_real_file_legal_bases(real_process: XProzessProcess) -> None:
    by_norm = {lb.norm: lb for lb in real_process.legal_bases}
    assert {"§ 27 MuSchG", "§ 29 MuSchG"} <= set(by_norm)
    lb27 = by_norm["§ 27 MuSchG"]
    assert lb27.title == "§ 27 MuSchG"
    assert lb27.url == "https://www.gesetze-im-internet.de/muschg_2018/__27.html"
    assert (lb27.law_abbreviation, lb27.kind, lb27.paragraph) == ("MuSchG", "§", "27")
    assert lb27.law_slug == "muschg_2018"
    assert by_norm["§ 29 MuSchG"].url == "https://www.gesetze-im-internet.de/muschg_2018/__29.html"
    # The file also names § 5 ArbSchG at class level.
    assert [lb.norm for lb in real_process.legal_bases] == [
        "§ 27 MuSchG",
        "§ 29 MuSchG",
        "§ 5 ArbSchG",
    ]


def test_real_file_bpmn_and_other_files(real_process: XProzessProcess) -> None:
    assert len(real_process.bpmn_files) >= 1
    name, content = real_process.bpmn_files[0]
    assert name == "BPMN DI-Export.xml"
    root = ET.fromstring(content)
    assert root.tag == f"{{{BPMN}}}definitions"
    subprocesses = list(root.iter(f"{{{BPMN}}}subProcess"))
    assert len(subprocesses) == 12
    assert len(list(root.iter(f"{{{BPMN}}}participant"))) == 3
    assert len(list(root.iter(f"{{{BPMN}}}sequenceFlow"))) == 33

    # The FIM activity groups point at exactly these sub-processes.
    assert len(real_process.activities) == 12
    assert [a.id for a in real_process.activities] == [f"{i:02d}" for i in range(1, 13)]
    assert {a.subprocess_id for a in real_process.activities} == {
        sp.get("id") for sp in subprocesses
    }
    first = real_process.activities[0]
    assert first.name == "Anzeige empfangen"
    assert [lb.norm for lb in first.legal_bases] == ["§ 27 Abs. 1 MuSchG"]

    others = dict(real_process.other_files)
    assert set(others) == {"Modellgrafik.pdf", "Standard Report.pdf"}
    assert all(data.startswith(b"%PDF") for data in others.values())


@needs(REAL_FILE)
def test_real_file_header() -> None:
    msg = read_xprozess_message(REAL_FILE.read_bytes())
    assert msg.message_type == "alleInhalte.export.0303"
    assert msg.product == "ADONIS NP"
    assert msg.message_uuid == "7a90138d-c30e-44b9-8058-fc48be05d8ec"


@needs(LAWS_DIR)
def test_real_legal_bases_link_to_law_catalogue(real_process: XProzessProcess) -> None:
    laws = {law.slug: law for law in read_laws(LAWS_DIR)}
    muschg = [lb for lb in real_process.legal_bases if lb.law_abbreviation == "MuSchG"]
    for lb in muschg:
        law = laws[lb.law_slug]
        assert law.abbreviation == lb.law_abbreviation
        assert law.paragraph(lb.paragraph, lb.kind) is not None
    assert "arbschg" not in laws  # ArbSchG is not part of the catalogue


# ---------------------------------------------------------------------------------------------
# Synthetic messages
# ---------------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _message(processes: str = "", classes: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:alleInhalte.export.0303 xmlns:x="http://www.regierung-mv.de/xprozess/2" '
        'produkt="Test">'
        "<x:nachrichtenkopf><x:nachrichtUUID>u-1</x:nachrichtUUID></x:nachrichtenkopf>"
        f"<x:prozesskatalog><x:name>K</x:name>{classes}</x:prozesskatalog>"
        f"<x:prozessbibliothek><x:name>B</x:name>{processes}</x:prozessbibliothek>"
        "</x:alleInhalte.export.0303>"
    ).encode()


def _klass(fim_id: str, name: str) -> str:
    return (
        f"<x:prozessklasse><x:id>{fim_id}</x:id><x:name>{name}</x:name>"
        "<x:definition>Def.</x:definition>"
        "<x:handlungsgrundlage><x:name>§ 14 (1) GewO</x:name>"
        "<x:uri>https://www.gesetze-im-internet.de/gewo/__14.html</x:uri>"
        "</x:handlungsgrundlage>"
        "<x:verfahrensart><code>501</code></x:verfahrensart>"
        "</x:prozessklasse>"
    )


def _process(fim_id: str, name: str, inhalt: str | None) -> str:
    model = ""
    if inhalt is not None:
        model = (
            "<x:prozessmodell><x:prozessmodelldatei><x:dateiname>Export</x:dateiname>"
            f"<x:inhalt>{inhalt}</x:inhalt></x:prozessmodelldatei></x:prozessmodell>"
        )
    return f"<x:prozess><x:id>{fim_id}</x:id><x:name>{name}</x:name>{model}</x:prozess>"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_several_processes_and_classes() -> None:
    data = _message(
        processes=_process("11", "Prozess A", _b64(_zip({"a.bpmn": MINI_BPMN}))),
        classes=_klass("11", "Klasse A") + _klass("22", "Klasse B"),
    )
    result = {p.fim_id: p for p in read_xprozess(data)}
    assert set(result) == {"11", "22"}
    a, b = result["11"], result["22"]
    assert a.name == "Klasse A" and a.has_class and a.has_process
    assert a.bpmn_files == (("a.bpmn", MINI_BPMN),)
    assert a.legal_bases[0].norm == "§ 14 Abs. 1 GewO"
    assert a.legal_bases[0].law_slug == "gewo"
    assert a.verfahrensart_code == "501"
    assert b.has_class and not b.has_process and b.bpmn_files == ()
    assert b.leistungsschluessel is None  # not a 14-digit key


def test_non_zip_content_and_xml_classification() -> None:
    data = _message(processes=_process("1", "P", _b64(MINI_BPMN)))
    (p,) = read_xprozess(data)
    assert p.bpmn_files == (("Export.xml", MINI_BPMN),)
    zipped = _zip({"model.xml": MINI_BPMN, "notes.xml": b"<notes/>", "x.pdf": b"%PDF-1.4"})
    (p,) = read_xprozess(_message(processes=_process("1", "P", _b64(zipped))))
    assert [n for n, _ in p.bpmn_files] == ["model.xml"]
    assert [n for n, _ in p.other_files] == ["notes.xml", "x.pdf"]


def test_path_traversal_members_are_ignored() -> None:
    zipped = _zip(
        {
            "../../etc/evil.bpmn": MINI_BPMN,
            "/abs/evil.bpmn": MINI_BPMN,
            "C:/win/evil.bpmn": MINI_BPMN,
            "sub/ok.bpmn": MINI_BPMN,
        }
    )
    (p,) = read_xprozess(_message(processes=_process("1", "P", _b64(zipped))))
    assert [n for n, _ in p.bpmn_files] == ["sub/ok.bpmn"]
    assert len(p.warnings) == 3
    assert all("unzulässigem Pfad" in w for w in p.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leer"),
        (b"das ist kein XML", "kein gültiges XML"),
        (b"<root><unclosed></root>", "kein gültiges XML"),
        (b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', "Keine XProzess"),
        (b"<html><body>Hallo</body></html>", "Keine XProzess"),
    ],
)
def test_malformed_input(data: bytes, message: str) -> None:
    with pytest.raises(XProzessError, match=message):
        read_xprozess(data)


def test_dtd_and_entities_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<x:alleInhalte.export.0303 xmlns:x="http://www.regierung-mv.de/xprozess/2">&b;'
        b"</x:alleInhalte.export.0303>"
    )
    with pytest.raises(XProzessError, match="DTD"):
        read_xprozess(bomb)


def test_message_without_processes() -> None:
    with pytest.raises(XProzessError, match="weder eine Prozessklasse noch einen Prozess"):
        read_xprozess(_message())


def test_broken_base64() -> None:
    with pytest.raises(XProzessError, match="nicht gültig Base64"):
        read_xprozess(_message(processes=_process("1", "P", "UEsDBA=!!nicht-base64*")))


def test_corrupt_zip() -> None:
    corrupt = b"PK\x03\x04" + b"\x00garbage" * 20
    with pytest.raises(XProzessError, match="kein gültiges ZIP"):
        read_xprozess(_message(processes=_process("1", "P", _b64(corrupt))))
    # Valid directory, damaged member data (CRC mismatch).
    good = bytearray(_zip({"a.bpmn": MINI_BPMN * 5}))
    good[40:48] = b"XXXXXXXX"
    with pytest.raises(XProzessError, match="ZIP"):
        read_xprozess(_message(processes=_process("1", "P", _b64(bytes(good)))))


def test_zip_bomb_is_refused() -> None:
    # ~60 MB of zeros compresses to ~60 KB: over the 50 MB uncompressed limit.
    buf = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("bomb.bpmn", "w") as member,
    ):
        for _ in range(60):
            member.write(chunk)
    assert len(buf.getvalue()) < 1024 * 1024
    with pytest.raises(XProzessError, match="entpackt zu groß"):
        read_xprozess(_message(processes=_process("1", "P", _b64(buf.getvalue()))))


def test_streaming_limit_when_declared_sizes_are_small(monkeypatch: pytest.MonkeyPatch) -> None:
    zipped = _zip({"a.bpmn": MINI_BPMN, "b.bpmn": MINI_BPMN})
    # Declared total passes, actual total of the two members does not.
    monkeypatch.setattr(embedded, "MAX_UNCOMPRESSED_BYTES", len(MINI_BPMN) * 2)
    read_xprozess(_message(processes=_process("1", "P", _b64(zipped))))
    monkeypatch.setattr(embedded, "MAX_UNCOMPRESSED_BYTES", len(MINI_BPMN) + 10)
    with pytest.raises(XProzessError, match="entpackt zu groß"):
        read_xprozess(_message(processes=_process("1", "P", _b64(zipped))))


def test_embedded_file_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "MAX_EMBEDDED_FILE_BYTES", 100)
    with pytest.raises(XProzessError, match="zu groß"):
        read_xprozess(_message(processes=_process("1", "P", _b64(b"x" * 1000))))


def test_process_without_name() -> None:
    with pytest.raises(XProzessError, match="keinen Namen"):
        read_xprozess(_message(processes="<x:prozess><x:id>1</x:id></x:prozess>"))


# ---------------------------------------------------------------------------------------------
# Nesting limit
# ---------------------------------------------------------------------------------------------


def _deeply_nested_message(levels: int) -> bytes:
    return (
        '<?xml version="1.0"?>'
        f'<xp:prozessbibliothek.export xmlns:xp="{xprozess.XPROZESS_NAMESPACE}">'
        + "<a>" * levels
        + "</a>" * levels
        + "</xp:prozessbibliothek.export>"
    ).encode()


def test_a_message_nested_a_million_levels_deep_is_refused_quickly_in_german():
    data = _deeply_nested_message(1_000_000)
    started = time.perf_counter()

    with pytest.raises(XProzessError) as refusal:
        read_xprozess(data)

    assert time.perf_counter() - started < 2
    assert str(refusal.value).startswith(
        f"XProzess-Nachricht ist zu tief verschachtelt (mehr als {xprozess.MAX_DEPTH} Ebenen)"
    )


def test_a_message_nested_just_within_the_limit_is_read_up_to_its_content_check():
    data = _deeply_nested_message(xprozess.MAX_DEPTH - 1)

    with pytest.raises(XProzessError, match="weder eine Prozessklasse noch einen Prozess"):
        read_xprozess(data)
