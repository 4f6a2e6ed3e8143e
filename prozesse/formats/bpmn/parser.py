"""Safe parsing of uploaded BPMN 2.0 files: the checks, the German refusals and ``parse_bpmn``.

Files come from uploads, so everything here assumes hostile input.

What counts as well-formed BPMN
-------------------------------
``parse_bpmn`` accepts a file only if all of these hold:

1. It is not empty and is at most ``MAX_BPMN_BYTES`` long. The size is checked before parsing.
2. Its character encoding is valid. When the XML declaration names no encoding, or names
   UTF-8, every byte sequence must be valid UTF-8. Other declared encodings (ISO-8859-1,
   windows-1252, UTF-16 with a BOM) are left to the XML parser.
3. It is well-formed XML with no DTD. A ``<!DOCTYPE ...>`` is always refused, which also
   refuses entity declarations (billion laughs) and external entities (XXE).
4. Elements are nested at most ``MAX_DEPTH`` levels deep. This is checked while the file is
   streamed, so a very deeply nested file is refused early, never walked recursively.
5. The root element is ``definitions`` in the BPMN 2.0 MODEL namespace
   (``http://www.omg.org/spec/BPMN/20100524/MODEL``). Any prefix works (``bpmn:``,
   ``bpmn2:``, ``semantic:``, a default namespace, ...).
6. ``definitions`` contains at least one ``process`` or ``collaboration``. A collaboration
   without processes (black-box pools only) is fine.

There is no schema validation. Unknown elements, vendor extensions (``extensionElements``
and foreign namespaces), dangling references and missing ids are tolerated: anything that
can't be resolved is ignored. Diagram interchange (DI) data is optional. Coordinates that
aren't finite numbers, or whose absolute value is larger than 10^7, are dropped.

Every refusal raises ``BpmnError``. Its message is German, meant for editors, and names the
problem (with line and column where the XML parser reports them).
"""

import re
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import errors as _expat_errors

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ..xml import MAX_DEPTH, parse_xml
from .builder import build_model, model_local
from .elements import BPMN_MODEL_NS
from .model import BpmnModel

__all__ = ["MAX_BPMN_BYTES", "MAX_DEPTH", "BpmnError", "parse_bpmn"]

MAX_BPMN_BYTES = 10 * 1024 * 1024


class BpmnError(ValueError):
    """The upload is not a usable BPMN 2.0 file; ``str(error)`` is a German message."""


def parse_bpmn(data: bytes) -> BpmnModel:
    """Parse an uploaded BPMN 2.0 file safely. Raises ``BpmnError`` with a German message."""
    if isinstance(data, str):
        raise TypeError("parse_bpmn erwartet Bytes, keinen Text.")
    data = bytes(data)
    _check_size(data)
    _check_not_binary(data)
    _check_encoding(data)
    root = _parse_xml(data)
    if not any(model_local(child) in ("process", "collaboration") for child in root):
        raise BpmnError(
            "Die Datei enthält keinen Prozess: Im BPMN-Modell gibt es weder einen Prozess "
            "noch eine Kollaboration (Pools)."
        )
    return build_model(root)


def _format_mb(size: int) -> str:
    value = size / (1024 * 1024)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return text.replace(".", ",")


def _check_size(data: bytes) -> None:
    if not data.strip():
        raise BpmnError("Die Datei ist leer.")
    if len(data) > MAX_BPMN_BYTES:
        size = f"{len(data) / (1024 * 1024):.1f}".replace(".", ",")
        raise BpmnError(
            f"Die Datei ist zu groß ({size} MB; erlaubt sind höchstens "
            f"{_format_mb(MAX_BPMN_BYTES)} MB)."
        )


_SIGNATURES = (
    (b"%PDF", "ein PDF-Dokument"),
    (b"\x89PNG", "ein PNG-Bild"),
    (b"\xff\xd8\xff", "ein JPEG-Bild"),
    (b"GIF8", "ein GIF-Bild"),
    (b"PK\x03\x04", "ein ZIP-Archiv (z. B. ein Word- oder Excel-Dokument)"),
    (b"\xd0\xcf\x11\xe0", "ein älteres Office-Dokument"),
    (b"{\\rtf", "ein RTF-Dokument"),
    (b"\x1f\x8b", "ein gzip-komprimiertes Archiv"),
)


def _check_not_binary(data: bytes) -> None:
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            raise BpmnError(
                f"Die Datei ist kein gültiges XML, sondern offenbar {description}. "
                "Bitte laden Sie eine BPMN-2.0-Datei (.bpmn) hoch."
            )


_ENCODING_DECL = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _declared_encoding(data: bytes) -> str | None:
    match = _ENCODING_DECL.match(data[:1024])
    return match.group(1).decode("ascii") if match else None


