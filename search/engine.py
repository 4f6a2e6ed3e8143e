"""Choosing and configuring the search backend from the environment.

Imported by the settings module, so it must not import Django, and it never contacts the node:
a process (gunicorn worker, ``manage.py`` command, cron job) must start while the engine is down
or hangs. Without ``SEARCH_BACKEND`` the settings name ``search.backends.detect``, which asks
the node what it is (``GET /``, short timeout) when the first backend object is made, remembers
the answer for the life of the process and, while the node does not answer, assumes OpenSearch 3
and asks again after the circuit breaker's cool-down. The node has to be asked because the
Elasticsearch client refuses OpenSearch and Wagtail's Elasticsearch backend cannot create indexes
on OpenSearch: the choice has to be made, not assumed.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import urllib.error
import urllib.request
from copy import deepcopy
from urllib.parse import urlsplit, urlunsplit

from .analysis import GERMAN_INDEX_SETTINGS
from .breaker import DEFAULT_COOLDOWN_SECONDS, breaker_for

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "wagtail.search.backends.database"
# Our backends (``search/backends/``): Wagtail's, plus German query compilation and recording
# of failed index writes for ``reconcile_search_index``.
OPENSEARCH2_BACKEND = "search.backends.opensearch2"
OPENSEARCH3_BACKEND = "search.backends.opensearch3"
ELASTICSEARCH8_BACKEND = "search.backends.elasticsearch8"
ELASTICSEARCH9_BACKEND = "search.backends.elasticsearch9"
#: Asks the node lazily (see module docstring).
DETECTING_BACKEND = "search.backends.detect"
#: What is assumed until the node has answered once: the engine of the quick start and CI.
ASSUMED_BACKEND = OPENSEARCH3_BACKEND

#: Searches and single-document writes inside a save: short, a hanging node costs one request
#: this long, then the circuit breaker sends the others to the database fallback.
DEFAULT_TIMEOUT = 5
#: Index management (create, mappings, bulk loads, alias switch, refresh): long, with retries;
#: creating an index with the German analysis took more than 10 s on a loaded node.
DEFAULT_INDEX_TIMEOUT = 120
DEFAULT_INDEX_RETRIES = 3
#: The detection request (``GET /``) at the first use of the backend.
DETECT_TIMEOUT = 2.0

#: A SEARCH_BACKEND naming Wagtail's own module gets ours for the same engine.
WAGTAIL_TO_OUR_BACKENDS = {
    f"{prefix}.{name}": f"search.backends.{name}"
    for prefix in ("wagtail.search.backends", "modelsearch.backends")
    for name in ("opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9")
}


class SearchEngineDetectionError(RuntimeError):
    """The configured search-engine URL did not answer like a supported engine."""


class SearchEngineNotAnswering(SearchEngineDetectionError, ConnectionError):
    """The node did not answer the detection request (refused, reset, timed out)."""


def backend_for_node_info(info: dict) -> str:
    """Return the Wagtail backend path for the answer of a node's ``GET /``."""
    version = info.get("version") or {}
    number = str(version.get("number", ""))
    major = number.split(".", 1)[0]
    if version.get("distribution") == "opensearch":
        if major == "2":
            return OPENSEARCH2_BACKEND
        if major == "3":
            return OPENSEARCH3_BACKEND
    elif major == "8":
        return ELASTICSEARCH8_BACKEND
    elif major == "9":
        return ELASTICSEARCH9_BACKEND
    distribution = version.get("distribution", "elasticsearch")
    raise SearchEngineDetectionError(
        f"Unsupported search engine {distribution} {number or '(no version)'}; "
        "supported are Elasticsearch 8/9 and OpenSearch 2/3."
    )


def fetch_node_info(url: str, timeout: float = 5.0) -> dict:
    """Ask the node at ``url`` who it is (``GET /``), honouring credentials in the URL."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    request = urllib.request.Request(urlunsplit((parts.scheme, netloc, parts.path or "/", "", "")))
    if parts.username is not None:
        token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise SearchEngineNotAnswering(
            f"The search engine at {netloc or url} did not answer ({error}). "
            "Start it (scripts/services start) or set SEARCH_BACKEND explicitly."
        ) from error


_detected: dict[str, str] = {}
_detected_lock = threading.Lock()


def detected_backend(
    url: str,
    *,
    timeout: float = DETECT_TIMEOUT,
    cooldown: float = DEFAULT_COOLDOWN_SECONDS,
) -> str | None:
    """The backend path for the node at ``url``: remembered for the process once the node has
    answered; else asked now, unless its circuit breaker is open. ``None`` while it does not
    answer (or answers as an unsupported engine, which is logged)."""
    known = _detected.get(url)
    if known:
        return known
    breaker = breaker_for(url, cooldown)
    if not breaker.allow():
        return None
    try:
        chosen = backend_for_node_info(fetch_node_info(url, timeout=timeout))
    except SearchEngineNotAnswering as error:
        breaker.record_failure(error)
        return None
    except SearchEngineDetectionError as error:
        logger.error("%s Set SEARCH_BACKEND or point ELASTICSEARCH_URL at a supported node.", error)
        return None
    breaker.record_success()
    with _detected_lock:
        _detected[url] = chosen
    return chosen


def forget_detected_backends() -> None:
    """Ask the nodes again at the next use (tests)."""
    with _detected_lock:
        _detected.clear()


def search_backends_setting(
    url: str | None,
    index_prefix: str,
    backend: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    replicas: int = 0,
    database_search_config: str | None = None,
    index_timeout: float = DEFAULT_INDEX_TIMEOUT,
    index_retries: int = DEFAULT_INDEX_RETRIES,
    breaker_seconds: float = DEFAULT_COOLDOWN_SECONDS,
) -> dict:
    """Build ``WAGTAILSEARCH_BACKENDS`` without contacting the node.

    Without a URL the embedded database backend is used (quick start). With a URL the backend
    is ``backend`` when given, else the detecting backend (asks the node at first use), and a
    ``fallback`` database backend is kept up to date beside it so search can still answer
    during an outage.
    """
    database = {"BACKEND": DATABASE_BACKEND}
    if database_search_config:
        database["SEARCH_CONFIG"] = database_search_config
    if not url:
        return {"default": database}
    chosen = WAGTAIL_TO_OUR_BACKENDS.get(backend, backend) if backend else DETECTING_BACKEND
    index_settings = deepcopy(GERMAN_INDEX_SETTINGS)
    index_settings["settings"]["index"] = {"number_of_replicas": replicas}
    return {
        "default": {
            "BACKEND": chosen,
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "INDEX_TIMEOUT": index_timeout,
            "INDEX_RETRIES": index_retries,
            "CIRCUIT_BREAKER_SECONDS": breaker_seconds,
            "OPTIONS": {},
            "INDEX_SETTINGS": index_settings,
        },
        "fallback": database,
    }
