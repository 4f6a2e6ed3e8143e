"""Prints the real-text relevance table at the end of the run (computed by the tests in this
package; only the search engine's figures are asserted)."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    # Local: the test module owns the figures; importing it here at collection time is fine.
    from tests.search.realdata.test_real_text_relevance import MEASURED, table

    if MEASURED:
        terminalreporter.section("search relevance on real text (per query kind)")
        terminalreporter.write_line(table())
