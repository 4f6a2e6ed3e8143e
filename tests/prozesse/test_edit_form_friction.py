"""The process edit form without friction (issue 21, "Editing"): the generated register key
read-only, checkboxes instead of Ctrl-click lists, plain labels on the diagram field with a
preview, a completeness hint, no search-engine fields, empty blocks that do not stop a draft."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from prozesse.models import ProcessPage
from prozesse.roles.provisioning import provision_department_roles
from tests.admin_forms import admin_form, edit_url
from tests.builders import BPMN_FIXTURE
from tests.factories import DepartmentPageFactory, ProcessPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentPageFactory(title="Bürgerbüro")


@pytest.fixture
def editor(department):
    roles = provision_department_roles(department)
    user = UserFactory()
    user.groups.add(roles.editors)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def process(department):
    page = ProcessPageFactory(parent=department, title="Gewerbeanmeldung")
    page.save_revision()
    return page


def edit_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return WagtailTestUtils.get_soup(response.content.decode())


def save_draft(client, page, **changes):
    data = {**admin_form(client, edit_url(page)), **changes, "action-save": "1"}
    return client.post(edit_url(page), data)


def test_the_register_key_is_shown_but_cannot_be_edited(editor, process):
    soup = edit_form(editor, process)
    assert soup.select_one("input[name=register_key]") is None
    assert process.register_key in soup.get_text()


def test_a_posted_register_key_is_ignored(editor, process):
    key = process.register_key
    save_draft(editor, process, register_key="FALSCH-0001")
    saved = ProcessPage.objects.get(pk=process.pk).get_latest_revision_as_object()
    assert saved.register_key == key


def test_it_systems_are_chosen_with_checkboxes_not_a_multiple_select(editor, process):
    soup = edit_form(editor, process)
    assert soup.select_one("select[name=it_systems]") is None


def test_the_edit_form_has_no_search_engine_fields(editor, process):
    soup = edit_form(editor, process)
    assert soup.select_one("input[name=seo_title]") is None
    assert soup.select_one("textarea[name=search_description]") is None
    assert soup.select_one("input[name=slug]") is not None


def test_the_diagram_field_says_remove_instead_of_reset_and_shows_a_preview(editor, department):
    page = ProcessPageFactory(parent=department, title="Mit Diagramm")
    page.bpmn_file.save("prozess.bpmn", ContentFile(BPMN_FIXTURE.read_bytes()), save=False)
    page.save()
    page.save_revision()
    soup = edit_form(editor, page)
    text = soup.get_text()
    assert "Diagramm entfernen" in text
    assert "Zurücksetzen" not in text
    preview = soup.select_one(".diagram-preview svg")
    assert preview is not None


def test_the_completeness_hint_lists_what_a_process_still_lacks(editor, process):
    hint = edit_form(editor, process).select_one(".completeness-hint").get_text()
    for missing in ("Prozessschritte", "Prozessdiagramm (BPMN)", "Rechtsgrundlagen", "Vertretung"):
        assert missing in hint


def test_the_empty_step_stream_is_marked_for_a_labelled_add_button(editor, process):
    soup = edit_form(editor, process)
    assert soup.select_one('[data-add-label="Prozessschritt"]') is not None


def test_an_empty_legal_basis_does_not_stop_a_draft_save(editor, process):
    data = {
        **admin_form(editor, edit_url(process)),
        "legal_bases-count": "1",
        "legal_bases-0-type": "legal_basis",
        "legal_bases-0-deleted": "",
        "legal_bases-0-order": "0",
        "legal_bases-0-id": "a1b2c3",
        "legal_bases-0-value-law": "",
        "legal_bases-0-value-paragraph": "",
        "legal_bases-0-value-norm": "",
        "legal_bases-0-value-title": "",
        "legal_bases-0-value-url": "",
        "action-save": "1",
    }
    response = editor.post(edit_url(process), data)
    assert response.status_code == 302
