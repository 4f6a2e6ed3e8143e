"""Prints the relevance figures of both backends at the end of the run (they are computed by
the tests in this package; only the search engine's figure is asserted)."""

from __future__ import annotations

from tests.search.relevance.figures import FIGURES


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("search relevance (success@3)")
        for line in FIGURES.values():
            terminalreporter.write_line(line)
