"""What the benchmark ran on: hardware, load, software versions and the code's commit."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for name in ("Django", "wagtail", "modelsearch", "psycopg", "opensearch-py"):
        with contextlib.suppress(PackageNotFoundError):
            found[name] = version(name)
    return found


def _database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def _engine_version() -> str:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    if not hasattr(backend, "es"):
        return "none (database backend)"
    info = backend.es.info()
    version = info.get("version", {})
    return f"{version.get('distribution', 'elasticsearch')} {version.get('number', '?')}"


def python_reference_ms() -> float:
    """Median time of a fixed pure-Python loop (ms): the same "AMD EPYC, 2 cores" is not equally
    fast on every day; reports from different days compare after dividing by this figure."""
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        sum(range(1_000_000))
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def machine_info() -> dict:
    # Reports of earlier runs in bench/results are not changes to the code being measured.
    status = _git("status", "--porcelain", "--", ".", ":(exclude)bench/results")
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "python_reference_ms": python_reference_ms(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "versions": _versions(),
        "database": _database_version(),
        "search_engine": _engine_version(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(status),
    }
