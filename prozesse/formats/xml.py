"""Safe, depth-limited streaming of untrusted XML, shared by the BPMN and XProzess readers.

The bytes are parsed with :mod:`defusedxml` (DTDs, entity declarations and external
references are refused) as a stream of start/end events, so nesting deeper than the limit is
refused as soon as it is reached, before a huge tree is built. Each format turns the failures
into its own error type and German message: it passes a factory for the depth error and
catches the parser's exceptions itself. Plain Python, no Django.
"""

import io
from collections.abc import Callable
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as _defused_et

__all__ = ["MAX_DEPTH", "parse_xml"]

#: Deepest element nesting accepted (BPMN and XProzess 2.0 files need about 15 levels).
MAX_DEPTH = 200


def parse_xml(
    data: bytes,
    *,
    too_deep: Callable[[int], Exception],
    max_depth: int = MAX_DEPTH,
    check_root: Callable[[Element], None] | None = None,
) -> Element | None:
    """Stream-parse ``data`` and return the root element (None if there is none).

    Raises ``too_deep(max_depth)`` as soon as an element is nested more than ``max_depth``
    levels deep. ``check_root`` is called with the root element as soon as it starts, so a
    format can refuse foreign XML early (by raising its own error). Everything else the
    parser raises (``defusedxml.DefusedXmlException`` and its subclasses, ``ParseError``,
    ``LookupError`` for an unknown encoding, ``ValueError``) is left to the caller.
    """
    depth = 0
    root: Element | None = None
    events = _defused_et.iterparse(
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
        if depth > max_depth:
            raise too_deep(max_depth)
        if root is None:
            root = element
            if check_root is not None:
                check_root(element)
    return root
