"""Faults of the search engine cost no waiting: a hanging node costs the request that finds out,
the following searches answer from the database fallback at once (circuit breaker); processes
start while the node is stopped or hangs; index management waits longer than a search does."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.breaker import UNREACHABLE_ERRORS, breaker_for
from search.engine import DETECTING_BACKEND
from search.models import IndexBacklogEntry
from tests.factories import ArticlePageFactory
from tests.search.faults import hanging_node, refusing_node, slow_index_creation
from tests.services import require_service

ROOT = Path(__file__).resolve().parents[2]
NOTICE = "Die Volltextsuche ist gerade nicht erreichbar"
QUERIES = ["Gewerbeanmeldung", "Hundesteuer", "Stromausfall", "Grundsteuer", "E-Akte"]


def point_default_at(settings, url: str, **options) -> None:
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        **backends,
        "default": {**backends["default"], "URLS": [url], **options},
    }


def p95(durations: list[float]) -> float:
    ordered = sorted(durations)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


# ------------------------------------------------------------------ a hanging node
def test_after_a_hanging_node_tripped_the_breaker_searches_answer_from_the_fallback_within_1_s(
    register, staff_client, settings
):
    with hanging_node() as url:
        point_default_at(settings, url, TIMEOUT=2)
        started = time.monotonic()
        first = staff_client.get("/suche/", {"q": "Gewerbeanmeldung"}).content.decode()
        first_took = time.monotonic() - started
        durations = []
        # 20 searches: the 95th percentile tolerates one slow answer, as a percentile should.
        for query in QUERIES * 4:
            started = time.monotonic()
            html = staff_client.get("/suche/", {"q": query}).content.decode()
            durations.append(time.monotonic() - started)
            assert NOTICE in html
    assert NOTICE in first and "Gewerbeanmeldung" in first
    assert first_took < 2 * 2 + 1  # detection and search timeout at most
    assert p95(durations) < 1.0, durations


@pytest.fixture
def one_article(search_backend):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    search_backend.refresh_indexes()
    return page


def test_the_search_api_says_degraded_while_the_breaker_is_open(
    one_article, staff_client, settings
):
    with hanging_node() as url:
        point_default_at(settings, url, TIMEOUT=1)
        breaker_for(url).record_failure()
        started = time.monotonic()
        answer = staff_client.get("/api/search/", {"q": "Zwetschgenmarkt"}).json()
        took = time.monotonic() - started
    assert answer["degraded"] is True
    assert [row["title"] for row in answer["results"]] == [one_article.title]
    assert took < 1.0


def test_publishing_during_a_hang_waits_one_timeout_and_records_the_page_in_the_backlog(
    search_backend, settings
):
    with hanging_node() as url:
        point_default_at(settings, url, BACKEND="search.backends.opensearch3", TIMEOUT=1)
        started = time.monotonic()
        page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst", live=False)
        page.save_revision().publish()
        took = time.monotonic() - started
    assert IndexBacklogEntry.objects.filter(object_id=str(page.pk), action="index").exists()
    assert took < 1 + 1.5  # one write waited; the others went to the backlog at once


def test_after_the_cool_down_one_search_probes_the_node_and_closes_the_breaker(
    one_article, staff_client, settings
):
    live_url = settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0]
    point_default_at(settings, live_url, CIRCUIT_BREAKER_SECONDS=30)
    breaker = breaker_for(live_url)
    breaker.record_failure()
    assert NOTICE in staff_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
    point_default_at(settings, live_url, CIRCUIT_BREAKER_SECONDS=0)  # the cool-down is over
    html = staff_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
    assert NOTICE not in html
    assert "<mark>Zwetschgenmarkt</mark> im Herbst" in html  # the engine's highlighting
    assert not breaker.is_open


# ------------------------------------------------------------------ start-up without the node
def _environment(url: str, settings_module: str) -> dict:
    # A deployment's environment: no backend named, and not the browser tests' async switch.
    dropped = {"SEARCH_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    database = connection.settings_dict
    env.update(
        ELASTICSEARCH_URL=url,
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="fault-test-not-secret",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    )
    return env


@pytest.fixture(params=["stopped", "hanging"])
def unavailable_node(request):
    if request.param == "stopped":
        yield refusing_node()
    else:
        with hanging_node() as url:
            yield url


def test_manage_py_check_passes_while_the_node_is_unavailable(db, unavailable_node):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=_environment(unavailable_node, "intranet.settings.production"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "search.W001" in result.stderr + result.stdout  # names SEARCH_BACKEND
    assert time.monotonic() - started < 60


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_starts_and_answers_while_the_node_is_unavailable(db, unavailable_node):
    import urllib.error
    import urllib.request

    port = _free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "intranet.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "60"],
        cwd=ROOT,
        env=_environment(unavailable_node, "intranet.settings.production"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while status is None and time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read()[-2000:]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search/?q=x", timeout=5)
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert status == 401  # the worker runs: the API asks for a login (no 500, no dead worker)


# ------------------------------------------------------------------ a slow node
@pytest.fixture
def live_backend_path(search_backend) -> str:
    return type(search_backend).__module__


def _backend_behind(url: str, path: str, **options):
    from django.conf import settings

    params = {k: v for k, v in settings.WAGTAILSEARCH_BACKENDS["default"].items() if k != "BACKEND"}
    params.update(URLS=[url], INDEX_PREFIX=f"slow_{os.getpid()}_", **options)
    return get_search_backend(path, **params)


def test_index_creation_succeeds_on_a_slow_node_where_the_query_timeout_fails(
    live_backend_path, settings
):
    upstream = settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0]
    with slow_index_creation(upstream, delay=2.0) as proxy:
        impatient = _backend_behind(proxy, live_backend_path, INDEX_TIMEOUT=1, INDEX_RETRIES=0)
        patient = _backend_behind(proxy, live_backend_path, TIMEOUT=1, INDEX_TIMEOUT=10)
        index = impatient.get_index_for_model(Page)
        try:
            with pytest.raises(UNREACHABLE_ERRORS):
                index.put()  # what happened with the 10 s query timeout on a loaded node
            patient.get_index_for_model(Page).delete()
            assert not patient.get_index_for_model(Page).exists()
            patient.get_index_for_model(Page).put()
            assert patient.get_index_for_model(Page).exists()
        finally:
            patient.get_index_for_model(Page).delete()


def test_the_default_setting_uses_the_detecting_backend_with_a_short_and_a_long_timeout(settings):
    require_service("search engine")
    default = settings.WAGTAILSEARCH_BACKENDS["default"]
    assert default["BACKEND"] == DETECTING_BACKEND
    assert default["TIMEOUT"] < default["INDEX_TIMEOUT"]
