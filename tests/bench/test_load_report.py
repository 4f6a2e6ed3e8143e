"""Where the load report is written: the goal's run and capacity runs side by side."""

from __future__ import annotations

from types import SimpleNamespace

from bench.load.report import write_report


def load_result(staff: int) -> dict:
    """A load run's result as bench/load/run.py stores it, with one route."""
    route = {
        "route": "all routes",
        "method": "",
        "requests": 10,
        "failures": 0,
        "requests_per_s": 1.0,
        "p50_ms": 100.0,
        "p95_ms": 200.0,
        "p99_ms": 250.0,
        "server_cpu_ms_median": None,
        "server_cpu_ms_mean": None,
    }
    options = {"staff": staff, "editors": 5, "spawn_rate": 10.0, "duration_s": 120}
    options |= {"warmup_s": 20, "workers": 4}
    return {
        "started_at": "2026-12-04T16:53:19+01:00",
        "elapsed_s": 120,
        "load_before": [0.1, 0.1, 0.1],
        "load_after": [2.0, 1.0, 0.5],
        "options": options,
        "data": {"reused": True, "process_pages": 100_000},
        "machine": {"commit": "abc1234", "cores": 2, "python_reference_ms": 10.1},
        "routes": [route],
        "failures": [],
        "cpu_seconds": {"application (gunicorn)": 1.0},
        "cpu_ms_per_request": {"application (gunicorn)": 100.0},
    }


def test_a_run_with_the_goals_hundred_staff_is_the_load_report_of_its_size(tmp_path):
    options = SimpleNamespace(output_dir=tmp_path, size=100_000, staff=100)

    _json_path, md_path = write_report(load_result(100), options)

    assert md_path.name == "load-100k.md"
    assert "speed reference `sum(range(10**6))` 10.1 ms" in md_path.read_text()


def test_a_capacity_run_with_fewer_staff_is_written_beside_it(tmp_path):
    options = SimpleNamespace(output_dir=tmp_path, size=100_000, staff=50)

    json_path, md_path = write_report(load_result(50), options)

    assert (json_path.name, md_path.name) == ("load-100k-50-staff.json", "load-100k-50-staff.md")
