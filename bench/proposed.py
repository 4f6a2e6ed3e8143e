"""Fixes the benchmark proposes outside ``bench/``, applied only inside a benchmark process to
measure their effect (reported as such, never silently). The real code is unchanged.

``steps_search_text``: ``ProcessPage.steps_search_text`` iterates the StreamField, which
resolves every step's IT-system snippet chooser with a query per page (and again for each index
field group the database backend builds). The index only needs the step texts, which the raw
JSON already holds: reading ``steps.raw_data`` removes those queries.
"""

from __future__ import annotations

import contextlib


def _steps_search_text_from_raw_data(self) -> str:
    lines = []
    for block in self.steps.raw_data:
        value = block.get("value") or {}
        lines += [value.get("name"), value.get("responsible_role"), value.get("description")]
    return "\n".join(line for line in lines if line)


FIXES = {"steps_search_text": "ProcessPage.steps_search_text reads steps.raw_data"}


@contextlib.contextmanager
def applied():
    from prozesse.models import ProcessPage

    original = ProcessPage.steps_search_text
    ProcessPage.steps_search_text = _steps_search_text_from_raw_data
    try:
        yield list(FIXES.values())
    finally:
        ProcessPage.steps_search_text = original
