"""Choosing and configuring the search backend from the environment.

Imported by the settings module, so it must not import Django. The node is asked what it is
(``GET /``) because the Elasticsearch client refuses OpenSearch and Wagtail's Elasticsearch
backend cannot create indexes on OpenSearch: the choice has to be made, not assumed.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from copy import deepcopy
from urllib.parse import urlsplit, urlunsplit

from .analysis import GERMAN_INDEX_SETTINGS

DATABASE_BACKEND = "wagtail.search.backends.database"
# Our backends (``search/backends/``): Wagtail's, plus German query compilation and recording
# of failed index writes for ``reconcile_search_index``.
OPENSEARCH2_BACKEND = "search.backends.opensearch2"
OPENSEARCH3_BACKEND = "search.backends.opensearch3"
ELASTICSEARCH8_BACKEND = "search.backends.elasticsearch8"
ELASTICSEARCH9_BACKEND = "search.backends.elasticsearch9"

#: A SEARCH_BACKEND naming Wagtail's own module gets ours for the same engine.
WAGTAIL_TO_OUR_BACKENDS = {
    f"{prefix}.{name}": f"search.backends.{name}"
    for prefix in ("wagtail.search.backends", "modelsearch.backends")
    for name in ("opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9")
}


class SearchEngineDetectionError(RuntimeError):
    """The configured search-engine URL did not answer like a supported engine."""


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
        raise SearchEngineDetectionError(
            f"The search engine at {netloc or url} did not answer ({error}). "
            "Start it (scripts/services start) or set SEARCH_BACKEND explicitly."
        ) from error


def search_backends_setting(
    url: str | None,
    index_prefix: str,
    backend: str | None = None,
    timeout: int = 10,
    replicas: int = 0,
    database_search_config: str | None = None,
) -> dict:
    """Build ``WAGTAILSEARCH_BACKENDS``.

    Without a URL the embedded database backend is used (quick start). With a URL the backend
    comes from ``backend`` when given, else from what the node says it is, and a ``fallback``
    database backend is kept up to date beside it so search can still answer during an outage.
    """
    database = {"BACKEND": DATABASE_BACKEND}
    if database_search_config:
        database["SEARCH_CONFIG"] = database_search_config
    if not url:
        return {"default": database}
    chosen = backend or backend_for_node_info(fetch_node_info(url))
    chosen = WAGTAIL_TO_OUR_BACKENDS.get(chosen, chosen)
    index_settings = deepcopy(GERMAN_INDEX_SETTINGS)
    index_settings["settings"]["index"] = {"number_of_replicas": replicas}
    return {
        "default": {
            "BACKEND": chosen,
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "OPTIONS": {},
            "INDEX_SETTINGS": index_settings,
        },
        "fallback": database,
    }
