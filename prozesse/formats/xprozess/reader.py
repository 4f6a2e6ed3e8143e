"""Reader for FIM XProzess 2.0 messages (e.g. ``alleInhalte.export.0303`` from ADONIS NP).

An XProzess message may carry a *Prozesskatalog* with *Prozessklassen* (name, definition,
legal bases, Verfahrensart, ...) and a *Prozessbibliothek* with *Prozesse* (the concrete
model: participants, activity groups, and base64-encoded ZIP files with the BPMN export and
PDF renderings).  For FIM "Stammprozesse" class and process share the same 14-digit id (the
LeiKa/FIM Leistungsschlüssel), so :func:`read_xprozess` merges them into one
:class:`XProzessProcess` per id.  A class without process (or vice versa) still yields a
record with the fields that are available.

Security: XML is parsed with :mod:`defusedxml` (DTDs, entity declarations and external
references are refused) as a stream (:mod:`prozesse.formats.xml`), and elements nested deeper
than ``MAX_DEPTH`` levels stop the parse at once (a million nested elements would otherwise
build a tree of hundreds of megabytes); the embedded files are limited and unpacked safely
by :mod:`.embedded`.

Code-list values (status, Verfahrensart, Detaillierungsstufe, ...) are returned as the raw
codes of the respective XProzess code lists; mapping them to labels is left to the caller.
Plain Python, no Django.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException

from ..bpmn import BPMN_MODEL_NS
from ..laws import parse_citation
from ..values import parse_iso_datetime
from ..xml import MAX_DEPTH, parse_xml
from .embedded import decode_embedded
from .records import (
    XPROZESS_NAMESPACE,
    Classification,
    LegalBasis,
    Participant,
    XProzessActivity,
    XProzessError,
    XProzessMessage,
    XProzessProcess,
    XProzessState,
)

__all__ = ["MAX_DEPTH", "MAX_MESSAGE_BYTES", "read_xprozess", "read_xprozess_message"]

#: Largest XProzess message accepted (bytes).
MAX_MESSAGE_BYTES = 200 * 1024 * 1024

_X = f"{{{XPROZESS_NAMESPACE}}}"
_GII_URL_RE = re.compile(
    r"gesetze-im-internet\.de/(?P<slug>[^/]+)/(?:__(?P<par>\d+[a-z]*)|art_(?P<art>\d+[a-z]*))"
    r"\.html",
    re.IGNORECASE,
)


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
        created_at=parse_iso_datetime(_text(header, "erstellungszeitpunkt")),
        author=_text(header, "autor"),
        product=root.get("produkt"),
        processes=tuple(result),
    )


def _parse_xml(data: bytes) -> Element:
    """Stream-parse with defusedxml, refusing too deep nesting as soon as it is reached."""
    root = parse_xml(data, too_deep=_too_deep, max_depth=MAX_DEPTH)
    if root is None:  # pragma: no cover - expat reports "no element found" first
        raise ParseError("no element found")
    return root


def _too_deep(limit: int) -> XProzessError:
    return XProzessError(
        f"XProzess-Nachricht ist zu tief verschachtelt (mehr als {limit} Ebenen); "
        "so tief verschachtelte Dateien werden aus Sicherheitsgründen nicht gelesen."
    )


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
        last_modified=parse_iso_datetime(_text(st, "letzterAenderungszeitpunkt")),
        last_editor=_text(st, "letzterBearbeiter"),
        change_note=_text(st, "anmerkungLetzteAenderung"),
        valid_from=parse_iso_datetime(_text(period, "beginn")),
        valid_until=parse_iso_datetime(_text(period, "ende")),
        technical_release=parse_iso_datetime(_text(st, "fachlicherFreigabezeitpunkt")),
        formal_release=parse_iso_datetime(_text(st, "formellerFreigabezeitpunkt")),
    )


def _embedded_files(el: Element, fim_id: str, warnings: list[str]) -> list[tuple[str, bytes]]:
    """The files in the ``inhalt`` of a file element (see :func:`decode_embedded`)."""
    label = _text(el, "dateiname") or el.tag[len(_X) :]
    encoded = "".join((el.findtext(f"{_X}inhalt") or "").split())
    if not encoded:
        return []
    return decode_embedded(encoded, label, fim_id, warnings)


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
    return root.tag == f"{{{BPMN_MODEL_NS}}}definitions"


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


def _display_tag(tag: str) -> str:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return f"„{local}“ ({ns})"
    return f"„{tag}“"
