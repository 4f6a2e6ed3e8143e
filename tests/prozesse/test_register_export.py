"""The register table as CSV and XLSX for all staff: German column names and labels, real dates,
the current filters, only what the reader may see, no formulas (prozesse/register_table.py)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from prozesse.models import RegisterPage
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    UserFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

REVIEW = datetime.date(2031, 5, 4)


@pytest.fixture
def register_url():
    page = RegisterPage(title="Prozessregister", slug="prozessregister")
    home_page().add_child(instance=page)
    return page.url


@pytest.fixture
def processes():
    diez = MunicipalityPageFactory(title="VG Diez", slug="diez")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", slug="montabaur")
    gewerbe = ProcessPageFactory(
        parent=DepartmentPageFactory(parent=diez, title="Bürgerbüro"),
        title="Gewerbeanmeldung",
        category="kern",
        status="ist",
        maturity=3,
        service_key="99050012104000",
        next_review_date=REVIEW,
    )
    gewerbe.save_revision().publish()  # gives it a last change
    return {
        "gewerbe": gewerbe,
        "kasse": ProcessPageFactory(
            parent=DepartmentPageFactory(parent=montabaur, title="Finanzen"),
            title='=HYPERLINK("http://x","Kasse")',
            category="unterstuetzung",
            status="soll",
        ),
    }


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_csv_has_german_headers_and_labels_not_codes(staff_client, register_url, processes):
    response = staff_client.get(register_url + "export/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="prozessregister-')
    header, *rows = _csv_rows(response)
    assert header[:6] == [
        "Prozess",
        "Registerschlüssel",
        "Kommune",
        "Fachbereich",
        "Prozessart",
        "Status",
    ]
    gewerbe = next(row for row in rows if row[0] == "Gewerbeanmeldung")
    assert gewerbe[2:7] == ["VG Diez", "Bürgerbüro", "Kernprozess", "Ist", "3 – Online-Antrag"]
    assert REVIEW.isoformat() in gewerbe


def test_the_xlsx_opens_with_the_header_row_and_typed_cells(staff_client, register_url, processes):
    response = staff_client.get(register_url + "export/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = _xlsx_rows(response)
    assert header[0] == "Prozess" and header[10] == "Nächste Prüfung"
    gewerbe = next(row for row in rows if row[0] == "Gewerbeanmeldung")
    assert gewerbe[4] == "Kernprozess"
    assert isinstance(gewerbe[10], datetime.datetime) and gewerbe[10].date() == REVIEW
    assert isinstance(gewerbe[11], datetime.datetime)
    assert gewerbe[7] == "99050012104000"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_formula_title_stays_text(staff_client, register_url, processes, export_format):
    response = staff_client.get(f"{register_url}export/{export_format}/")
    rows = _csv_rows(response) if export_format == "csv" else _xlsx_rows(response)
    titles = [row[0] for row in rows[1:]]
    assert "'" + processes["kasse"].title in titles
    assert processes["kasse"].title not in titles


def test_the_export_keeps_the_filters_of_the_table(staff_client, register_url, processes):
    response = staff_client.get(register_url + "export/csv/?kommune=montabaur&sortierung=titel")
    titles = [row[0] for row in _csv_rows(response)[1:]]
    assert titles == ["'" + processes["kasse"].title]


def test_a_restricted_process_is_only_in_the_export_of_readers_who_may_see_it(
    register_url, processes
):
    insiders = Group.objects.create(name="Bürgerbüro Diez")
    restriction = PageViewRestriction.objects.create(
        page=processes["gewerbe"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([insiders])
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(insiders)
    for user, expected in ((insider, True), (outsider, False)):
        client = Client()
        client.force_login(user)
        for export_format in ("csv", "xlsx"):
            response = client.get(f"{register_url}export/{export_format}/")
            rows = _csv_rows(response) if export_format == "csv" else _xlsx_rows(response)
            assert ("Gewerbeanmeldung" in [row[0] for row in rows]) is expected


def test_an_unknown_format_is_not_found(staff_client, register_url):
    assert staff_client.get(register_url + "export/pdf/").status_code == 404


def test_the_register_page_links_both_downloads_with_its_filters(
    staff_client, register_url, processes
):
    page = staff_client.get(register_url + "?status=ist").content.decode()
    assert f'href="{register_url}export/csv/?status=ist"' in page
    assert f'href="{register_url}export/xlsx/?status=ist"' in page
