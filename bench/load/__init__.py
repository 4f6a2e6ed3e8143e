"""The load test (``scripts/bench --load``): many staff reading and searching and a few editors
editing and submitting at the same time, against gunicorn with production-like settings on the
benchmark database; per route requests/s, p50/p95/p99, errors and server CPU milliseconds.

``locustfile`` and ``page_form`` run inside locust's own virtual environment and import nothing
of Django; ``accounts`` (prepares users and URLs) and ``run`` (orchestration, report) run in the
project's environment.
"""
