"""Outage of a real search-engine node: a private node (``scripts/services search-start`` with
its own port, cluster name and data directory) is started for these tests and stopped (or
frozen with SIGSTOP) in the middle of them, so the shared node of everyone else keeps running.

Its HTTP port lies just above this checkout's ``SEARCH_PORT`` (+2 … +8): checkouts that run
side by side with ports ten apart (9251, 9261, …) never pick the same one."""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from prozesse.models import ArticlePage
from search.indexes import recreate_indexes
from search.models import IndexBacklogEntry
from tests.factories import DepartmentPageFactory
from tests.services import require_service

SERVICES = Path(__file__).resolve().parents[2] / "scripts" / "services"
TITLE = "Zwetschgenmarkt in Diez"


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Node:
    url: str
    env: dict

    def _run(self, command: str) -> str:
        result = subprocess.run(
            [str(SERVICES), command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        if result.returncode:
            pytest.fail(f"scripts/services {command} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def start(self) -> None:
        self._run("search-start")

    def stop(self) -> None:
        self._run("search-stop")

    @property
    def pid(self) -> int:
        return int((Path(self.env["SEARCH_NODE_DIR"]) / "node.pid").read_text())


def private_ports() -> range:
    """HTTP ports for a private node: SEARCH_PORT + 2 … + 8 (the shared node uses
    SEARCH_PORT and its neighbour)."""
    base = int(os.environ.get("SEARCH_PORT", "9251"))
    return range(base + 2, min(base + 9, 9300))


@pytest.fixture(scope="module")
def private_node(tmp_path_factory):
    require_service("search engine")
    ports = private_ports()
    port = next((p for p in ports if _port_is_free(p)), None)
    if port is None:
        pytest.fail(f"no free port in {ports.start}–{ports.stop - 1} for a private search node")
    node = Node(
        url=f"http://127.0.0.1:{port}",
        env={
            **os.environ,
            "SEARCH_NODE_DIR": str(tmp_path_factory.mktemp("outage") / "node"),
            "SEARCH_PORT": str(port),
            "SEARCH_CLUSTER": f"prozessregister-outage-{os.getpid()}",
            "SEARCH_HEAP": "512m",
        },
    )
    node.start()
    yield node
    node.stop()


@pytest.fixture
def on_private_node(private_node, settings, db):
    """Our backend configuration, pointed at the private node, with fresh indexes."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        **backends,
        "default": {**backends["default"], "URLS": [private_node.url], "TIMEOUT": 5},
    }
    recreate_indexes(get_search_backend("default"))
    return private_node


def publish_article_in_the_admin(client, department) -> None:
    url = reverse("wagtailadmin_pages:add", args=("prozesse", "articlepage", department.pk))
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": "zwetschgenmarkt",
            "kind": "hintergrund",
            "summary": "Der Zwetschgenmarkt braucht eine Sondernutzungserlaubnis.",
            "body": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            "decision_references": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors


def test_publishing_during_an_outage_is_saved_found_by_the_fallback_and_reconciled(
    on_private_node, admin_user_client
):
    node = on_private_node
    department = DepartmentPageFactory(title="Ordnungsamt")

    node.stop()
    publish_article_in_the_admin(admin_user_client, department)

    page = ArticlePage.objects.get(title=TITLE)
    assert page.live
    assert IndexBacklogEntry.objects.filter(object_id=str(page.pk)).exists()
    html = admin_user_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
    assert "Die Volltextsuche ist gerade nicht erreichbar" in html
    assert TITLE in html

    node.start()
    call_command("reconcile_search_index", stdout=StringIO())
    backend = get_search_backend("default")
    backend.refresh_indexes()
    assert [p.pk for p in backend.search("Zwetschgenmarkt", ArticlePage)] == [page.pk]
    assert not IndexBacklogEntry.objects.exists()
    html = admin_user_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
    assert "nicht erreichbar" not in html


def test_a_frozen_node_costs_one_timeout_then_searches_answer_from_the_fallback_at_once(
    on_private_node, settings, staff_client
):
    node = on_private_node
    settings.WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"] = 2
    department = DepartmentPageFactory(title="Ordnungsamt")
    page = ArticlePage(title=TITLE, slug="zwetschgenmarkt", summary="Sondernutzung")
    department.add_child(instance=page)
    get_search_backend("default").refresh_indexes()

    os.kill(node.pid, signal.SIGSTOP)  # accepts connections, never answers
    try:
        started = time.monotonic()
        first = staff_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
        first_took = time.monotonic() - started
        durations = []
        for _ in range(10):
            started = time.monotonic()
            html = staff_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
            durations.append(time.monotonic() - started)
            assert "nicht erreichbar" in html and TITLE in html
    finally:
        os.kill(node.pid, signal.SIGCONT)
    assert "nicht erreichbar" in first and TITLE in first
    assert first_took < 2 + 1
    assert sorted(durations)[math.ceil(0.95 * len(durations)) - 1] < 1.0, durations
