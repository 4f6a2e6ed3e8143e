"""Writer for FIM XProzess 2.0 messages of type ``alleInhalte.export.0303`` – the counterpart of
:mod:`prozesse.formats.xprozess.reader` (plain Python, no Django).

It takes the reader's own records (:class:`~prozesse.formats.xprozess.XProzessProcess`), so
what the reader returns can be written again and what is written reads back the same. Per
process the message carries a *Prozessklasse* in the *Prozesskatalog* (id, version, name,
bezeichnung, definition, legal bases with links, codes, Merkmale such as the Prozessart,
classifications, keywords, status) and a *Prozess* in the *Prozessbibliothek* with the same id
(description, participants, the activity groups as FIM structure description, and the files:
the BPMN model as ``prozessmodelldatei``, further files as ``beschreibungsdatei``, each a
base64-encoded ZIP archive like the ADONIS NP exports of the federal FIM catalogue).

The element order follows the XProzess 2.0 schema as far as it is known here (the shared FIM
sample and the published type definitions); the official XSD itself was not available, so the
tests check the messages by reading them back, not against the schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from .embedded import encode_embedded
from .records import XPROZESS_NAMESPACE, LegalBasis, XProzessProcess, XProzessState

__all__ = ["MESSAGE_TYPE", "write_xprozess"]

MESSAGE_TYPE = "alleInhalte.export.0303"
_X = f"{{{XPROZESS_NAMESPACE}}}"

_CODE_LISTS = {
    "nachrichtentyp": ("urn:xoev-de:xprozess:codeliste:nachricht", "1.0"),
    "art": ("urn:xoev-de:mv:em:codeliste:xprozess:handlungsgrundlagenart", "2019-04-16"),
    "zwecksetzung": ("urn:xoev-de:xprozess:codeliste:zwecksetzung", "2020-01-20"),
    "operativesZiel": ("urn:xoev-de:xprozess:codeliste:operativesziel", "2019-08-05"),
    "handlungsform": ("urn:xoev-de:xprozess:codeliste:handlungsform", "2019-08-05"),
    "verfahrensart": ("urn:xoev-de:xprozess:codeliste:verfahrensart", "2019-08-05"),
    "merkmalDatentyp": ("urn:xoev-de:xdomea:codeliste:datentyp", "1.0"),
    "status": ("urn:xoev-de:xprozess:codeliste:status", "2020-03-19"),
    "rolle": ("urn:xoev-de:xprozess:codeliste:prozessrolle", "2019-08-05"),
    "detaillierungsstufe": ("urn:xoev-de:xprozess:codeliste:detaillierungsstufe", "2022-03-15"),
    "bundesland": (
        "urn:xoev-de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland",
        "2010-04-01",
    ),
    "referenzaktivitaetengruppeTyp": (
        "urn:xoev-de:xprozess:codeliste:referenzaktivitaetengruppe",
        "2019-08-07",
    ),
    "mimeType": ("urn:xoev-de:xprozess:codeliste:mimetype", "2020-01-20"),
}
#: Data type code of a text Merkmal (xdomea code list, as in the FIM sample).
_TEXT_DATATYPE = "038"
#: MIME type code the FIM sample gives its ZIP archives.
_ZIP_MIME_CODE = "1"

ET.register_namespace("xprozess", XPROZESS_NAMESPACE)


def write_xprozess(
    processes: Sequence[XProzessProcess],
    *,
    author: str = "Prozessregister",
    product: str = "Prozessregister",
    created_at: datetime | None = None,
    message_uuid: str | None = None,
) -> bytes:
    """One ``alleInhalte.export.0303`` message (UTF-8 bytes) carrying ``processes``."""
    root = ET.Element(
        f"{_X}{MESSAGE_TYPE}",
        {"produkt": product, "produkthersteller": author, "xprozessVersion": "2.0"},
    )
    header = _sub(root, "nachrichtenkopf")
    _sub(header, "nachrichtUUID", message_uuid or str(uuid.uuid4()))
    _code(header, "nachrichtentyp", "0303")
    _sub(header, "erstellungszeitpunkt", _iso(created_at or datetime.now(UTC)))
    _sub(header, "autor", author)

    catalogue = _sub(root, "prozesskatalog")
    _sub(catalogue, "name", f"Prozesskatalog ({product})")
    for process in processes:
        _write_class(catalogue, process)
    library = _sub(root, "prozessbibliothek")
    _sub(library, "name", f"Prozessbibliothek ({product})")
    for process in processes:
        _write_process(library, process)

    ET.indent(root, space="    ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --------------------------------------------------------------------------------------------
# Prozessklasse and Prozess
# --------------------------------------------------------------------------------------------


def _write_class(parent: ET.Element, process: XProzessProcess) -> None:
    cls = _sub(parent, "prozessklasse")
    _write_identity(cls, process)
    _sub(cls, "definition", process.definition)
    for basis in process.legal_bases:
        _write_legal_basis(cls, basis)
    _code(cls, "zwecksetzung", process.zwecksetzung_code)
    _code(cls, "operativesZiel", process.operatives_ziel_code)
    _code(cls, "handlungsform", process.handlungsform_code)
    _code(cls, "verfahrensart", process.verfahrensart_code)
    _sub(cls, "fachlichFreigebendeStelle", process.releasing_authority)
    for name, value in process.characteristics:
        merkmal = _sub(cls, "merkmal")
        _sub(merkmal, "merkmalName", name)
        _code(merkmal, "merkmalDatentyp", _TEXT_DATATYPE)
        _sub(merkmal, "merkmalWert", value)
    _write_classifications(cls, process)
    _write_keywords(cls, process)
    _write_state(cls, process.class_state)


def _write_process(parent: ET.Element, process: XProzessProcess) -> None:
    proc = _sub(parent, "prozess")
    _write_identity(proc, process)
    _sub(proc, "fachlichFreigebendeStelle", process.releasing_authority)
    _write_classifications(proc, process)
    _write_keywords(proc, process)

    brief = _sub(proc, "prozesssteckbrief")
    _sub(brief, "beschreibung", process.description)
    if process.trigger_form_ids:
        trigger = _sub(brief, "ausloeser")
        for form_id in process.trigger_form_ids:
            _sub(trigger, "formularID", form_id)
    if process.result_form_ids:
        result = _sub(brief, "ergebnis")
        for form_id in process.result_form_ids:
            _sub(result, "formularID", form_id)
    for participant in process.participants:
        element = _sub(brief, "prozessteilnehmer")
        _sub(element, "name", participant.name)
        _code(element, "rolle", participant.role_code)
    _code(brief, "detaillierungsstufe", process.detaillierungsstufe_code)
    for state_code in process.federal_state_codes:
        _code(_sub(brief, "verwaltungspolitischeKodierung"), "bundesland", state_code)

    if process.activities:
        structure = _sub(proc, "prozessstrukturbeschreibung")
        method = _sub(structure, "modellierungsmethode")
        _sub(method, "freitext", process.modelling_method or "FIM")
        fim = _sub(structure, "strukturbeschreibungFIM")
        for activity in process.activities:
            group = _sub(fim, "aktivitaetengruppe")
            _code(group, "referenzaktivitaetengruppeTyp", activity.reference_type_code)
            _sub(group, "id", activity.id)
            _sub(group, "subProzessID", activity.subprocess_id)
            _sub(group, "name", activity.name)
            _sub(group, "beschreibung", activity.description)
            for basis in activity.legal_bases:
                _write_legal_basis(group, basis)

    if process.bpmn_files or process.other_files:
        model = _sub(proc, "prozessmodell")
        if process.bpmn_files:
            _write_file(model, "prozessmodelldatei", "BPMN DI-Export", process.bpmn_files)
        if process.other_files:
            _write_file(model, "beschreibungsdatei", "Anlagen", process.other_files)
    _write_state(proc, process.process_state)


def _write_identity(parent: ET.Element, process: XProzessProcess) -> None:
    """The fields class and process share, in schema order: id, version, name, bezeichnung."""
    _sub(parent, "id", process.fim_id)
    _sub(parent, "version", process.version)
    _sub(parent, "name", process.name)
    _sub(parent, "bezeichnung", process.designation)


def _write_legal_basis(parent: ET.Element, basis: LegalBasis) -> None:
    element = _sub(parent, "handlungsgrundlage")
    _sub(element, "name", basis.title or basis.norm)
    _code(element, "art", basis.kind_code)
    _sub(element, "uri", basis.url)


def _write_classifications(parent: ET.Element, process: XProzessProcess) -> None:
    for classification in process.classifications:
        element = _sub(parent, "klassifikation")
        _sub(element, "ordnungsrahmenName", classification.framework)
        _sub(element, "ordnungsrahmenVersion", classification.framework_version)
        _sub(element, "klasseID", classification.class_id)
        _sub(element, "klasseName", classification.class_name)


def _write_keywords(parent: ET.Element, process: XProzessProcess) -> None:
    # The FIM exports join keywords with "|", which the reader splits again.
    keywords = [keyword.replace("|", "/").strip() for keyword in process.keywords]
    _sub(parent, "schlagwort", "|".join(keyword for keyword in keywords if keyword) or None)


def _write_state(parent: ET.Element, state: XProzessState | None) -> None:
    if state is None:
        return
    element = _sub(parent, "zustandsangaben")
    _sub(element, "letzterAenderungszeitpunkt", _iso(state.last_modified))
    _sub(element, "letzterBearbeiter", state.last_editor)
    _code(element, "status", state.status_code)
    _sub(element, "anmerkungLetzteAenderung", state.change_note)
    if state.valid_from or state.valid_until:
        period = _sub(element, "gueltigkeitszeitraum")
        _sub(period, "beginn", _iso(state.valid_from))
        _sub(period, "ende", _iso(state.valid_until))
    _sub(element, "fachlicherFreigabezeitpunkt", _iso(state.technical_release))
    _sub(element, "formellerFreigabezeitpunkt", _iso(state.formal_release))


def _write_file(
    parent: ET.Element, role: str, label: str, files: Sequence[tuple[str, bytes]]
) -> None:
    element = _sub(parent, role)
    _sub(element, "dateiname", label)
    _code(element, "mimeType", _ZIP_MIME_CODE)
    _sub(element, "inhalt", encode_embedded(files))


# --------------------------------------------------------------------------------------------
# Small XML helpers
# --------------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = "") -> ET.Element | None:
    """A child element; ``None`` as text means "leave the optional element out"."""
    if text is None:
        return None
    element = ET.SubElement(parent, f"{_X}{tag}")
    if text:
        element.text = text
    return element


def _code(parent: ET.Element, tag: str, value: str | None) -> None:
    """``<tag listURI=… listVersionID=…><code>value</code></tag>`` (code is not namespaced)."""
    if not value:
        return
    list_uri, version = _CODE_LISTS[tag]
    element = ET.SubElement(parent, f"{_X}{tag}", {"listURI": list_uri, "listVersionID": version})
    ET.SubElement(element, "code").text = value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
