"""Reader for FIM XProzess 2.0 messages (e.g. ``alleInhalte.export.0303`` from ADONIS NP).

An XProzess message may carry a *Prozesskatalog* with *Prozessklassen* (name, definition,
legal bases, Verfahrensart, ...) and a *Prozessbibliothek* with *Prozesse* (the concrete
model: participants, activity groups, and base64-encoded ZIP files with the BPMN export and
PDF renderings).  For FIM "Stammprozesse" class and process share the same 14-digit id (the
LeiKa/FIM Leistungsschlüssel), so :func:`read_xprozess` merges them into one
:class:`XProzessProcess` per id.  A class without process (or vice versa) still yields a
record with the fields that are available.

Security: XML is parsed with :mod:`defusedxml` (DTDs, entity declarations and external
references are refused) as a stream, and elements nested deeper than ``MAX_DEPTH`` levels stop
the parse at once (a million nested elements would otherwise build a tree of hundreds of
megabytes); the embedded files are size-limited before and after base64
decoding, ZIP archives are checked against a total-uncompressed-size limit (zip bombs) while
actually decompressing, and member names with absolute paths or ``..`` are ignored.

Code-list values (status, Verfahrensart, Detaillierungsstufe, ...) are returned as the raw
codes of the respective XProzess code lists; mapping them to labels is left to the caller.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as safe_iterparse

from .laws import parse_citation

__all__ = [
    "MAX_DEPTH",
    "MAX_EMBEDDED_FILE_BYTES",
    "MAX_MESSAGE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "XPROZESS_NAMESPACE",
    "Classification",
    "LegalBasis",
    "Participant",
    "XProzessActivity",
    "XProzessError",
    "XProzessMessage",
    "XProzessProcess",
    "XProzessState",
    "read_xprozess",
    "read_xprozess_message",
]

XPROZESS_NAMESPACE = "http://www.regierung-mv.de/xprozess/2"
BPMN_MODEL_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL"

#: Largest XProzess message accepted (bytes).
MAX_MESSAGE_BYTES = 200 * 1024 * 1024
#: Largest embedded file accepted after base64 decoding (bytes).
MAX_EMBEDDED_FILE_BYTES = 50 * 1024 * 1024
#: Largest total uncompressed size of all members of one embedded ZIP (bytes).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
#: Largest number of members in one embedded ZIP.
MAX_ZIP_MEMBERS = 1000
#: Deepest element nesting accepted (XProzess 2.0 needs about 15 levels; as for BPMN files).
MAX_DEPTH = 200

_X = f"{{{XPROZESS_NAMESPACE}}}"
# Errors a damaged member may raise while decompressing (LZMA errors subclass Exception only).
_ZIP_MEMBER_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
try:  # pragma: no cover - lzma is optional in some Python builds
    import lzma

    _ZIP_MEMBER_ERRORS += (lzma.LZMAError,)
except ImportError:  # pragma: no cover
    pass
_CHUNK = 64 * 1024
_GII_URL_RE = re.compile(
    r"gesetze-im-internet\.de/(?P<slug>[^/]+)/(?:__(?P<par>\d+[a-z]*)|art_(?P<art>\d+[a-z]*))"
    r"\.html",
    re.IGNORECASE,
)


class XProzessError(ValueError):
    """The message cannot be read (message in German, for the import command's output)."""


@dataclass(frozen=True)
class LegalBasis:
    """A legal basis (``handlungsgrundlage``).

    ``title`` is the name as given in the file (whitespace-normalised, e.g.
    ``"§ 27 (1) - (4) MuSchG"``); ``norm`` is the normalised citation
    (``"§ 27 Abs. 1-4 MuSchG"``), or the title if it is not a recognisable citation.
    ``law_abbreviation``/``kind``/``paragraph``/``absatz`` are the parsed parts; ``law_slug``
    is the gesetze-im-internet.de slug from the URL (``"muschg_2018"``; matches
    :attr:`prozesse.importers.laws.Law.slug`).  ``kind_code`` is the
    ``handlungsgrundlagenart`` code.
    """

    title: str
    norm: str
    url: str | None
    law_abbreviation: str | None = None
    kind: str | None = None
    paragraph: str | None = None
    absatz: str | None = None
    law_slug: str | None = None
    kind_code: str | None = None

    @property
    def paragraph_norm(self) -> str | None:
        """Citation of the whole paragraph without Absatz (``"§ 27 MuSchG"``)."""
        if not (self.kind and self.paragraph and self.law_abbreviation):
            return None
        return f"{self.kind} {self.paragraph} {self.law_abbreviation}"


@dataclass(frozen=True)
class Classification:
    """Position of the process in a classification (``klassifikation``)."""

    framework: str  # ordnungsrahmenName
    class_id: str
    class_name: str
    framework_version: str | None = None


@dataclass(frozen=True)
class Participant:
    """A process participant (``prozessteilnehmer``) with its role code."""

    name: str
    role_code: str | None


@dataclass(frozen=True)
class XProzessState:
    """Status information (``zustandsangaben``) of a process class or process."""

    status_code: str | None
    last_modified: datetime | None
    last_editor: str | None
    change_note: str | None
    valid_from: datetime | None
    valid_until: datetime | None
    technical_release: datetime | None  # fachlicherFreigabezeitpunkt
    formal_release: datetime | None  # formellerFreigabezeitpunkt


@dataclass(frozen=True)
class XProzessActivity:
    """An FIM activity group (``aktivitaetengruppe``) of the process structure.

    ``subprocess_id`` is the id of the corresponding ``subProcess`` in the embedded BPMN
    model; ``reference_type_code`` the FIM reference-activity-group type (code list
    ``referenzaktivitaetengruppe``).
    """

    id: str
    name: str
    description: str
    subprocess_id: str | None
    reference_type_code: str | None
    legal_bases: tuple[LegalBasis, ...] = ()


@dataclass(frozen=True)
class XProzessProcess:
    """One FIM process: the process class merged with the process of the same id.

    Files: ``bpmn_files`` are (file name, bytes) of every BPMN 2.0 document found in the
    process-model file (``prozessmodelldatei``, usually a ZIP); ``other_files`` are all other
    embedded files (e.g. the PDF renderings from ``visualisierungsdatei`` and
    ``beschreibungsdatei``).  ``warnings`` lists (German) notes on skipped ZIP members.
    """

    fim_id: str
    name: str
    definition: str
    legal_bases: tuple[LegalBasis, ...]
    bpmn_files: tuple[tuple[str, bytes], ...]
    other_files: tuple[tuple[str, bytes], ...]
    version: str | None = None
    designation: str | None = None  # bezeichnung
    description: str | None = None  # prozesssteckbrief/beschreibung
    keywords: tuple[str, ...] = ()
    classifications: tuple[Classification, ...] = ()
    characteristics: tuple[tuple[str, str], ...] = ()  # merkmal (name, value)
    releasing_authority: str | None = None  # fachlichFreigebendeStelle
    verfahrensart_code: str | None = None
    handlungsform_code: str | None = None
    zwecksetzung_code: str | None = None
    operatives_ziel_code: str | None = None
    detaillierungsstufe_code: str | None = None
    modelling_method: str | None = None  # e.g. "FIM"
    participants: tuple[Participant, ...] = ()
    trigger_form_ids: tuple[str, ...] = ()  # ausloeser/formularID
    result_form_ids: tuple[str, ...] = ()  # ergebnis/formularID
    federal_state_codes: tuple[str, ...] = ()  # verwaltungspolitischeKodierung/bundesland
    activities: tuple[XProzessActivity, ...] = ()
    class_state: XProzessState | None = None
    process_state: XProzessState | None = None
    has_class: bool = True
    has_process: bool = True
    warnings: tuple[str, ...] = ()

    @property
    def leistungsschluessel(self) -> str | None:
        """The LeiKa/FIM Leistungsschlüssel: for FIM processes the 14-digit id itself."""
        return self.fim_id if re.fullmatch(r"\d{14}", self.fim_id) else None

    @property
    def state(self) -> XProzessState | None:
        """Status of the process if present, otherwise of the process class."""
        return self.process_state or self.class_state

    @property
    def status_code(self) -> str | None:
        state = self.state
        return state.status_code if state else None

    @property
    def last_modified(self) -> datetime | None:
        state = self.state
        return state.last_modified if state else None


@dataclass(frozen=True)
class XProzessMessage:
    """A whole message: header data and the processes it carries."""

    message_type: str  # local name of the root element, e.g. "alleInhalte.export.0303"
    message_uuid: str | None
    created_at: datetime | None
    author: str | None
    product: str | None  # e.g. "ADONIS NP"
    processes: tuple[XProzessProcess, ...] = field(default_factory=tuple)


def read_xprozess(data: bytes) -> list[XProzessProcess]:
    """Read all processes (process classes merged with processes) of an XProzess message.

    Raises :class:`XProzessError` with a German message for anything that is not a readable
    XProzess 2.0 message (not XML, forbidden DTD/entities, other XML vocabulary, broken
    base64 or ZIP content, size limits exceeded, no process in the message).
    """
    return list(read_xprozess_message(data).processes)


def read_xprozess_message(data: bytes) -> XProzessMessage:
    """Like :func:`read_xprozess`, but also returns the message header."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise XProzessError("XProzess-Nachricht muss als Bytes übergeben werden.")
    data = bytes(data)
    if len(data) > MAX_MESSAGE_BYTES:
        raise XProzessError(
            f"XProzess-Nachricht ist zu groß ({len(data)} Bytes, "
            f"höchstens {MAX_MESSAGE_BYTES} Bytes erlaubt)."
        )
    if not data.strip():
        raise XProzessError("XProzess-Nachricht ist leer.")
    try:
        root = _parse_xml(data)
    except DefusedXmlException as exc:
        raise XProzessError(
            "XProzess-Nachricht enthält eine DTD, Entitäten oder externe Verweise; "
            "das ist aus Sicherheitsgründen nicht erlaubt."
        ) from exc
    except ParseError as exc:
        raise XProzessError(f"Datei ist kein gültiges XML: {exc}") from exc

    if not root.tag.startswith(_X):
        raise XProzessError(
            f"Keine XProzess-2.0-Nachricht: Wurzelelement {_display_tag(root.tag)} "
            f"(erwartet Namensraum {XPROZESS_NAMESPACE})."
        )

    header = root.find(f"{_X}nachrichtenkopf")
    classes = [
        el for cat in root.iter(f"{_X}prozesskatalog") for el in cat.iter(f"{_X}prozessklasse")
    ]
    processes = [
        el for lib in root.iter(f"{_X}prozessbibliothek") for el in lib.iter(f"{_X}prozess")
    ]
    if not classes and not processes:
        raise XProzessError(
            "XProzess-Nachricht enthält weder eine Prozessklasse noch einen Prozess."
        )

    result = _merge(classes, processes)
    return XProzessMessage(
        message_type=root.tag[len(_X) :],
        message_uuid=_text(header, "nachrichtUUID"),
        created_at=_datetime(_text(header, "erstellungszeitpunkt")),
        author=_text(header, "autor"),
        product=root.get("produkt"),
        processes=tuple(result),
    )


def _parse_xml(data: bytes) -> Element:
    """Stream-parse with defusedxml, refusing too deep nesting as soon as it is reached."""
    depth = 0
    root: Element | None = None
    events = safe_iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    for event, element in events:
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise XProzessError(
                f"XProzess-Nachricht ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); "
                "so tief verschachtelte Dateien werden aus Sicherheitsgründen nicht gelesen."
            )
        if root is None:
            root = element
    if root is None:  # pragma: no cover - expat reports "no element found" first
        raise ParseError("no element found")
    return root


# --------------------------------------------------------------------------------------------
# Merging classes and processes
# --------------------------------------------------------------------------------------------


def _merge(classes: list[Element], processes: list[Element]) -> list[XProzessProcess]:
    class_by_id: dict[str, Element] = {}
    for cls in classes:
        cid = _text(cls, "id")
        if not cid:
            raise XProzessError("Prozessklasse ohne ID in der XProzess-Nachricht.")
        class_by_id.setdefault(cid, cls)

    used_classes: set[str] = set()
    result: list[XProzessProcess] = []
    for proc in processes:
        pid = _text(proc, "id")
        if not pid:
            raise XProzessError("Prozess ohne ID in der XProzess-Nachricht.")
        cls_id = pid if pid in class_by_id else None
        if cls_id is None:  # fall back to a classification pointing at a known class
            for klass in proc.findall(f"{_X}klassifikation"):
                ref = _text(klass, "klasseID")
                if ref in class_by_id:
                    cls_id = ref
                    break
        cls = class_by_id.get(cls_id) if cls_id else None
        if cls_id:
            used_classes.add(cls_id)
        result.append(_build(pid, cls, proc))
    for cid, cls in class_by_id.items():
        if cid not in used_classes:
            result.append(_build(cid, cls, None))
    return result


def _build(fim_id: str, cls: Element | None, proc: Element | None) -> XProzessProcess:
    sources = [el for el in (cls, proc) if el is not None]
    brief = proc.find(f"{_X}prozesssteckbrief") if proc is not None else None

    def first(tag: str, *, parents: list[Element | None] | None = None) -> str | None:
        for el in parents if parents is not None else sources:
            value = _text(el, tag)
            if value:
                return value
        return None

    # Legal bases: those of the class; for a process without class those of its description.
    legal_elems: list[Element] = []
    if cls is not None:
        legal_elems = cls.findall(f"{_X}handlungsgrundlage")
    if not legal_elems and brief is not None:
        legal_elems = brief.findall(f"{_X}handlungsgrundlage")
    if not legal_elems and proc is not None:
        legal_elems = proc.findall(f"{_X}handlungsgrundlage")

    bpmn_files: list[tuple[str, bytes]] = []
    other_files: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    model = proc.find(f"{_X}prozessmodell") if proc is not None else None
    if model is not None:
        for child in model:
            if not child.tag.startswith(_X) or child.find(f"{_X}inhalt") is None:
                continue
            role = child.tag[len(_X) :]
            files = _embedded_files(child, fim_id, warnings)
            for fname, content in files:
                if role == "prozessmodelldatei" and _is_bpmn(fname, content):
                    bpmn_files.append((fname, content))
                else:
                    other_files.append((fname, content))

    structure = proc.find(f"{_X}prozessstrukturbeschreibung") if proc is not None else None
    modelling_method = None
    activities: list[XProzessActivity] = []
    if structure is not None:
        method = structure.find(f"{_X}modellierungsmethode")
        if method is not None:
            modelling_method = _text(method, "freitext") or _code(method, "code")
        for group in structure.iter(f"{_X}aktivitaetengruppe"):
            activities.append(
                XProzessActivity(
                    id=_text(group, "id") or "",
                    name=_text(group, "name") or "",
                    description=_text(group, "beschreibung", keep_lines=True) or "",
                    subprocess_id=_text(group, "subProzessID"),
                    reference_type_code=_code(group, "referenzaktivitaetengruppeTyp"),
                    legal_bases=tuple(
                        _legal_basis(h) for h in group.findall(f"{_X}handlungsgrundlage")
                    ),
                )
            )
        activities.sort(key=_activity_sort_key)

    keywords: list[str] = []
    for el in sources:
        for kw in el.findall(f"{_X}schlagwort"):
            keywords.extend(k.strip() for k in (kw.text or "").split("|") if k.strip())

    classifications = []
    for el in sources:
        for klass in el.findall(f"{_X}klassifikation"):
            classifications.append(
                Classification(
                    framework=_text(klass, "ordnungsrahmenName") or "",
                    class_id=_text(klass, "klasseID") or "",
                    class_name=_text(klass, "klasseName") or "",
                    framework_version=_text(klass, "ordnungsrahmenVersion"),
                )
            )

    characteristics = []
    for el in sources:
        for merkmal in el.findall(f"{_X}merkmal"):
            name = _text(merkmal, "merkmalName")
            if name:
                characteristics.append((name, _text(merkmal, "merkmalWert") or ""))

    participants: list[Participant] = []
    trigger_ids: list[str] = []
    result_ids: list[str] = []
    states: list[str] = []
    if brief is not None:
        for part in brief.findall(f"{_X}prozessteilnehmer"):
            participants.append(Participant(_text(part, "name") or "", _code(part, "rolle")))
        for trig in brief.findall(f"{_X}ausloeser"):
            trigger_ids += [t.strip() for t in _texts(trig, "formularID")]
        for res in brief.findall(f"{_X}ergebnis"):
            result_ids += [t.strip() for t in _texts(res, "formularID")]
        for kod in brief.findall(f"{_X}verwaltungspolitischeKodierung"):
            code = _code(kod, "bundesland")
            if code:
                states.append(code)

    name = first("name") or ""
    if not name:
        raise XProzessError(f"Prozess {fim_id} hat keinen Namen.")

    return XProzessProcess(
        fim_id=fim_id,
        name=name,
        definition=_first_text([cls, brief], "definition") or "",
        legal_bases=tuple(_legal_basis(h) for h in legal_elems),
        bpmn_files=tuple(bpmn_files),
        other_files=tuple(other_files),
        version=first("version"),
        designation=first("bezeichnung"),
        description=_first_text([brief, cls], "beschreibung", keep_lines=True),
        keywords=tuple(dict.fromkeys(keywords)),
        classifications=tuple(dict.fromkeys(classifications)),
        characteristics=tuple(dict.fromkeys(characteristics)),
        releasing_authority=first("fachlichFreigebendeStelle"),
        verfahrensart_code=_first_code([cls, brief, proc], "verfahrensart"),
        handlungsform_code=_first_code([cls, brief, proc], "handlungsform"),
        zwecksetzung_code=_first_code([cls, brief, proc], "zwecksetzung"),
        operatives_ziel_code=_first_code([cls, brief, proc], "operativesZiel"),
        detaillierungsstufe_code=_first_code([brief, proc, cls], "detaillierungsstufe"),
        modelling_method=modelling_method,
        participants=tuple(participants),
        trigger_form_ids=tuple(t for t in trigger_ids if t),
        result_form_ids=tuple(t for t in result_ids if t),
        federal_state_codes=tuple(states),
        activities=tuple(activities),
        class_state=_state(cls),
        process_state=_state(proc),
        has_class=cls is not None,
        has_process=proc is not None,
        warnings=tuple(warnings),
    )


def _activity_sort_key(activity: XProzessActivity) -> tuple[int, int, str]:
    if activity.id.isdigit():
        return (0, int(activity.id), activity.id)
    return (1, 0, activity.id)


def _legal_basis(el: Element) -> LegalBasis:
    title = _text(el, "name") or ""
    url = _text(el, "uri")
    kind_code = _code(el, "art")
    law = kind = paragraph = absatz = slug = None
    citations = parse_citation(title)
    if citations:
        c = citations[0]
        law, kind, paragraph, absatz = c.law_abbreviation, c.kind, c.number, c.absatz
        norm = str(c) if len(citations) == 1 else "; ".join(str(x) for x in citations)
    else:
        norm = title
    if url:
        m = _GII_URL_RE.search(url)
        if m:
            slug = m.group("slug").lower()
            if paragraph is None:
                kind = "Art." if m.group("art") else "§"
                paragraph = m.group("art") or m.group("par")
    return LegalBasis(
        title=title,
        norm=norm,
        url=url,
        law_abbreviation=law,
        kind=kind,
        paragraph=paragraph,
        absatz=absatz,
        law_slug=slug,
        kind_code=kind_code,
    )


def _state(el: Element | None) -> XProzessState | None:
    if el is None:
        return None
    st = el.find(f"{_X}zustandsangaben")
    if st is None:
        return None
    period = st.find(f"{_X}gueltigkeitszeitraum")
    return XProzessState(
        status_code=_code(st, "status"),
        last_modified=_datetime(_text(st, "letzterAenderungszeitpunkt")),
        last_editor=_text(st, "letzterBearbeiter"),
        change_note=_text(st, "anmerkungLetzteAenderung"),
        valid_from=_datetime(_text(period, "beginn")),
        valid_until=_datetime(_text(period, "ende")),
        technical_release=_datetime(_text(st, "fachlicherFreigabezeitpunkt")),
        formal_release=_datetime(_text(st, "formellerFreigabezeitpunkt")),
    )


# --------------------------------------------------------------------------------------------
# Embedded files (base64, usually ZIP)
# --------------------------------------------------------------------------------------------


def _embedded_files(el: Element, fim_id: str, warnings: list[str]) -> list[tuple[str, bytes]]:
    """Decode ``inhalt`` of a file element; unpack it if it is a ZIP archive."""
    label = _text(el, "dateiname") or el.tag[len(_X) :]
    encoded = "".join((el.findtext(f"{_X}inhalt") or "").split())
    if not encoded:
        return []
    if len(encoded) // 4 * 3 > MAX_EMBEDDED_FILE_BYTES:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist zu groß "
            f"(höchstens {MAX_EMBEDDED_FILE_BYTES} Bytes erlaubt)."
        )
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist nicht gültig Base64-kodiert ({exc})."
        ) from exc
    if raw[:2] != b"PK":
        return [(_guess_name(label, raw), raw)]
    return _unzip(raw, label, fim_id, warnings)


def _unzip(raw: bytes, label: str, fim_id: str, warnings: list[str]) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist kein gültiges ZIP-Archiv ({exc})."
        ) from exc
    files: list[tuple[str, bytes]] = []
    total = 0
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise XProzessError(
                f"Prozess {fim_id}: ZIP-Archiv „{label}“ enthält zu viele Dateien ({len(infos)})."
            )
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
            raise XProzessError(
                f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist entpackt zu groß "
                f"(höchstens {MAX_UNCOMPRESSED_BYTES} Bytes erlaubt)."
            )
        for info in infos:
            if info.is_dir():
                continue
            name = _safe_member_name(info.filename)
            if name is None:
                warnings.append(
                    f"ZIP-Archiv „{label}“: Eintrag {info.filename!r} mit unzulässigem Pfad "
                    "wurde ignoriert."
                )
                continue
            if info.flag_bits & 0x1:
                warnings.append(
                    f"ZIP-Archiv „{label}“: verschlüsselter Eintrag {name!r} wurde ignoriert."
                )
                continue
            chunks: list[bytes] = []
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNCOMPRESSED_BYTES:  # declared sizes may lie
                            raise XProzessError(
                                f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist entpackt zu groß "
                                f"(höchstens {MAX_UNCOMPRESSED_BYTES} Bytes erlaubt)."
                            )
                        chunks.append(chunk)
            except XProzessError:
                raise
            except _ZIP_MEMBER_ERRORS as exc:
                raise XProzessError(
                    f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist beschädigt "
                    f"(Eintrag {name!r}: {exc})."
                ) from exc
            files.append((name, b"".join(chunks)))
    return files


def _safe_member_name(name: str) -> str | None:
    """Return a safe relative member name, or None for absolute/traversing names."""
    normalised = name.replace("\\", "/")
    if not normalised or normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised):
        return None
    parts = [p for p in normalised.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or "\x00" in normalised:
        return None
    return "/".join(parts)


def _guess_name(label: str, raw: bytes) -> str:
    if "." in label.rsplit("/", 1)[-1]:
        return label
    head = raw[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return f"{label}.pdf"
    if head.startswith(b"<"):
        return f"{label}.xml"
    return label


def _is_bpmn(name: str, content: bytes) -> bool:
    lower = name.lower()
    if lower.endswith(".bpmn") or lower.endswith(".bpmn2"):
        return True
    if not lower.endswith(".xml") and content.lstrip()[:1] != b"<":
        return False
    try:
        root = _parse_xml(content)
    except (DefusedXmlException, ParseError, ValueError):  # XProzessError is a ValueError
        return False
    return root.tag == f"{{{BPMN_MODEL_NAMESPACE}}}definitions"


# --------------------------------------------------------------------------------------------
# Small XML helpers
# --------------------------------------------------------------------------------------------


def _text(el: Element | None, tag: str, *, keep_lines: bool = False) -> str | None:
    if el is None:
        return None
    child = el.find(f"{_X}{tag}")
    if child is None or child.text is None:
        return None
    value = child.text.strip() if keep_lines else " ".join(child.text.split())
    return value or None


def _texts(el: Element, tag: str) -> list[str]:
    return [c.text for c in el.findall(f"{_X}{tag}") if c.text and c.text.strip()]


def _first_text(
    elements: list[Element | None], tag: str, *, keep_lines: bool = False
) -> str | None:
    for el in elements:
        value = _text(el, tag, keep_lines=keep_lines)
        if value:
            return value
    return None


def _code(el: Element | None, tag: str) -> str | None:
    """Value of ``<tag><code>…</code></tag>`` (code elements are not namespaced)."""
    if el is None:
        return None
    child = el.find(f"{_X}{tag}")
    if child is None:
        return None
    code = child.find("code")
    if code is None:
        code = child.find(f"{_X}code")
    if code is None or not (code.text or "").strip():
        return None
    return code.text.strip()


def _first_code(elements: list[Element | None], tag: str) -> str | None:
    for el in elements:
        value = _code(el, tag)
        if value:
            return value
    return None


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _display_tag(tag: str) -> str:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return f"„{local}“ ({ns})"
    return f"„{tag}“"
