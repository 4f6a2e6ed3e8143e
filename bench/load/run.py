"""One load run: data, accounts, a gunicorn server with production settings, locust, the report.

``scripts/bench --load`` calls :func:`run_load` (through ``python -m bench --load``). The data
are the benchmark's generated register in ``bench_<size>``: generated and indexed first when the
database has none, otherwise reused as they are.
"""

from __future__ import annotations

import csv
import datetime
import json
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError

from bench.load import accounts
from bench.load.report import write_report
from bench.machine import load_average, machine_info

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LoadOptions:
    size: int = 10_000
    municipalities: int = 50
    staff: int = 100
    editors: int = 5
    duration_s: int = 120
    spawn_rate: float = 10.0
    warmup_s: int = 20
    workers: int = 4
    port: int = 8731
    locust: Path = ROOT / ".venv-load" / "bin" / "locust"
    output_dir: Path = ROOT / "bench" / "results"


def _ensure_data(options: LoadOptions, log) -> dict:
    from bench.runner import Options, generate_and_index, reset_database
    from prozesse.models import ProcessPage

    try:
        existing = ProcessPage.objects.count()
    except DatabaseError:  # no database or no tables yet: created below
        existing = 0
    if existing:
        log(f"[load] reusing the benchmark data ({existing} process pages)")
        return {"reused": True, "process_pages": existing}
    log("[load] no data yet: migrating, generating and indexing")
    reset_database(log)
    generated = generate_and_index(
        Options(size=options.size, municipalities=options.municipalities), log
    )
    return {"reused": False, "process_pages": generated["data"]["counts"].get("ProcessPage")}


def _server_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load.settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        SECURE_COOKIES="false",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOAD_STATIC_ROOT=str(workdir / "static"),
        PYTHONPATH=str(ROOT),
    )
    return env


def _wait_until_serving(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout_s:.0f} s")


def _routes(stats_csv: Path, timings: dict, duration_s: float) -> list[dict]:
    rows = []
    with stats_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = f"{row['Type']} {row['Name']}"
            server = timings.get(key, {"cpu": [], "app": []})
            requests = int(row["Request Count"])
            rows.append(
                {
                    "route": row["Name"] if row["Type"] else "all routes",
                    "method": row["Type"],
                    "requests": requests,
                    "failures": int(row["Failure Count"]),
                    "requests_per_s": round(requests / duration_s, 2),
                    "p50_ms": _number(row["50%"]),
                    "p95_ms": _number(row["95%"]),
                    "p99_ms": _number(row["99%"]),
                    "max_ms": _number(row["Max Response Time"]),
                    "server_cpu_ms_median": _median(server["cpu"]),
                    "server_cpu_ms_mean": _mean(server["cpu"]),
                    "server_wall_ms_median": _median(server["app"]),
                }
            )
    return rows


def _number(text: str) -> float | None:
    """A figure of locust's CSV; "N/A" (a route with no request in the window) is None."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _failures(failures_csv: Path) -> list[dict]:
    if not failures_csv.exists():
        return []
    with failures_csv.open(encoding="utf-8") as handle:
        return [
            {"route": row["Name"], "error": row["Error"], "occurrences": int(row["Occurrences"])}
            for row in csv.DictReader(handle)
        ]


def run_load(options: LoadOptions, log=print) -> dict:
    """Run the load test and write ``bench/results/load-<size>.md`` and ``.json``."""
    if not options.locust.exists():
        raise SystemExit(f"[load] locust not found at {options.locust}: run scripts/bench --load")
    result: dict = {
        "started_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "load_before": load_average(),
        "options": {k: str(v) for k, v in vars(options).items()},
    }
    result["data"] = _ensure_data(options, log)
    result["machine"] = machine_info()
    log(f"[load] provisioning roles and {options.staff} staff / {options.editors} editor accounts")
    plan = accounts.plan_as_dict(accounts.prepare(options.staff, options.editors))

    with tempfile.TemporaryDirectory(prefix="prozessregister-load-") as scratch:
        workdir = Path(scratch)
        env = _server_environment(workdir)
        (workdir / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        log("[load] collecting static files (production serves them through WhiteNoise)")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        host = f"http://127.0.0.1:{options.port}"
        log(f"[load] gunicorn with {options.workers} workers on {host}")
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "intranet.wsgi:application",
             "--workers", str(options.workers), "--bind", f"127.0.0.1:{options.port}",
             "--access-logfile", "-", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_until_serving(f"{host}/healthz")
            users = options.staff + options.editors
            log(f"[load] locust: {users} users for {options.duration_s} s")
            locust_env = {
                **env,
                "LOAD_PLAN": str(workdir / "plan.json"),
                "LOAD_TIMING": str(workdir / "timing.json"),
                "LOAD_EDITORS": str(options.editors),
            }
            # The locustfile ends the run after the measured duration, which starts once every
            # sign-in has been answered and the warm-up is over; the run time is a safety limit.
            spawn_s = math.ceil(users / options.spawn_rate)
            run_time = 3 * (spawn_s + options.warmup_s) + options.duration_s + 300
            locust_env["LOAD_WARMUP"] = str(options.warmup_s)
            locust_env["LOAD_DURATION"] = str(options.duration_s)
            subprocess.run(
                [str(options.locust), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
                 "--headless", "--users", str(users), "--spawn-rate", str(options.spawn_rate),
                 "--run-time", f"{run_time}s", "--host", host,
                 "--csv", str(workdir / "locust"), "--only-summary", "--exit-code-on-error", "0",
                 "--loglevel", "WARNING"],
                cwd=ROOT, env=locust_env, check=True,
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=30)
        measured = json.loads((workdir / "timing.json").read_text(encoding="utf-8"))
        if measured["cpu_seconds"] is None:
            raise RuntimeError("locust ended before the measured window began (see its output)")
        result["routes"] = _routes(
            workdir / "locust_stats.csv", measured["routes"], options.duration_s
        )
        result["failures"] = _failures(workdir / "locust_failures.csv")
    cpu = measured["cpu_seconds"]
    result["elapsed_s"] = options.duration_s
    total = next((r for r in result["routes"] if r["route"] == "all routes"), None)
    served = total["requests"] if total else 0
    result["cpu_seconds"] = cpu
    result["cpu_ms_per_request"] = {
        label: round(seconds * 1000 / served, 2) if served else None
        for label, seconds in cpu.items()
    }
    result["load_after"] = load_average()
    json_path, md_path = write_report(result, options)
    log(f"[load] report: {md_path} and {json_path.name}")
    return result
