"""Readable diagrams (issue 21): the diagram at natural size in a scroll container with zoom
controls, the text outline linked as its alternative, and a full-size view."""

from __future__ import annotations

import pytest
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from tests.builders import bpmn_upload, publish
from tests.factories import DepartmentPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return publish(
        ProcessPageFactory(
            parent=DepartmentPageFactory(), title="Rechnungseingang", bpmn_file=bpmn_upload()
        )
    )


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return WagtailTestUtils.get_soup(response.content.decode())


def test_the_diagram_keeps_its_natural_size_in_a_scrollable_region(staff_client, process):
    soup = soup_of(staff_client, process.url)
    viewer = soup.select_one("[data-diagram-viewer]")
    assert viewer["tabindex"] == "0" and viewer["role"] == "region"
    svg = viewer.select_one("svg")
    assert svg["width"] and float(svg["font-size"]) >= 12


def test_the_diagram_links_its_text_outline_and_the_full_size_view(staff_client, process):
    soup = soup_of(staff_client, process.url)
    links = {a["href"] for a in soup.select(".bpmn-figure figcaption a")}
    assert "#gliederung" in links
    assert process.url + "diagramm/" in links
    assert soup.select_one("#gliederung") is not None


def test_the_zoom_controls_are_hidden_until_the_script_shows_them(staff_client, process):
    soup = soup_of(staff_client, process.url)
    toolbar = soup.select_one("[data-diagram-toolbar]")
    assert toolbar.has_attr("hidden")
    assert {b["data-zoom"] for b in toolbar.select("button")} == {"in", "out", "reset", "fit"}
    assert soup.select_one('script[src$="js/diagram-viewer.js"]') is not None


def test_the_full_size_view_shows_the_diagram_with_a_way_back(staff_client, process):
    soup = soup_of(staff_client, process.url + "diagramm/")
    assert soup.select_one(".diagram-viewer--full svg") is not None
    hrefs = {a["href"] for a in soup.select("main a")}
    assert process.url in hrefs and process.url + "#gliederung" in hrefs


def test_a_process_without_diagram_has_no_full_size_view(staff_client):
    page = publish(ProcessPageFactory(parent=DepartmentPageFactory(), title="Ohne"))
    assert staff_client.get(page.url + "diagramm/").status_code == 404
