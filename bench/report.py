"""Turning a run's figures into ratios, target checks and the Markdown + JSON reports."""

from __future__ import annotations

import json
import math
from pathlib import Path

#: The issue's targets (2 cores, 100k pages).
TARGETS = {
    "search_p95_ms": 50.0,
    "search_vs_raw_p95": 1.5,
    "db_vs_engine_p95": 5.0,
    "page_median_ms": 25.0,
    "reindex_pages_per_s": 1000.0,
    "raw_vs_query_p95": 1.5,
    "search_growth_p95": 1.5,
    "page_growth_median": 1.25,
}
#: The run whose figures the growth targets compare against (10k pages, same harness).
REFERENCE_SIZE = 10_000
#: The raw replay variant that is the bare text query (see bench.measure.BREAKDOWN).
QUERY_ONLY = "query only (no highlight, facets, suggestions)"


def size_label(size: int) -> str:
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def _ratio(a, b):
    if not a or not b or any(isinstance(v, float) and math.isnan(v) for v in (a, b)):
        return None
    return round(a / b, 2)


def reference_summary(report: dict) -> dict:
    """The figures of a run that later, larger runs are compared with."""
    search = report.get("search", {})
    page = report.get("process_page", {})
    return {
        "label": report.get("label"),
        "started_at": report.get("started_at"),
        "commit": report.get("machine", {}).get("commit"),
        "search_p95_ms": search.get("engine", {}).get("p95_ms"),
        "page_median_ms": page.get("median_ms"),
    }


def find_reference(output_dir: Path, size: int) -> dict | None:
    """The 10k run in the same report folder, for a larger run's growth targets."""
    path = Path(output_dir) / f"bench-{size_label(REFERENCE_SIZE)}.json"
    if size <= REFERENCE_SIZE or not path.is_file():
        return None
    try:
        return reference_summary(json.loads(path.read_text()))
    except (ValueError, OSError):
        return None


def derive(report: dict) -> dict:
    """Ratios and target verdicts from the measured figures (growth targets only when the
    report names a smaller reference run, ``report["reference"]``)."""
    search = report.get("search", {})
    engine = search.get("engine", {})
    database = search.get("database", {})
    raw = search.get("raw", {})
    pages = report.get("process_page", {})
    reindex = report.get("reindex", {}).get("engine") or report.get("reindex", {}).get("database")
    ratios = {
        "db_vs_engine_p50": _ratio(database.get("p50_ms"), engine.get("p50_ms")),
        "db_vs_engine_p95": _ratio(database.get("p95_ms"), engine.get("p95_ms")),
        "app_vs_raw_p50": _ratio(engine.get("p50_ms"), raw.get("p50_ms")),
        "app_vs_raw_p95": _ratio(engine.get("p95_ms"), raw.get("p95_ms")),
        "raw_vs_query_p95": _ratio(
            raw.get("p95_ms"), search.get("raw_breakdown", {}).get(QUERY_ONLY, {}).get("p95_ms")
        ),
    }
    checks = []

    def check(name, measured, target, ok):
        checks.append(
            {
                "target": name,
                "measured": measured,
                "goal": target,
                "met": bool(ok) if ok is not None else None,
            }
        )

    p95 = engine.get("p95_ms")
    check("Search API p95 ≤ 50 ms", p95, TARGETS["search_p95_ms"], p95 is not None and p95 <= 50)
    app_raw = ratios["app_vs_raw_p95"]
    check(
        "Search API p95 ≤ 1.5 × raw engine p95",
        app_raw,
        1.5,
        app_raw is not None and app_raw <= 1.5,
    )
    raw_query = ratios["raw_vs_query_p95"]
    check(
        "Raw engine p95 ≤ 1.5 × bare query p95 (highlights, facets, suggestion at most +50 %)",
        raw_query,
        TARGETS["raw_vs_query_p95"],
        raw_query is not None and raw_query <= TARGETS["raw_vs_query_p95"],
    )
    db_engine = ratios["db_vs_engine_p95"]
    check(
        "Engine p95 ≥ 5 × better than database p95",
        db_engine,
        5.0,
        db_engine is not None and db_engine >= 5,
    )
    median = pages.get("median_ms")
    check("Process page median ≤ 25 ms", median, 25.0, median is not None and median <= 25)
    # Constant = the count does not grow with the content (steps, tags, deputies …): pages
    # with the same optional parts need the same number of queries (see measure_pages).
    check(
        "Process page: constant query count (per set of optional parts)",
        f"{pages.get('queries_min')}–{pages.get('queries_max')}",
        "same count per set of parts",
        bool(pages.get("queries_constant_per_profile")),
    )
    reference = report.get("reference")
    if reference:
        label = reference.get("label")
        growth_checks = (
            (
                "search_growth_p95",
                p95,
                "search_p95_ms",
                f"Search API p95 grows ≤ 1.5 × from {label}",
            ),
            # "Flat": within the 20–25 % by which this machine's speed varies between runs.
            (
                "page_growth_median",
                median,
                "page_median_ms",
                f"Process page median flat from {label} (≤ 1.25 ×)",
            ),
        )
        for key, measured, reference_key, name in growth_checks:
            growth = _ratio(measured, reference.get(reference_key))
            ratios[key] = growth
            check(name, growth, TARGETS[key], growth is not None and growth <= TARGETS[key])
    rate = (reindex or {}).get("pages_per_s")
    check("Reindex ≥ 1,000 pages/s", rate, 1000.0, rate is not None and rate >= 1000)
    return {"ratios": ratios, "targets": checks}


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{value}{unit}"


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MiB"


