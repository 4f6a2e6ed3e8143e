"""The load report: ``bench/results/load-<size>.md`` (for people) and ``.json`` (for tools);
runs with another number of staff than the goal's 100 (capacity runs) add ``-<n>-staff``."""

from __future__ import annotations

import json
from pathlib import Path

from bench.report import size_label

#: The goal of the operations issue: on 2 cores, 100 concurrent staff, no errors, p95 ≤ 300 ms.
P95_TARGET_MS = 300.0
GOAL_STAFF = 100


def _cell(value, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{suffix}"
    return f"{value:,}{suffix}"


def _within(p95_ms: float | None) -> str:
    if p95_ms is None:
        return "–"
    return "✓" if p95_ms <= P95_TARGET_MS else "✗"


def render(result: dict, size: int) -> str:
    options = result["options"]
    machine = result["machine"]
    routes = result["routes"]
    total = next((r for r in routes if r["route"] == "all routes"), {})
    lines = [
        f"# Load test: {size_label(size)} process pages",
        "",
        f"Run {result['started_at']} · {result['elapsed_s']} s of load · "
        f"commit {machine.get('commit', '?')}",
        "",
        "## Machine and setup",
        "",
        f"- {machine.get('cpu_model', '?')}, {machine.get('cores', '?')} cores, "
        f"{machine.get('memory_gib', '?')} GiB RAM; speed reference `sum(range(10**6))` "
        f"{machine.get('python_reference_ms', '?')} ms (as in the benchmark reports)",
        f"- load average (1/5/15 min) before: {result['load_before']}, "
        f"after: {result['load_after']}",
        f"- gunicorn with {options['workers']} sync workers, production settings "
        "(`bench.load.settings`), PostgreSQL and the search engine on the same machine; "
        "the load generator (locust) too",
        f"- {options['staff']} staff (think time 0.5–2 s) and {options['editors']} editors "
        f"(2–5 s), spawned at {options['spawn_rate']}/s; measured for {options['duration_s']} s "
        f"from {options['warmup_s']} s after the last user signed in; data: "
        f"{result['data']['process_pages']:,} process pages"
        + (" (reused)" if result["data"].get("reused") else " (generated for this run)"),
        "",
        "## Per route",
        "",
        "Times in ms as the load generator saw them. *Server CPU* is the CPU time of the "
        "application thread per request (Server-Timing), median and mean — the figure to drive "
        "down; it excludes PostgreSQL's and the search engine's own work (see below). Sign-in "
        "happens before the measured window; its rows show the server CPU of signing in only.",
        "",
        "| Route | Requests | req/s | Errors | p50 | p95 | p99 | Server CPU median | "
        "Server CPU mean | p95 ≤ 300 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in sorted(routes, key=lambda r: (r["route"] == "all routes", r["route"])):
        within = _within(row["p95_ms"])
        name = f"**{row['route']}**" if row["route"] == "all routes" else row["route"]
        lines.append(
            f"| {name} {row['method']} | {row['requests']:,} | {row['requests_per_s']:.1f} | "
            f"{row['failures']} | {_cell(row['p50_ms'])} | {_cell(row['p95_ms'])} | "
            f"{_cell(row['p99_ms'])} | {_cell(row['server_cpu_ms_median'])} | "
            f"{_cell(row['server_cpu_ms_mean'])} | {within} |"
        )
    lines += [
        "",
        "## Where the CPU went",
        "",
        "CPU seconds of each part over the run, and per request served "
        f"({total.get('requests', 0):,} requests).",
        "",
        "| Part | CPU s | CPU ms per request |",
        "|---|---:|---:|",
    ]
    for label, seconds in result["cpu_seconds"].items():
        lines.append(f"| {label} | {seconds:.1f} | {_cell(result['cpu_ms_per_request'][label])} |")
    failures = result["failures"]
    lines += ["", "## Errors", ""]
    if failures:
        lines += ["| Route | Error | Count |", "|---|---|---:|"]
        lines += [f"| {f['route']} | {f['error'][:160]} | {f['occurrences']} |" for f in failures]
    else:
        lines.append("None.")
    slow = [
        r["route"]
        for r in routes
        if r["route"] != "all routes" and (r["p95_ms"] or 0) > P95_TARGET_MS
    ]
    lines += [
        "",
        "## Against the goal",
        "",
        f"- errors: {total.get('failures', 0)} (goal 0)",
        f"- routes over p95 300 ms: {', '.join(slow) if slow else 'none'}",
        f"- concurrent staff: {options['staff']} (goal {GOAL_STAFF} at 100k pages on 2 cores)",
        "",
    ]
    return "\n".join(lines)


def write_report(result: dict, options) -> tuple[Path, Path]:
    output = Path(options.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    stem = f"load-{size_label(result['data']['process_pages'] or options.size)}"
    if options.staff != GOAL_STAFF:  # a capacity run beside the goal's run, not over it
        stem += f"-{options.staff}-staff"
    json_path = output / f"{stem}.json"
    md_path = output / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(render(result, result["data"]["process_pages"] or options.size), "utf-8")
    return json_path, md_path