def _shorten(text: str, limit: int = 60) -> str:
    """Shorten file content quoted in an error message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_encoding(data: bytes) -> None:
    """Check UTF-8 documents strictly, so a broken umlaut gets a clear message."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        return  # UTF-16/32: expat checks these itself
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declared = _declared_encoding(body)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        raise BpmnError(
            f"Die Datei enthält eine ungültige Zeichenkodierung (Zeile {line}, Spalte {column}): "
            f"Das Byte 0x{data[offset]:02X} ist in UTF-8 nicht erlaubt. Vermutlich wurde ein "
            "Umlaut oder Sonderzeichen falsch gespeichert. Bitte exportieren Sie die Datei "
            "erneut als UTF-8."
        ) from None


_XML_ERRORS_DE = {
    _expat_errors.XML_ERROR_SYNTAX: "Syntaxfehler",
    _expat_errors.XML_ERROR_NO_ELEMENTS: "kein Element gefunden bzw. Datei endet unerwartet",
    _expat_errors.XML_ERROR_INVALID_TOKEN: "ungültiges Zeichen",
    _expat_errors.XML_ERROR_UNCLOSED_TOKEN: "nicht abgeschlossenes Element",
    _expat_errors.XML_ERROR_PARTIAL_CHAR: "unvollständiges Zeichen",
    _expat_errors.XML_ERROR_TAG_MISMATCH: "schließendes Tag passt nicht zum öffnenden Tag",
    _expat_errors.XML_ERROR_DUPLICATE_ATTRIBUTE: "doppeltes Attribut",
    _expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "Inhalt nach dem Wurzelelement",
    _expat_errors.XML_ERROR_UNDEFINED_ENTITY: "nicht definierte Entity",
    _expat_errors.XML_ERROR_UNKNOWN_ENCODING: "unbekannte Zeichenkodierung",
    _expat_errors.XML_ERROR_INCORRECT_ENCODING: "Zeichenkodierung passt nicht zur XML-Deklaration",
    _expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION: "nicht abgeschlossener CDATA-Abschnitt",
    _expat_errors.XML_ERROR_MISPLACED_XML_PI: "XML-Deklaration nicht am Dateianfang",
    _expat_errors.XML_ERROR_XML_DECL: "fehlerhafte XML-Deklaration",
    _expat_errors.XML_ERROR_UNBOUND_PREFIX: "nicht deklariertes Namensraum-Präfix",
    _expat_errors.XML_ERROR_BAD_CHAR_REF: "Verweis auf ein ungültiges Zeichen",
    _expat_errors.XML_ERROR_ASYNC_ENTITY: "fehlerhafte Entity",
}
_XML_ERROR_CODES = {
    _expat_errors.codes[message]: german for message, german in _XML_ERRORS_DE.items()
}
_SECURITY_MESSAGE = (
    "Die Datei enthält DTD-/Entity-Deklarationen; diese sind aus Sicherheitsgründen nicht erlaubt."
)


def _parse_xml(data: bytes) -> Element:
    """Stream-parse with defusedxml, enforcing depth and root element as early as possible."""
    try:
        root = parse_xml(data, too_deep=_too_deep, max_depth=MAX_DEPTH, check_root=_check_root)
    except BpmnError:
        raise
    except DTDForbidden as error:
        if (error.name or "").lower() == "html":
            raise BpmnError(
                "Die Datei ist ein HTML-Dokument und enthält kein BPMN-2.0-Modell."
            ) from None
        raise BpmnError(_SECURITY_MESSAGE) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise BpmnError(_SECURITY_MESSAGE) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = _XML_ERROR_CODES.get(getattr(error, "code", None), "")
        if not reason:
            reason = str(error).split(": line")[0]
        raise BpmnError(
            f"Die Datei ist kein gültiges XML (Zeile {line}, Spalte {column + 1}): {reason}."
        ) from None
    except LookupError:  # unknown encoding in the XML declaration
        declared = _declared_encoding(data.removeprefix(b"\xef\xbb\xbf")) or "?"
        raise BpmnError(
            f"Die Datei verwendet eine unbekannte Zeichenkodierung ('{_shorten(declared)}')."
        ) from None
    except (ValueError, UnicodeError) as error:
        raise BpmnError(f"Die Datei konnte nicht als XML gelesen werden ({error}).") from None
    if root is None:
        raise BpmnError("Die Datei enthält kein XML-Element.")
    return root


def _too_deep(limit: int) -> BpmnError:
    return BpmnError(f"Die Datei ist zu tief verschachtelt (mehr als {limit} Ebenen).")


def _check_root(element: Element) -> None:
    tag = element.tag
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local != "definitions":
        raise BpmnError(
            "Die Datei enthält kein BPMN-2.0-Modell "
            f"(Wurzelelement '{_shorten(local)}' statt 'definitions')."
        )
    if namespace != BPMN_MODEL_NS:
        where = f"im Namensraum '{_shorten(namespace)}'" if namespace else "ohne Namensraum"
        raise BpmnError(
            f"Die Datei enthält kein BPMN-2.0-Modell (Wurzelelement 'definitions' {where} "
            f"statt im Namensraum '{BPMN_MODEL_NS}')."
        )
