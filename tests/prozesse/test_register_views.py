"""The register table for staff and the register list with export for editors."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from prozesse.filters import SORTS
from prozesse.models import ProcessPage, RegisterPage
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    page = home_page().add_child(
        instance=RegisterPage(title="Prozessregister", slug="prozessregister")
    )
    diez = MunicipalityPageFactory(title="VG Diez", slug="diez")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", slug="montabaur")
    ProcessPageFactory(
        parent=DepartmentPageFactory(parent=diez, title="Bürgerbüro"),
        title="Wohnsitzanmeldung",
        status="ist",
        maturity=3,
    )
    ProcessPageFactory(
        parent=DepartmentPageFactory(parent=montabaur, title="Finanzen"),
        title="Hundesteuer",
        status="soll",
        maturity=1,
        category="unterstuetzung",
    )
    ProcessPageFactory(
        parent=DepartmentPageFactory(parent=diez, title="Ordnungsamt"), title="Entwurf", live=False
    )
    return page  # fmt: skip


def rows(client, register, query: str = "") -> list[str]:
    content = client.get(register.url + query).content.decode()
    body = content.split("<tbody>")[1].split("</tbody>")[0]
    return [title for title in ("Wohnsitzanmeldung", "Hundesteuer", "Entwurf") if title in body]


def test_the_register_lists_live_processes_of_all_municipalities(staff_client, register):
    assert rows(staff_client, register) == ["Wohnsitzanmeldung", "Hundesteuer"]


def test_the_register_says_how_many_processes_it_lists(staff_client, register):
    assert "2 Prozesse" in staff_client.get(register.url).content.decode()


def test_beyond_its_counting_limit_the_register_says_more_than_and_lists_only_that_many(
    staff_client, register, monkeypatch
):
    monkeypatch.setattr("prozesse.register_table.COUNT_LIMIT", 1)
    response = staff_client.get(register.url)
    assert "Mehr als 1 Prozesse" in response.content.decode()
    assert len(rows(staff_client, register)) == 1
    assert response.context["paginator"].num_pages == 1


def test_a_filter_below_the_counting_limit_gives_the_exact_count_again(
    staff_client, register, monkeypatch
):
    monkeypatch.setattr("prozesse.register_table.COUNT_LIMIT", 1)
    content = staff_client.get(register.url + "?kommune=montabaur").content.decode()
    assert "1 Prozess<" in content
    assert "Mehr als" not in content


def test_processes_of_the_same_title_appear_once_each_across_the_pages(
    staff_client, register, monkeypatch
):
    monkeypatch.setattr("prozesse.register_table.PAGE_SIZE", 1)
    department = DepartmentPageFactory(parent=MunicipalityPageFactory(slug="weissenthurm"))
    same_title = {ProcessPageFactory(parent=department, title="Hundesteuer").pk for _ in range(3)}
    shown = [
        staff_client.get(register.url, {"seite": number}).context["processes"][0].pk
        for number in range(1, 6)
    ]
    assert sorted(pk for pk in shown if pk in same_title) == sorted(same_title)


@pytest.mark.parametrize("sort", list(SORTS))
def test_the_register_page_needs_as_many_queries_for_fifty_rows_as_for_two(
    staff_client, register, django_assert_max_num_queries, sort
):
    with CaptureQueriesContext(connection) as two_rows:
        staff_client.get(register.url, {"sortierung": sort})
    department = DepartmentPageFactory(parent=MunicipalityPageFactory(slug="kaisersesch"))
    ProcessPageFactory.create_batch(48, parent=department)
    cache.clear()  # the table is shared between requests (prozesse.shared_fragments)
    with django_assert_max_num_queries(len(two_rows)):
        response = staff_client.get(register.url, {"sortierung": sort})
    assert len(response.context["processes"]) == 50


def test_the_register_filters_by_municipality(staff_client, register):
    assert rows(staff_client, register, "?kommune=montabaur") == ["Hundesteuer"]


def test_the_register_filters_by_status_and_maturity(staff_client, register):
    assert rows(staff_client, register, "?status=ist") == ["Wohnsitzanmeldung"]
    assert rows(staff_client, register, "?reifegrad=1") == ["Hundesteuer"]


def test_the_register_filters_by_department_name(staff_client, register):
    assert rows(staff_client, register, "?fachbereich=Finanzen") == ["Hundesteuer"]


def test_the_register_sorts_by_a_column_in_both_directions(staff_client, register):
    content = staff_client.get(register.url + "?sortierung=titel&absteigend=on").content.decode()
    assert content.index("Wohnsitzanmeldung") < content.index("Hundesteuer</a>")
    assert 'aria-sort="descending"' in content


def test_invalid_filter_values_are_ignored_not_an_error(staff_client, register):
    response = staff_client.get(register.url + "?reifegrad=neun&sortierung=%3Cscript%3E")
    assert response.status_code == 200


def test_the_admin_register_list_filters_by_status(admin_user_client, register):
    content = admin_user_client.get("/admin/prozesse/processpage/?status=soll").content.decode()
    assert "Hundesteuer" in content
    assert "Wohnsitzanmeldung" not in content


def test_the_admin_register_list_exports_csv(admin_user_client, register):
    response = admin_user_client.get("/admin/prozesse/processpage/?export=csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Wohnsitzanmeldung" in text and "Hundesteuer" in text


def test_the_admin_register_list_exports_xlsx(admin_user_client, register):
    response = admin_user_client.get("/admin/prozesse/processpage/?export=xlsx")
    workbook = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    values = {cell.value for row in workbook.active.iter_rows() for cell in row}
    assert {"Wohnsitzanmeldung", "Hundesteuer"} <= values


def test_the_admin_register_list_filters_with_the_register_pages_parameters(
    admin_user_client, register
):
    content = admin_user_client.get(
        "/admin/prozesse/processpage/?kommune=montabaur&reifegrad=1&fachbereich=finanzen"
    ).content.decode()
    assert "Hundesteuer" in content
    assert "Wohnsitzanmeldung" not in content


def test_the_admin_register_list_shows_drafts_and_filters_by_published(admin_user_client, register):
    draft = ProcessPage.objects.get(title="Entwurf")
    drafts = admin_user_client.get("/admin/prozesse/processpage/?live=false").content.decode()
    assert f"/admin/pages/{draft.pk}/edit/" in drafts
    assert "Hundesteuer" not in drafts and "Wohnsitzanmeldung" not in drafts


def test_the_admin_register_search_wants_every_word_in_the_title_or_a_key(
    admin_user_client, register
):
    ProcessPage.objects.filter(title="Hundesteuer").update(register_key="MON-FIN-0007")
    found = admin_user_client.get("/admin/prozesse/processpage/?q=hunde+fin-0007")
    assert "Hundesteuer" in found.content.decode()
    missing = admin_user_client.get("/admin/prozesse/processpage/?q=hunde+wohnsitz")
    assert "Hundesteuer" not in missing.content.decode()
