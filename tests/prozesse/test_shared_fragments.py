"""Page parts shared by readers who may see the same pages: the register table, the start page.

A part is rendered once (per set of filters, per set of home towns) and served from the cache
to every reader with the same visibility. These tests hold the trust boundary: a reader never
gets a part rendered for someone who may see more, a restriction or a publish counts on the
next request, and a shared part holds nothing personal.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from prozesse.models import RegisterPage
from prozesse.roles.provisioning import provision_municipality_staff
from tests.builders import publish, restrict_to
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    UserFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    return home_page().add_child(
        instance=RegisterPage(title="Prozessregister", slug="prozessregister")
    )


@pytest.fixture
def diez_department(db):
    return DepartmentPageFactory(parent=MunicipalityPageFactory(title="VG Diez", slug="diez"))


@pytest.fixture
def crisis_group(db):
    return Group.objects.create(name="Krisenstab")


def table(user, register, query: str = "") -> str:
    return table_and_process_queries(user, register, query)[0]


def table_and_process_queries(user, register, query: str = "") -> tuple[str, list[str]]:
    """The register page for ``user`` and the queries it made of the process table (none when
    the table came from the shared cache)."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(register.url + query).content.decode()
    return html, [q["sql"] for q in queries if "prozesse_processpage" in q["sql"]]


def test_a_reader_outside_a_restriction_never_gets_the_table_a_member_caused(
    register, diez_department, crisis_group
):
    restrict_to(ProcessPageFactory(parent=diez_department, title="Krisenstabsakte"), crisis_group)
    member = UserFactory()
    member.groups.add(crisis_group)
    assert "Krisenstabsakte" in table(member, register)
    assert "Krisenstabsakte" not in table(UserFactory(), register)


def test_a_restriction_set_after_the_table_was_shared_hides_the_page_on_the_next_request(
    register, diez_department, crisis_group
):
    process = ProcessPageFactory(parent=diez_department, title="Krisenstabsakte")
    reader = UserFactory()
    assert "Krisenstabsakte" in table(reader, register)
    restrict_to(process, crisis_group)  # through the ORM: no log entry, the visibility changes
    assert "Krisenstabsakte" not in table(reader, register)


def test_leaving_a_group_hides_its_pages_from_the_shared_table_on_the_next_request(
    register, diez_department, crisis_group
):
    restrict_to(ProcessPageFactory(parent=diez_department, title="Krisenstabsakte"), crisis_group)
    reader = UserFactory()
    reader.groups.add(crisis_group)
    assert "Krisenstabsakte" in table(reader, register)
    reader.groups.remove(crisis_group)
    assert "Krisenstabsakte" not in table(reader, register)


def test_a_published_change_shows_in_the_shared_table_on_the_next_request(
    register, diez_department
):
    process = ProcessPageFactory(parent=diez_department, title="Hundesteuer")
    reader = UserFactory()
    assert "Hundesteuer" in table(reader, register)
    process.title = "Hundesteuer festsetzen"
    process.save_revision().publish()
    assert "Hundesteuer festsetzen" in table(reader, register)


def test_an_unpublished_page_leaves_the_shared_table_on_the_next_request(register, diez_department):
    process = publish(ProcessPageFactory(parent=diez_department, title="Hundesteuer"))
    reader = UserFactory()
    assert "Hundesteuer" in table(reader, register)
    process.unpublish()
    assert "Hundesteuer" not in table(reader, register)


def test_readers_who_may_see_the_same_pages_share_one_rendering_of_the_table(
    register, diez_department
):
    ProcessPageFactory(parent=diez_department, title="Hundesteuer")
    table(UserFactory(), register)
    html, process_queries = table_and_process_queries(UserFactory(), register)
    assert "Hundesteuer" in html
    assert not process_queries


def test_each_set_of_filters_has_its_own_shared_table(register, diez_department):
    ProcessPageFactory(parent=diez_department, title="Hundesteuer")
    ProcessPageFactory(
        parent=DepartmentPageFactory(parent=MunicipalityPageFactory(slug="montabaur")),
        title="Gewerbeanmeldung",
    )
    reader = UserFactory()
    assert "Gewerbeanmeldung" in table(reader, register)
    filtered = table(reader, register, "?kommune=diez")
    assert "Hundesteuer" in filtered
    assert "Gewerbeanmeldung" not in filtered


def test_the_shared_table_holds_nothing_personal(register, diez_department):
    ProcessPageFactory(parent=diez_department, title="Hundesteuer")
    first = UserFactory(first_name="Erika", last_name="Mustermann")
    html = table(first, register)
    shared = html[html.index('<form method="get" class="filter-form"') : html.index("</main>")]
    assert "Mustermann" in html  # the page header names the reader …
    assert "Mustermann" not in shared  # … the shared part does not
    assert "csrfmiddlewaretoken" not in shared


def start_page(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(home_page().url).content.decode()


def test_readers_of_different_towns_each_get_their_own_towns_start_page(db):
    diez = MunicipalityPageFactory(title="VG Diez", slug="vg-diez")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", slug="vg-montabaur")
    of_diez, of_montabaur = UserFactory(), UserFactory()
    of_diez.groups.add(provision_municipality_staff(diez))
    of_montabaur.groups.add(provision_municipality_staff(montabaur))
    assert f'href="{diez.url}notfallhandbuch/"' in start_page(of_diez)
    html = start_page(of_montabaur)
    assert f'href="{montabaur.url}notfallhandbuch/"' in html
    assert f'href="{diez.url}notfallhandbuch/"' not in html


def test_a_reader_outside_a_restriction_never_gets_the_start_page_a_member_caused(
    diez_department, crisis_group
):
    restrict_to(
        publish(ProcessPageFactory(parent=diez_department, title="Krisenstabsakte")), crisis_group
    )
    member = UserFactory()
    member.groups.add(crisis_group)
    assert "Krisenstabsakte" in start_page(member)
    assert "Krisenstabsakte" not in start_page(UserFactory())


def test_saving_a_draft_keeps_the_shared_table(register, diez_department):
    process = publish(ProcessPageFactory(parent=diez_department, title="Hundesteuer"))
    reader = UserFactory()
    table(reader, register)
    draft = process.get_latest_revision_as_object()
    draft.title = "Hundesteuer (Entwurf)"
    draft.save_revision(log_action=True)  # as the edit form does: logs "wagtail.edit"
    assert PageLogEntry.objects.filter(page=process, action="wagtail.edit").exists()
    html, process_queries = table_and_process_queries(reader, register)
    assert "Hundesteuer" in html and "Entwurf" not in html
    assert not process_queries
