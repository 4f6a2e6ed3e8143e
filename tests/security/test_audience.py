"""Town- and department-private pages set by the department itself ("Sichtbarkeit"):
editors narrow, only the Freigabe widens, nobody reaches beyond their town."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from prozesse.privacy import Audience, audience_label
from prozesse.roles.definitions import STAFF_TOWN_NAME
from prozesse.roles.provisioning import provision_department_roles
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    town = MunicipalityPageFactory(title="VG Diez", code="DIE")
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro", code="BB")
    roles = provision_department_roles(department)
    staff = Group.objects.get_or_create(name=STAFF_TOWN_NAME.format(municipality=town.title))[0]
    page = ProcessPageFactory(parent=department, title="Kassenanordnung")
    editor, reviewer = UserFactory(), UserFactory()
    editor.groups.add(roles.editors)
    reviewer.groups.add(roles.reviewers)
    return {"page": page, "staff": staff, "roles": roles, "editor": editor, "reviewer": reviewer}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_audience(user, page, audience, groups=()):
    return client_for(user).post(
        reverse("prozesse_audience", args=[page.pk]),
        {"audience": audience, "groups": [group.pk for group in groups]},
    )


def group_names(page) -> set[str]:
    restriction = PageViewRestriction.objects.filter(page=page).first()
    return {group.name for group in restriction.groups.all()} if restriction else set()


def test_an_editor_restricts_a_page_to_the_staff_of_their_town(setting):
    response = post_audience(setting["editor"], setting["page"], Audience.TOWN)
    assert response.status_code == 302
    assert group_names(setting["page"]) == {"Mitarbeitende VG Diez"}
    assert audience_label(setting["page"]) == "Nur: Mitarbeitende VG Diez"


def test_an_editor_may_narrow_a_town_page_to_the_department(setting):
    post_audience(setting["editor"], setting["page"], Audience.TOWN)
    post_audience(setting["editor"], setting["page"], Audience.DEPARTMENT)
    roles = setting["roles"]
    assert group_names(setting["page"]) == {roles.editors.name, roles.reviewers.name}


def test_an_editor_may_not_lift_a_restriction_and_is_told_why_in_german(setting):
    post_audience(setting["editor"], setting["page"], Audience.TOWN)
    response = post_audience(setting["editor"], setting["page"], Audience.ALL)
    assert response.status_code == 400
    assert "nur die Freigabe des Fachbereichs" in response.content.decode()
    assert group_names(setting["page"]) == {"Mitarbeitende VG Diez"}


def test_the_freigabe_of_the_department_may_lift_a_restriction(setting):
    post_audience(setting["editor"], setting["page"], Audience.TOWN)
    response = post_audience(setting["reviewer"], setting["page"], Audience.ALL)
    assert response.status_code == 302
    assert not PageViewRestriction.objects.filter(page=setting["page"]).exists()


def test_groups_of_another_town_cannot_be_chosen(setting):
    other = Group.objects.create(name="Mitarbeitende VG Montabaur")
    response = post_audience(setting["editor"], setting["page"], Audience.GROUPS, [other])
    assert response.status_code == 400
    assert not PageViewRestriction.objects.filter(page=setting["page"]).exists()


def test_someone_without_edit_rights_on_the_page_cannot_open_the_audience_view(setting):
    other_department = DepartmentPageFactory(parent=setting["page"].get_parent().get_parent())
    stranger = UserFactory()
    stranger.groups.add(provision_department_roles(other_department).editors)
    response = client_for(stranger).get(reverse("prozesse_audience", args=[setting["page"].pk]))
    assert response.status_code in (302, 403)
    assert "Wer darf diese Seite lesen?" not in response.content.decode()


def test_the_edit_form_tells_editors_and_reviewers_who_may_read_the_page(setting):
    post_audience(setting["editor"], setting["page"], Audience.TOWN)
    html = client_for(setting["reviewer"]).get(
        reverse("wagtailadmin_pages:edit", args=[setting["page"].pk])
    )
    assert "Sichtbarkeit: Nur: Mitarbeitende VG Diez" in html.content.decode()


def test_a_town_private_page_is_absent_for_staff_of_other_towns(setting):
    post_audience(setting["editor"], setting["page"], Audience.TOWN)
    insider = UserFactory()
    insider.groups.add(setting["staff"])
    department_url = setting["page"].get_parent().url
    assert "Kassenanordnung" in client_for(insider).get(department_url).content.decode()
    assert "Kassenanordnung" not in client_for(UserFactory()).get(department_url).content.decode()
