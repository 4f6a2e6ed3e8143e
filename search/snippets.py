"""Highlighted snippets as safe HTML.

The search engine marks matches with two private-use characters (never HTML); the text around
them is escaped here and only the markers become ``<mark>``. Without the engine (database
fallback) :func:`highlight` finds the query's words in a live text itself, German-aware enough
for a snippet: case, umlaut spellings (ä/ae, ß/ss), common endings and compound parts.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARK_START = "\ue000"
MARK_END = "\ue001"

SNIPPET_LENGTH = 220
_WORD = re.compile(r"\w+")
_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")
_STOP_WORDS = frozenset((
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "und", "oder", "für", "von", "mit", "im", "in", "am", "an", "auf", "aus", "bei", "zum", "zur",
    "zu", "ist", "sind", "wird", "werden", "nach", "über", "wie", "was", "wer",
))  # fmt: skip


def marked_to_html(text: str) -> SafeString:
    """Escape ``text`` and turn the engine's match markers into ``<mark>`` elements."""
    escaped = str(escape(text))
    escaped = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(escaped)  # all text is escaped above; only our tags are added


def normalise(word: str) -> str:
    word = word.lower().replace("ß", "ss")
    for umlaut, plain in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o")):
        word = word.replace(umlaut, plain)
    return re.sub(r"(?<![aeiou])ue", "u", word)


def stem(word: str) -> str:
    word = normalise(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def query_stems(query: str) -> set[str]:
    return {
        stem(word)
        for word in _WORD.findall(query)
        if len(word) >= 2 and word.lower() not in _STOP_WORDS
    }


def _matches(word: str, stems: set[str]) -> bool:
    normalised = normalise(word)
    return any(
        normalised.startswith(part) or (len(part) >= 4 and part in normalised) for part in stems
    )


def highlight(text: str, query: str, length: int = SNIPPET_LENGTH) -> SafeString:
    """The part of ``text`` around the first match, matches marked; "" if nothing matches."""
    stems = query_stems(query)
    if not text or not stems:
        return mark_safe("")
    words = list(_WORD.finditer(text))
    hits = [match for match in words if _matches(match.group(), stems)]
    if not hits:
        return mark_safe("")
    # Start a little before the first hit, at a word boundary.
    start = max(0, hits[0].start() - 60)
    if start:
        following = [m.start() for m in words if m.start() >= start]
        start = following[0] if following else start
    end = min(len(text), start + length)
    if end < len(text):
        preceding = [m.end() for m in words if m.end() <= end]
        end = preceding[-1] if preceding and preceding[-1] > hits[0].end() else end
    pieces = ["…" if start else ""]
    position = start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(str(escape(text[position : match.start()])))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(str(escape(text[position:end])))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # every text piece is escaped
