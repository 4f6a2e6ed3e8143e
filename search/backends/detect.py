"""The backend for ``ELASTICSEARCH_URL`` without ``SEARCH_BACKEND``: decides at the first use
which of our engine backends to build (``search.engine.detected_backend``), never at settings
import. Wagtail makes a backend object per ``get_search_backend()`` call, so a process that
started while the node was down uses the right backend as soon as the node answers."""

from __future__ import annotations

from modelsearch.backends import import_backend

from search.breaker import DEFAULT_COOLDOWN_SECONDS
from search.engine import ASSUMED_BACKEND, DETECT_TIMEOUT, detected_backend


def SearchBackend(params: dict):  # Wagtail looks up this name in the module
    """Build the backend the node at ``URLS[0]`` says it needs (or the assumed one while it does
    not answer: its requests then fail, search answers from the fallback, writes go to the
    backlog)."""
    urls = params.get("URLS") or []
    url = urls[0] if isinstance(urls, list | tuple) and urls else str(urls)
    path = detected_backend(
        url,
        timeout=min(DETECT_TIMEOUT, float(params.get("TIMEOUT", DETECT_TIMEOUT))),
        cooldown=float(params.get("CIRCUIT_BREAKER_SECONDS", DEFAULT_COOLDOWN_SECONDS)),
    )
    return import_backend(path or ASSUMED_BACKEND)(params)
