"""Outage of a real search-engine node: a private node (``scripts/services search-start`` with
its own port, cluster name and data directory) is started for this test and stopped in the
middle of it, so the shared node of everyone else keeps running."""

from __future__ import annotations

import os
import socket
import subprocess
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
from tests.conftest import require_service
from tests.factories import DepartmentPageFactory

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


@pytest.fixture
def private_node(tmp_path):
    require_service("search engine")
    port = next((p for p in range(9262, 9299) if _port_is_free(p)), None)
    if port is None:
        pytest.fail("no free port between 9262 and 9298 for a private search node")
    node = Node(
        url=f"http://127.0.0.1:{port}",
        env={
            **os.environ,
            "SEARCH_NODE_DIR": str(tmp_path / "node"),
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
