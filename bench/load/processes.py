"""CPU time used by each part of the system during a load run, read from ``/proc``.

The application (gunicorn), PostgreSQL, the search engine and the load generator share the
same cores; their CPU seconds over the run, divided by the requests served, say where the time
goes. A process's own time plus the time of the children it has reaped is counted, so database
backends that end during the run are not lost. Standard library only: the locust process reads
it at the start and the end of the measured window.
"""

from __future__ import annotations

import os
from pathlib import Path

CLASSES = {
    "application (gunicorn)": ("gunicorn",),
    "PostgreSQL": ("postgres",),
    "search engine": ("OpenSearchRunner", "org.opensearch", "org.elasticsearch"),
    "load generator (locust)": ("locust",),
}
GENERATOR = "load generator (locust)"
TICKS = os.sysconf("SC_CLK_TCK")


def _classify(command_line: str) -> str | None:
    for label, markers in CLASSES.items():
        if any(marker in command_line for marker in markers):
            return label
    return None


def cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system, own + reaped children) per class of process, now."""
    totals = dict.fromkeys(CLASSES, 0.0)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command_line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        label = _classify(command_line)
        if label is None:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
        totals[label] += (utime + stime + cutime + cstime) / TICKS
    return totals
