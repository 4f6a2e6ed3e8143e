"""Per process: the stored BPMN file and a PDF "Prozesssteckbrief", both only for readers who
may see the page (prozesse/process_downloads.py)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from tests.builders import BPMN_FIXTURE, full_process
from tests.factories import DepartmentPageFactory, ProcessPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return full_process(DepartmentPageFactory())


@pytest.fixture
def insiders():
    return Group.objects.create(name="Mitarbeitende Bürgerbüro")


def _restrict(page, group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_bpmn_file_is_downloaded_as_an_attachment_with_the_stored_bytes(staff_client, process):
    response = staff_client.get(process.url + "export/bpmn/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".bpmn" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == BPMN_FIXTURE.read_bytes()


def test_a_process_without_bpmn_file_has_no_bpmn_download(staff_client):
    page = ProcessPageFactory()
    assert staff_client.get(page.url + "export/bpmn/").status_code == 404


def test_the_profile_is_a_pdf_with_version_dates_diagram_outline_and_page_numbers(
    staff_client, process
):
    response = staff_client.get(process.url + "export/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Prozesssteckbrief-')
    text = _pdf_text(response.content)
    for expected in (
        "Gewerbeanmeldung",
        "Version",
        "Freigegeben am",
        process.last_published_at.strftime("%d.%m.%Y"),
        "Gedruckt am",
        "Aufgaben nach Bahnen",
        process.bpmn_outline[0]["title"],
        "§ 14 GewO",
        "Seite 1 /",
    ):
        assert expected in text, expected


def test_the_process_page_links_both_downloads(staff_client, process):
    page = staff_client.get(process.url).content.decode()
    assert f'href="{process.url}export/pdf/"' in page
    assert f'href="{process.url}export/bpmn/"' in page


def test_a_restricted_process_gives_its_files_only_to_readers_who_may_see_it(process, insiders):
    _restrict(process, insiders)
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(insiders)
    for suffix in ("export/bpmn/", "export/pdf/"):
        assert _client_for(insider).get(process.url + suffix).status_code == 200, suffix
        assert _client_for(outsider).get(process.url + suffix).status_code == 404, suffix


def test_an_unpublished_process_has_no_downloads(staff_client, process):
    url = process.url
    process.unpublish()
    assert staff_client.get(url + "export/pdf/").status_code == 404
