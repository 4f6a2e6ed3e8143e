"""The search backend is chosen from what the node says it is (GET /) — at its first use, never
when the settings are read: a process starts while the node is down or hangs."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from search.breaker import breaker_for
from search.engine import (
    DETECTING_BACKEND,
    ELASTICSEARCH8_BACKEND,
    ELASTICSEARCH9_BACKEND,
    OPENSEARCH2_BACKEND,
    OPENSEARCH3_BACKEND,
    SearchEngineDetectionError,
    backend_for_node_info,
    detected_backend,
    forget_detected_backends,
    search_backends_setting,
)
from tests.services import require_service


@pytest.fixture(autouse=True)
def _nothing_detected_yet():
    forget_detected_backends()
    yield
    forget_detected_backends()


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


@contextmanager
def silent_node() -> Iterator[str]:
    """A loopback port that accepts connections and never answers (a hanging node)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_a_node_answering_as_elasticsearch_8_gets_the_elasticsearch8_backend():
    with fake_node(ELASTICSEARCH_8) as url:
        assert detected_backend(url) == ELASTICSEARCH8_BACKEND


def test_a_node_answering_as_elasticsearch_9_gets_the_elasticsearch9_backend():
    with fake_node(ELASTICSEARCH_9) as url:
        assert detected_backend(url) == ELASTICSEARCH9_BACKEND


def test_a_node_answering_as_opensearch_3_gets_the_opensearch3_backend():
    with fake_node(OPENSEARCH_3) as url:
        assert detected_backend(url) == OPENSEARCH3_BACKEND


def test_the_detecting_backend_builds_the_backend_the_node_asks_for():
    from search.backends.elasticsearch8 import Elasticsearch8SearchBackend

    with fake_node(ELASTICSEARCH_8) as url:
        backend = get_search_backend(DETECTING_BACKEND, URLS=[url], INDEX_PREFIX="x_")
    assert isinstance(backend, Elasticsearch8SearchBackend)


def test_the_answer_of_a_node_is_remembered_for_the_process():
    with fake_node(ELASTICSEARCH_9) as url:
        detected_backend(url)
    assert detected_backend(url) == ELASTICSEARCH9_BACKEND  # the fake node is gone


def test_reading_the_settings_never_contacts_the_node():
    with silent_node() as url:
        started = time.monotonic()
        backends = search_backends_setting(url, "x_")
        assert time.monotonic() - started < 0.5
    assert backends["default"]["BACKEND"] == DETECTING_BACKEND


def test_a_hanging_node_is_given_up_after_the_short_detection_timeout_and_not_asked_again():
    with silent_node() as url:
        started = time.monotonic()
        assert detected_backend(url, timeout=0.5) is None
        assert time.monotonic() - started < 2
        assert breaker_for(url).is_open
        started = time.monotonic()
        assert detected_backend(url, timeout=0.5) is None
        assert time.monotonic() - started < 0.1  # the open circuit breaker skips the request


def test_while_the_node_does_not_answer_the_opensearch_3_backend_is_assumed():
    from search.backends.opensearch3 import OpenSearch3SearchBackend

    backend = get_search_backend(DETECTING_BACKEND, URLS=["http://127.0.0.1:9"], INDEX_PREFIX="x_")
    assert isinstance(backend, OpenSearch3SearchBackend)


def test_a_node_that_answers_after_the_cool_down_is_detected():
    with fake_node(ELASTICSEARCH_8) as url:
        breaker_for(url, cooldown=0.2).record_failure()
        assert detected_backend(url, cooldown=0.2) is None  # still cooling down
        time.sleep(0.25)
        assert detected_backend(url, cooldown=0.2) == ELASTICSEARCH8_BACKEND


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
    from search.engine import fetch_node_info

    with pytest.raises(SearchEngineDetectionError, match="did not answer"):
        fetch_node_info("http://127.0.0.1:9")


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
    from search.backends.opensearch3 import OpenSearch3SearchBackend

    require_service("search engine")
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == DETECTING_BACKEND
    assert isinstance(get_search_backend("default"), OpenSearch3SearchBackend)
