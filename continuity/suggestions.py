"""What the register already knows about a process, as a first draft of its impact analysis
(``continuity.impact.suggest``): its case volume, its legal bases, deadlines named in its
text, and the recovery time recorded so far."""

from __future__ import annotations

import re

from continuity.impact import Suggestion, suggest

#: "Frist", "Fristen", "fristgerecht", "Antragsfrist", "Widerspruchsfrist" …
DEADLINE = re.compile(r"frist", re.IGNORECASE)


def _texts(page) -> list[str]:
    texts = [page.summary or "", page.outcome or "", page.trigger or ""]
    for block in page.steps.raw_data:
        value = block.get("value") or {}
        texts += [value.get("description") or "", value.get("duration") or ""]
    for block in page.legal_bases.raw_data:
        value = block.get("value") or {}
        texts += [value.get("title") or "", value.get("norm") or ""]
    return texts


def suggestion_for(page) -> Suggestion:
    """The suggested ratings and RTO for ``page`` (a process page, saved or not)."""
    return suggest(
        case_volume=page.case_volume,
        has_legal_bases=bool(page.legal_bases.raw_data),
        mentions_deadline=any(DEADLINE.search(text) for text in _texts(page)),
        rto_hours=page.rto_hours,
    )
