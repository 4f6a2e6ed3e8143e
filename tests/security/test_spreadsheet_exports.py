"""CSV and XLSX exports write editors' text as text: a title like =HYPERLINK(…) cannot become
a formula in Excel or LibreOffice (intranet/spreadsheet.py), while numbers and dates keep
their type."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from intranet.spreadsheet import safe_cell
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

FORMULA_TITLE = '=HYPERLINK("http://x","y")'


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def formula_process():
    town = MunicipalityPageFactory(title="VG Formelhausen")
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro")
    return ProcessPageFactory(parent=department, title=FORMULA_TITLE, case_volume=1200)


def test_a_formula_title_is_exported_to_csv_as_quoted_text(admin_user_client, formula_process):
    response = admin_user_client.get("/admin/prozesse/processpage/?export=csv")

    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    titles = [row[1] for row in rows[1:]]
    assert "'" + FORMULA_TITLE in titles
    assert FORMULA_TITLE not in titles


def test_a_formula_title_is_exported_to_xlsx_as_quoted_text(admin_user_client, formula_process):
    response = admin_user_client.get("/admin/prozesse/processpage/?export=xlsx")

    sheet = load_workbook(io.BytesIO(_body(response))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    title_cells = [
        cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert [cell.value for cell in title_cells] == ["'" + FORMULA_TITLE]
    assert all(cell.data_type == "s" for cell in title_cells)


def test_numbers_stay_numbers_in_the_xlsx_export(admin_user_client, formula_process):
    response = admin_user_client.get("/admin/prozesse/processpage/?export=xlsx")

    sheet = load_workbook(io.BytesIO(_body(response))).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert 1200 in values


def test_the_health_dashboard_csv_quotes_a_formula_town_name(admin_user_client, formula_process):
    town = MunicipalityPageFactory(title="+SUMME(A1:A9)")
    ProcessPageFactory(parent=DepartmentPageFactory(parent=town, title="-Ordnungsamt"))

    response = admin_user_client.get(reverse("knowledge_dashboard:index"), {"format": "csv"})

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    first_cells = {row[0] for row in rows[1:]} | {row[1] for row in rows[1:]}
    assert {"'+SUMME(A1:A9)", "'-Ordnungsamt"} <= first_cells
    assert "+SUMME(A1:A9)" not in first_cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_trigger_at_the_start_of_a_text_gets_a_quote(start):
    assert safe_cell(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize(
    "value", [-5, 3.5, datetime.date(2026, 12, 2), None, "Gewerbe-Anmeldung", "E-Mail: a@b.de"]
)
def test_numbers_dates_and_ordinary_text_are_left_alone(value):
    assert safe_cell(value) == value
