"""Server-side cost of each request, for the load test's per-route CPU figures.

Adds a standard ``Server-Timing`` header with the CPU time the handling thread used
(``time.thread_time``: Python, templates, the database driver — not PostgreSQL's or the search
engine's own work, which the load report measures per process) and the wall time. Installed
only by ``bench.settings``; production does not send it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cpu_started = time.thread_time()
        wall_started = time.perf_counter()
        response = self.get_response(request)
        cpu_ms = (time.thread_time() - cpu_started) * 1000
        wall_ms = (time.perf_counter() - wall_started) * 1000
        response["Server-Timing"] = f"cpu;dur={cpu_ms:.2f}, app;dur={wall_ms:.2f}"
        return response
