"""The benchmark report's target checks and re-rendering (pure functions, no database)."""

from __future__ import annotations

import json

from bench import report


def measured(*, search_p95=40.0, raw_p95=30.0, query_p95=15.0, page_median=20.0, size=100_000):
    """A run's report as the harness stores it (the figures the checks read are parameters)."""

    def latency(p50, p95):
        return {"samples": 64, "p50_ms": p50, "p95_ms": p95, "p99_ms": p95, "max_ms": p95}

    return {
        "label": report.size_label(size),
        "size": size,
        "started_at": "2026-12-04T16:00:00+01:00",
        "total_seconds": 1.0,
        "load_before": [0.1, 0.1, 0.1],
        "load_after": [1.0, 0.5, 0.2],
        "machine": {
            "commit": "abc1234",
            "cpu_model": "CPU",
            "cores": 2,
            "memory_gib": 1,
            "os": "OS",
            "database": "PostgreSQL",
            "search_engine": "opensearch",
            "versions": {"python": "3.11"},
        },
        "data": {"counts": {"ProcessPage": size}, "seconds": 1.0, "pages_per_s": float(size)},
        "search": {
            "cases": 64,
            "engine": latency(10.0, search_p95),
            "raw": latency(5.0, raw_p95),
            "raw_breakdown": {report.QUERY_ONLY: latency(2.0, query_p95)},
        },
        "process_page": {
            "pages": 10,
            "samples": 30,
            "median_ms": page_median,
            "p95_ms": page_median,
            "queries_min": 22,
            "queries_max": 25,
            "queries_distribution": {"22": 10},
        },
        "reindex": {
            "engine": {
                "backend": "default",
                "pages": size,
                "objects": size,
                "seconds": 1.0,
                "pages_per_s": 900.0,
            }
        },
    }


def verdicts(derived: dict) -> dict[str, bool | None]:
    return {item["target"]: item["met"] for item in derived["targets"]}


def test_the_raw_request_is_checked_against_the_bare_query():
    derived = report.derive(measured(raw_p95=30.0, query_p95=15.0))

    assert derived["ratios"]["raw_vs_query_p95"] == 2.0
    target = next(t for t in derived["targets"] if t["target"].startswith("Raw engine p95"))
    assert target["met"] is False


def test_growth_targets_appear_only_with_a_reference_run():
    without = verdicts(report.derive(measured()))
    run = measured(search_p95=60.0, page_median=24.0)
    run["reference"] = report.reference_summary(
        measured(search_p95=30.0, page_median=22.0, size=10_000)
    )
    with_reference = verdicts(report.derive(run))

    assert not any(name.startswith("Search API p95 grows") for name in without)
    assert with_reference["Search API p95 grows ≤ 1.5 × from 10k"] is False  # 2.0 ×
    assert with_reference["Process page median flat from 10k (≤ 1.25 ×)"] is True  # 1.09 ×


def test_a_larger_run_finds_the_10k_run_in_its_report_folder(tmp_path):
    (tmp_path / "bench-10k.json").write_text(json.dumps(measured(size=10_000, search_p95=33.0)))

    assert report.find_reference(tmp_path, 100_000)["search_p95_ms"] == 33.0
    assert report.find_reference(tmp_path, 10_000) is None


def test_rerendering_keeps_the_figures_and_writes_todays_checks(tmp_path):
    (tmp_path / "bench-10k.json").write_text(json.dumps(measured(size=10_000, search_p95=30.0)))
    run = measured(search_p95=42.0)
    run["derived"] = {"ratios": {}, "targets": []}  # as written by an older harness
    path = tmp_path / "bench-100k.json"
    path.write_text(json.dumps(run))

    markdown = report.rerender(path).read_text()

    rewritten = json.loads(path.read_text())
    assert rewritten["search"]["engine"]["p95_ms"] == 42.0
    assert rewritten["derived"]["ratios"]["search_growth_p95"] == 1.4
    assert "| Search API p95 grows ≤ 1.5 × from 10k | 1.40 | yes |" in markdown
    assert "Growth compares with the 10k run" in markdown
