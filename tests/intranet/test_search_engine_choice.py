"""The search backend is chosen from what the node says it is (GET /)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings

from search.engine import (
    ELASTICSEARCH8_BACKEND,
    ELASTICSEARCH9_BACKEND,
    OPENSEARCH2_BACKEND,
    OPENSEARCH3_BACKEND,
    SearchEngineDetectionError,
    backend_for_node_info,
    search_backends_setting,
)
from tests.conftest import require_service


@contextmanager
def fake_node(answer: dict) -> Iterator[str]:
    """A loopback HTTP server that answers only GET / like a search node would."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(answer).encode()
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


ELASTICSEARCH_8 = {"version": {"number": "8.19.3", "build_flavor": "default"}}
ELASTICSEARCH_9 = {"version": {"number": "9.1.0", "build_flavor": "default"}}
OPENSEARCH_3 = {"version": {"distribution": "opensearch", "number": "3.8.0"}}


def test_a_node_answering_as_elasticsearch_8_gets_the_elasticsearch8_backend():
    with fake_node(ELASTICSEARCH_8) as url:
        backends = search_backends_setting(url, "x_")
    assert backends["default"]["BACKEND"] == ELASTICSEARCH8_BACKEND


def test_a_node_answering_as_elasticsearch_9_gets_the_elasticsearch9_backend():
    with fake_node(ELASTICSEARCH_9) as url:
        backends = search_backends_setting(url, "x_")
    assert backends["default"]["BACKEND"] == ELASTICSEARCH9_BACKEND


def test_a_node_answering_as_opensearch_3_gets_the_opensearch3_backend():
    with fake_node(OPENSEARCH_3) as url:
        backends = search_backends_setting(url, "x_")
    assert backends["default"]["BACKEND"] == OPENSEARCH3_BACKEND


def test_opensearch_2_gets_the_opensearch2_backend():
    info = {"version": {"distribution": "opensearch", "number": "2.19.1"}}
    assert backend_for_node_info(info) == OPENSEARCH2_BACKEND


def test_an_explicit_backend_setting_wins_without_asking_the_node():
    backends = search_backends_setting("http://127.0.0.1:9", "x_", backend=ELASTICSEARCH9_BACKEND)
    assert backends["default"]["BACKEND"] == ELASTICSEARCH9_BACKEND


def test_a_search_backend_setting_naming_wagtails_module_gets_ours_for_that_engine():
    backends = search_backends_setting(
        "http://127.0.0.1:9", "x_", backend="wagtail.search.backends.elasticsearch8"
    )
    assert (
        backends["default"]["BACKEND"]
        == ELASTICSEARCH8_BACKEND
        == ("search.backends.elasticsearch8")
    )


def test_every_detected_backend_is_one_of_ours_with_german_queries():
    from importlib import import_module

    from search.backends.german import GermanQueryCompilerMixin

    for path in (
        OPENSEARCH2_BACKEND,
        OPENSEARCH3_BACKEND,
        ELASTICSEARCH8_BACKEND,
        ELASTICSEARCH9_BACKEND,
    ):
        backend_class = import_module(path).SearchBackend
        assert issubclass(backend_class.query_compiler_class, GermanQueryCompilerMixin), path


def test_an_unsupported_engine_version_is_refused_with_a_clear_message():
    with pytest.raises(SearchEngineDetectionError, match="Elasticsearch 8/9 and OpenSearch 2/3"):
        backend_for_node_info({"version": {"number": "7.10.2"}})


def test_an_unreachable_node_is_reported_with_a_hint():
    with pytest.raises(SearchEngineDetectionError, match="did not answer"):
        search_backends_setting("http://127.0.0.1:9", "x_")


def test_without_a_url_the_database_backend_is_the_only_backend():
    backends = search_backends_setting(None, "x_")
    assert backends == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_the_index_prefix_and_german_settings_reach_the_backend_configuration():
    backends = search_backends_setting("http://x", "stadt_a_", backend=OPENSEARCH3_BACKEND)
    default = backends["default"]
    assert default["INDEX_PREFIX"] == "stadt_a_"
    assert default["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]["filter"][
        -2:
    ] == [
        "german_normalization",
        "german_light_stemmer",
    ]
    assert backends["fallback"]["BACKEND"] == "wagtail.search.backends.database"


def test_the_live_test_node_is_opensearch_and_selected_as_such():
    require_service("search engine")
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == OPENSEARCH3_BACKEND
