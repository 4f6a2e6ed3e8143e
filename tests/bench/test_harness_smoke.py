"""The benchmark harness (bench/) at a tiny size, so it never rots: generation through the
bulk path, both reindexes, search through the application's entry point on the engine and the
database backend, the raw replay, page rendering and the report. Figures are not asserted —
benchmarks measure speed, tests do not."""

from __future__ import annotations

import json

import pytest

from bench.runner import Options, run
from prozesse.models import MunicipalityPage, ProcessPage
from search.indexes import recreate_indexes


@pytest.fixture
def restored_indexes(search_backend):
    """The harness rebuilds the indexes with ``update_index`` (aliases); put back plain ones."""
    yield search_backend
    recreate_indexes(search_backend)


def tiny(output_dir, **changes) -> Options:
    """Harness options at a tiny size, in the test database, quiet."""
    defaults = {
        "size": 40,
        "municipalities": 3,
        "repeats": 1,
        "budget_s": 5,
        "page_samples": 4,
        "page_repeats": 1,
        "fresh_database": False,
        "seed_and_import": False,
        "query_limit": 2,
        "output_dir": output_dir,
    }
    return Options(**(defaults | changes))


def test_the_harness_runs_end_to_end_at_a_tiny_size(restored_indexes, tmp_path):
    report = run(tiny(tmp_path), log=lambda message: None)

    assert ProcessPage.objects.live().count() == 40
    assert MunicipalityPage.objects.count() == 3
    page = ProcessPage.objects.live().exclude(bpmn_outline=[]).first()
    assert page is not None and page.register_key and page.steps and page.legal_bases
    assert page.municipality_id and page.department_id  # derived fields written by the bulk path
    assert ProcessPage.find_problems() == ([], [], [], [], [])  # treebeard tree is consistent

    search = report["search"]
    for key in ("engine", "database", "raw"):
        assert search[key]["samples"] == search["cases"] == 8
    assert search["hits_engine"]["Gewerbeanmeldung"] > 0
    assert search["hits_database"]["Gewerbeanmeldung"] > 0
    assert report["process_page"]["queries_min"] > 0
    assert report["reindex"]["engine"]["pages"] >= 40 + 3 + 30
    assert report["storage"]["database"]["bytes"] > 0
    assert report["storage"]["engine"]["documents"] >= report["reindex"]["engine"]["pages"]
    assert {t["target"] for t in report["derived"]["targets"]} >= {"Reindex ≥ 1,000 pages/s"}

    written = json.loads((tmp_path / "bench-40.json").read_text())
    assert written["machine"]["cores"] >= 1
    markdown = (tmp_path / "bench-40.md").read_text()
    assert "## Search latency" in markdown and "## Targets" in markdown
    assert "## Storage" in markdown


def test_engine_only_times_no_database_search_and_says_so(restored_indexes, tmp_path):
    options = tiny(
        tmp_path,
        size=20,
        municipalities=2,
        page_samples=2,
        query_limit=1,
        database_search=False,
    )
    report = run(options, log=lambda message: None)

    assert report["search"]["engine"]["samples"] == report["search"]["cases"]
    assert "database" not in report["search"]
    markdown = (tmp_path / "bench-20.md").read_text()
    assert "Database backend (PostgreSQL full text)" not in markdown
    assert "--engine-only" in markdown
