"""The admin side of roles: administrators provision from the admin ("Rollen und Freigabe"),
knowledge management maintains people, IT systems and tags, staff stay out of the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles.provisioning import provision_department
from tests.factories import ProcessPageFactory
from tests.roles.organisation import second_member

pytestmark = pytest.mark.django_db
ROLES_URL = reverse("prozesse_roles:index")


@pytest.fixture
def admin_client(organisation, client):
    client.force_login(organisation.users["administration"])
    return client


def test_administrators_find_roles_and_approval_in_the_settings_menu(admin_client):
    assert ROLES_URL in admin_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", ["freigabe", "lenkungskreis", "wissen_alle"])
def test_other_roles_neither_see_nor_open_roles_and_approval(organisation, client, role):
    client.force_login(organisation.users[role])
    assert ROLES_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(ROLES_URL).status_code in (302, 403)
    assert client.post(ROLES_URL, {"job": "all"}).status_code in (302, 403)


def test_the_overview_lists_every_department_with_its_groups_and_workflow(admin_client):
    content = admin_client.get(ROLES_URL).content.decode()
    for name in (
        "Redaktion VG Talheim – Ordnungsamt",
        "Freigabe VG Ufersheim – Bauamt",
        "Freigabeprozess VG Talheim – Bürgerbüro",
        "Direkt veröffentlichen",  # the permission table
    ):
        assert name in content


def test_the_overview_needs_the_same_number_of_queries_for_more_departments(
    organisation, admin_client
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(ROLES_URL).status_code == 200
        return len(context.captured_queries)

    queries()  # warm caches (content types, site root)
    before = queries()
    town = MunicipalityPage.objects.get(pk=organisation.municipality_ids["town"])
    provision_department(town, "Finanzen", code="FIN")
    provision_department(town, "Bauamt", code="BA")
    assert queries() == before


def test_an_administrator_sets_up_a_department_from_the_admin(organisation, admin_client):
    response = admin_client.post(
        ROLES_URL,
        {
            "job": "department",
            "municipality": organisation.municipality_ids["town"],
            "title": "Finanzen",
            "code": "FIN",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Gruppe angelegt: Freigabe VG Talheim – Finanzen" in content
    department = DepartmentPage.objects.get(code="FIN")
    assert department.get_workflow().name == "Freigabeprozess VG Talheim – Finanzen"


def test_setting_up_an_existing_department_again_changes_nothing(organisation, admin_client):
    response = admin_client.post(
        ROLES_URL,
        {
            "job": "department",
            "municipality": organisation.municipality_ids["town"],
            "title": "Bürgerbüro",
            "code": "BB",
        },
    )
    assert "Keine Änderungen" in response.content.decode()


def test_a_refused_code_is_shown_as_an_error_in_the_admin(organisation, admin_client):
    response = admin_client.post(
        ROLES_URL,
        {
            "job": "department",
            "municipality": organisation.municipality_ids["town"],
            "title": "Bürgerbüro",
            "code": "XY",
        },
    )
    assert "hat das Kürzel BB, nicht XY" in response.content.decode()
    assert not DepartmentPage.objects.filter(code="XY").exists()


def test_an_administrator_reconciles_all_roles_from_the_admin(admin_client):
    Group.objects.get(name="Mitarbeitende").delete()
    content = admin_client.post(ROLES_URL, {"job": "all"}).content.decode()
    assert "Gruppe angelegt: Mitarbeitende" in content


def test_a_department_page_offers_its_roles_to_administrators(organisation, admin_client):
    department_id = organisation.container_ids["own"]
    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[department_id]))
    link = f"{ROLES_URL}?fachbereich={department_id}"
    assert link in explorer.content.decode()
    form = admin_client.get(link).content.decode()
    assert 'value="Bürgerbüro"' in form and 'value="BB"' in form


def test_reviewers_do_not_get_the_roles_button(organisation, client):
    client.force_login(organisation.users["freigabe"])
    department_id = organisation.container_ids["own"]
    explorer = client.get(reverse("wagtailadmin_explore", args=[department_id]))
    assert ROLES_URL not in explorer.content.decode()


# ---------------------------------------------------------------- rights outside pages


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_taggit_tag:list",
        "wagtailsnippets_taggit_tag:add",
        "wagtailsnippets_prozesse_person:add",
        "wagtailsnippets_prozesse_itsystem:add",
    ],
)
@pytest.mark.parametrize("role", ["wissen_kommune", "wissen_alle"])
def test_knowledge_management_maintains_tags_people_and_it_systems(
    organisation, client, role, url_name
):
    client.force_login(organisation.users[role])
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("role", ["redaktion", "freigabe", "lenkungskreis"])
def test_editors_cannot_maintain_tags(organisation, client, role):
    client.force_login(organisation.users[role])
    assert client.get(reverse("wagtailsnippets_taggit_tag:list")).status_code in (302, 403)


@pytest.mark.parametrize("role", ["redaktion", "freigabe", "lenkungskreis"])
def test_editors_may_upload_documents_and_images(organisation, client, role):
    client.force_login(organisation.users[role])
    assert client.get(reverse("wagtaildocs:add_multiple")).status_code == 200
    assert client.get(reverse("wagtailimages:add_multiple")).status_code == 200


def test_staff_have_no_admin_access_but_read_the_intranet(organisation, client):
    client.force_login(organisation.users["mitarbeitende"])
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    live = organisation.live("own")
    assert client.get(live.url).status_code == 200


# ------------------------------------------------------------------------ drafts


@pytest.mark.parametrize("role", ["redaktion", "freigabe"])
def test_editors_may_delete_a_draft_of_their_department_that_was_never_published(
    organisation, client, role
):
    draft = ProcessPageFactory(parent=organisation.container("own"), title="Entwurf", live=False)
    draft.save_revision()
    client.force_login(organisation.users[role])
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_editors_may_not_delete_a_draft_of_another_department(organisation, client):
    draft = ProcessPageFactory(
        parent=organisation.container("sibling"), title="Entwurf", live=False
    )
    client.force_login(organisation.users["redaktion"])
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert Page.objects.filter(pk=draft.pk).exists()


def _four_eyes_warning(html: str) -> str:
    soup = WagtailTestUtils.get_soup(html)
    section = soup.find(id="roles-four-eyes-heading")
    return section.find_parent("section").get_text(" ") if section else ""


def test_the_overview_warns_where_a_review_step_lacks_a_second_active_member(
    organisation, admin_client
):
    warning = _four_eyes_warning(admin_client.get(ROLES_URL).content.decode())

    assert "Freigabe VG Talheim – Bürgerbüro" in warning
    assert "1 aktives Mitglied" in warning


def test_a_second_active_member_ends_the_warning_for_that_step(organisation, admin_client):
    second_member(organisation, "freigabe")
    inactive = second_member(organisation, "freigabe_sibling")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    warning = _four_eyes_warning(admin_client.get(ROLES_URL).content.decode())

    assert "Freigabe VG Talheim – Bürgerbüro" not in warning
    assert "Freigabe VG Talheim – Ordnungsamt" in warning  # an inactive second does not count