def _storage_lines(storage: dict | None) -> list[str]:
    if not storage:
        return []
    database = storage["database"]
    lines = [
        "## Storage",
        "",
        f"- PostgreSQL database: {_mib(database['bytes'])}; largest tables (with indexes): "
        + ", ".join(
            f"{name} {_mib(size)}" for name, size in database["largest_tables_bytes"].items()
        ),
    ]
    engine = storage.get("engine")
    if engine:
        lines.append(
            f"- search engine: {engine['indexes']} indexes, {engine['documents']:,} documents, "
            f"{_mib(engine['primary_store_bytes'])} primary store (before replicas)"
        )
    return [*lines, ""]


def markdown(report: dict) -> str:
    machine = report["machine"]
    search = report.get("search", {})
    derived = report["derived"]
    lines = [
        f"# Benchmark: {report['label']} process pages",
        "",
        f"Run {report['started_at']} · {report['total_seconds']:.0f} s in total · "
        f"commit {machine.get('commit') or '?'}"
        + (" (with uncommitted changes)" if machine.get("uncommitted_changes") else ""),
        "",
        "## Machine",
        "",
        f"- {machine['cpu_model']}, {machine['cores']} cores, {machine['memory_gib']} GiB RAM, "
        f"{machine['os']}",
        "- speed reference: `sum(range(10**6))` takes "
        f"{machine.get('python_reference_ms', '?')} ms (median of 7; compare reports of "
        "different days relative to it)",
        f"- {machine['database']}; search engine: {machine['search_engine']}",
        f"- load average (1/5/15 min) before: {report['load_before']}, "
        f"after: {report['load_after']}",
        "- " + ", ".join(f"{k} {v}" for k, v in machine["versions"].items()),
        "",
        "## Data",
        "",
        "| What | Count |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {count:,} |" for name, count in report["data"]["counts"].items()]
    generation = report["data"]
    lines += [
        "",
        f"Generated in {generation['seconds']:.1f} s ({generation['pages_per_s']:,.0f} pages/s, "
        "bulk COPY per table of the page inheritance chain).",
        "",
        *_storage_lines(report.get("storage")),
        "## Search latency",
        "",
        f"Entry point: `{search.get('entry_point', '–')}`; {search.get('cases', 0)} cases "
        "(16 German queries × 4 filter combinations), warmed up, then timed in interleaved "
        "rounds.",
        "",
        "| Backend | samples | p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, title in (
        ("engine", f"Search engine (`{search.get('engine_backend', '?')}`)"),
        ("database", "Database backend (PostgreSQL full text)"),
        ("raw", "Raw engine requests (replayed, the floor)"),
    ):
        values = search.get(key)
        if values:
            lines.append(
                f"| {title} | {values['samples']} | {_fmt(values['p50_ms'], ' ms')} | "
                f"{_fmt(values['p95_ms'], ' ms')} | {_fmt(values['p99_ms'], ' ms')} | "
                f"{_fmt(values['max_ms'], ' ms')} |"
            )
    breakdown = search.get("raw_breakdown") or {}
    if breakdown:
        lines += [
            "",
            "What the engine request costs (raw replay with parts left out, one round):",
            "",
            "| Raw request variant | p50 | p95 |",
            "|---|---:|---:|",
        ]
        if search.get("raw_engine_took"):
            took = search["raw_engine_took"]
            lines.append(
                f"| engine's own time (`took`) of the full requests | "
                f"{_fmt(took['p50_ms'], ' ms')} | {_fmt(took['p95_ms'], ' ms')} |"
            )
        for label, values in breakdown.items():
            lines.append(
                f"| {label} | {_fmt(values['p50_ms'], ' ms')} | {_fmt(values['p95_ms'], ' ms')} |"
            )
    ratios = derived["ratios"]
    lines += [
        "",
        f"Ratios: database/engine p50 {_fmt(ratios['db_vs_engine_p50'], '×')}, "
        f"p95 {_fmt(ratios['db_vs_engine_p95'], '×')}; application/raw p50 "
        f"{_fmt(ratios['app_vs_raw_p50'], '×')}, p95 {_fmt(ratios['app_vs_raw_p95'], '×')}; "
        f"raw/bare query p95 {_fmt(ratios.get('raw_vs_query_p95'), '×')}. "
        f"Engine requests per search: {search.get('engine_requests_per_search', '–')}.",
        "",
    ]
    page = report.get("process_page", {})
    if page:
        lines += [
            "## Process page",
            "",
            f"{page['pages']} random process pages rendered by the Django test client (logged in), "
            f"{page['samples']} timed renders: median {_fmt(page['median_ms'], ' ms')}, p95 "
            f"{_fmt(page['p95_ms'], ' ms')}; SQL queries per page {page['queries_min']}–"
            f"{page['queries_max']} (distribution {page['queries_distribution']}). The count "
            "depends only on which optional parts a page has (owner, deputies, tags, IT systems, "
            "scenarios, …), not on how many: "
            + ("constant" if page.get("queries_constant_per_profile") else "**not constant**")
            + f" (smallest page: {page.get('smallest_page')}, largest: "
            f"{page.get('largest_page')}).",
            "",
        ]
    reindex = report.get("reindex", {})
    if reindex:
        lines += [
            "## Full reindex (`update_index`)",
            "",
            "| Backend | pages | objects | seconds | pages/s |",
            "|---|---:|---:|---:|---:|",
        ]
        for key, values in reindex.items():
            label = key.replace("_", " ")
            lines.append(
                f"| {label} (`{values['backend']}`) | {values['pages']:,} | "
                f"{values['objects']:,} | {values['seconds']} | {_fmt(values['pages_per_s'])} |"
            )
        lines.append("")
    seeding = report.get("seed_and_import")
    if seeding:
        lines += ["## Demo seed and imports (fresh scratch database each)", ""]
        for name, outcome in seeding.items():
            if isinstance(outcome, dict) and "seconds" in outcome:
                if not outcome["pages"] and outcome.get("catalogue_entries"):
                    entries = outcome["catalogue_entries"]
                    lines.append(
                        f"- `{name}`: {entries:,} catalogue entries (laws and paragraphs) in "
                        f"{outcome['seconds']:.1f} s ({entries / outcome['seconds']:,.0f}/s)"
                    )
                    continue
                lines.append(
                    f"- `{name}`: {outcome['pages']} pages in {outcome['seconds']:.1f} s "
                    f"({_fmt(outcome.get('pages_per_s'))} pages/s)"
                )
            else:
                lines.append(f"- `{name}`: {outcome}")
        lines.append("")
    lines += [
        "## Targets (2 cores, 100k pages)",
        "",
        "| Target | Measured | Met |",
        "|---|---:|:---:|",
    ]
    for item in derived["targets"]:
        verdict = {True: "yes", False: "**no**", None: "–"}[item["met"]]
        lines.append(f"| {item['target']} | {_fmt(item['measured'])} | {verdict} |")
    reference = report.get("reference")
    if reference:
        lines += [
            "",
            f"Growth compares with the {reference['label']} run of {reference['started_at']} "
            f"(commit {reference.get('commit') or '?'}): search API p95 "
            f"{_fmt(reference.get('search_p95_ms'), ' ms')}, process page median "
            f"{_fmt(reference.get('page_median_ms'), ' ms')}.",
        ]
    if report.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in report["notes"]]
    lines.append("")
    return "\n".join(lines)


def write(report: dict, output_dir: Path) -> tuple[Path, Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{report['label']}"
    json_path = output_dir / f"{stem}.json"
    md_path = output_dir / f"{stem}.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(report))
    return json_path, md_path


def rerender(json_path: Path) -> Path:
    """Write a report's Markdown again from its JSON with today's checks (after a change of
    the report's format or targets; the figures stay those measured)."""
    json_path = Path(json_path)
    report = json.loads(json_path.read_text())
    size = int(report.get("size") or 0)
    report["reference"] = report.get("reference") or find_reference(json_path.parent, size)
    report["derived"] = derive(report)
    _json_path, md_path = write(report, json_path.parent)
    return md_path


if __name__ == "__main__":  # python -m bench.report bench/results/bench-100k.json …
    import sys

    for name in sys.argv[1:]:
        print(rerender(Path(name)))
