"""The relevance figures of both backends, collected by the tests in this package and printed
by the ``pytest_terminal_summary`` hook in conftest.py at the end of the run."""

from __future__ import annotations

#: backend name → the summary line (and the misses) of its run
FIGURES: dict[str, str] = {}
