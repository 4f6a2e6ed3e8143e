"""Search results as CSV and XLSX with the page's query, filters and sort; only hits the reader
may see (search/exports.py)."""

from __future__ import annotations

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_csv_holds_every_hit_with_labels(staff_client, register):
    response = staff_client.get("/suche/export/csv/?q=Gewerbe")
    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    assert header == [
        "Titel",
        "Inhaltstyp",
        "Kommune",
        "Fachbereich",
        "Status",
        "Letzte Änderung",
        "Adresse",
    ]
    gewerbe = [row for row in rows if row[0] == "Gewerbeanmeldung"]
    assert {row[2] for row in gewerbe} == {"Verbandsgemeinde Diez", "Verbandsgemeinde Montabaur"}
    assert {row[4] for row in gewerbe} == {"Ist", "Soll"}
    assert all(row[1] == "Prozesssteckbrief" for row in gewerbe)


def test_the_export_keeps_the_filters(staff_client, register):
    response = staff_client.get("/suche/export/csv/?q=Gewerbe&kommune=montabaur&typ=prozess")
    rows = _csv_rows(response)[1:]
    assert [(row[0], row[2]) for row in rows] == [
        ("Gewerbeanmeldung", "Verbandsgemeinde Montabaur")
    ]


def test_the_xlsx_has_dates_as_dates(staff_client, register):
    header, *rows = _xlsx_rows(staff_client.get("/suche/export/xlsx/?q=Hundesteuer"))
    assert header[5] == "Letzte Änderung"
    assert rows and isinstance(rows[0][5], datetime.datetime)
    assert rows[0][0] == "Hundesteuer An- und Abmeldung"


def test_a_restricted_hit_is_only_exported_to_readers_who_may_see_it(register):
    finance = Group.objects.create(name="Finanzen Diez")
    restriction = PageViewRestriction.objects.create(
        page=register.hundesteuer.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(finance)
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(finance)
    for user, expected in ((insider, True), (outsider, False)):
        client = Client()
        client.force_login(user)
        for export_format in ("csv", "xlsx"):
            response = client.get(f"/suche/export/{export_format}/?q=Steuer")
            rows = _csv_rows(response) if export_format == "csv" else _xlsx_rows(response)
            titles = [row[0] for row in rows[1:]]
            assert ("Hundesteuer An- und Abmeldung" in titles) is expected


def test_the_search_page_links_both_downloads(staff_client, register):
    page = staff_client.get("/suche/?q=Gewerbe&typ=prozess").content.decode()
    assert 'href="/suche/export/csv/?q=Gewerbe&amp;typ=prozess"' in page
    assert 'href="/suche/export/xlsx/?q=Gewerbe&amp;typ=prozess"' in page
