"""Two people save the same page: the later save, based on an outdated version, is refused with a
German message and keeps its input; nothing is silently overwritten."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prozesse.roles.provisioning import provision_department_roles
from tests.admin_forms import admin_form
from tests.factories import DepartmentPageFactory, ProcessPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    department = DepartmentPageFactory()
    roles = provision_department_roles(department)
    page = ProcessPageFactory(parent=department, title="Gewerbeanmeldung", summary="Alt")
    page.save_revision()
    editors = []
    for _ in range(2):
        user = UserFactory()
        user.groups.add(roles.editors)
        client = Client()
        client.force_login(user)
        editors.append(client)
    return page, editors


def save(client, page, form, **changes):
    data = {**form, **changes, "action-save": "1"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_a_save_based_on_an_outdated_version_is_refused_and_keeps_the_input(process):
    page, (first, second) = process
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form_first, form_second = admin_form(first, url), admin_form(second, url)
    assert save(first, page, form_first, summary="Erste Änderung").status_code == 302
    response = save(second, page, form_second, summary="Zweite Änderung")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jemand hat diese Seite gespeichert, nachdem Sie sie geöffnet haben" in html
    assert "Zweite Änderung" in html
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "Erste Änderung"


def test_saving_again_after_the_warning_is_a_deliberate_choice_and_succeeds(process):
    page, (first, second) = process
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form_first, form_second = admin_form(first, url), admin_form(second, url)
    save(first, page, form_first, summary="Erste Änderung")
    save(second, page, form_second, summary="Zweite Änderung")
    response = save(second, page, admin_form(second, url), summary="Zweite Änderung")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "Zweite Änderung"


def test_a_save_on_the_latest_version_goes_through(process):
    page, (first, _second) = process
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert save(first, page, admin_form(first, url), summary="Neu").status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "Neu"


def test_a_save_after_ones_own_newer_revision_goes_through(process):
    """Wagtail's autosave may store a revision while the form is being sent: no conflict."""
    page, (first, _second) = process
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = admin_form(first, url)
    assert save(first, page, form, summary="Zwischenstand").status_code == 302
    response = save(first, page, form, summary="Endfassung")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "Endfassung"
