"""A municipality's emergency handbook: one printable page and a PDF download."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.builders import full_process, scenario_hitting
from tests.factories import DepartmentPageFactory, EmergencyScenarioPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality_with_scenarios():
    department = DepartmentPageFactory()
    process = full_process(department)
    scenario_hitting(department, [process], title="Stromausfall im Rathaus")
    scenario_hitting(department, [], title="Cyberangriff")
    EmergencyScenarioPageFactory(parent=department, title="Entwurf Hochwasser", live=False)
    other_town = DepartmentPageFactory()
    scenario_hitting(other_town, [], title="Szenario einer anderen Kommune")
    return department.get_parent().specific


def test_the_handbook_lists_every_live_scenario_of_the_municipality(
    staff_client, municipality_with_scenarios
):
    page = staff_client.get(municipality_with_scenarios.url + "notfallhandbuch/").content.decode()
    assert "Stromausfall im Rathaus" in page
    assert "Cyberangriff" in page
    assert "Entwurf Hochwasser" not in page
    assert "Szenario einer anderen Kommune" not in page


def test_the_handbook_shows_alarm_chains_checklists_and_critical_processes(
    staff_client, municipality_with_scenarios
):
    page = staff_client.get(municipality_with_scenarios.url + "notfallhandbuch/").content.decode()
    for expected in (
        "Krisenstab-Leitung",
        "0170 1234567",
        "Notstromaggregat starten",
        "Gewerbeanmeldung",
    ):
        assert expected in page, expected


def test_the_handbook_is_also_a_pdf_download(staff_client, municipality_with_scenarios):
    response = staff_client.get(municipality_with_scenarios.url + "notfallhandbuch/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Notfallhandbuch-')
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5_000


def test_the_pdf_contains_the_scenario_text(staff_client, municipality_with_scenarios):
    response = staff_client.get(municipality_with_scenarios.url + "notfallhandbuch/pdf/")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Stromausfall im Rathaus" in text
    assert "Notstromaggregat starten" in text


def test_an_empty_handbook_says_so(staff_client):
    municipality = DepartmentPageFactory().get_parent().specific
    page = staff_client.get(municipality.url + "notfallhandbuch/").content.decode()
    assert "noch keine Notfallszenarien" in page
