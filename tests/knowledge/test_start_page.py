"""The editors' and reviewers' start page (the admin dashboard, ``knowledge.start_panels``), the
German help and avatar of the admin, and where a sign-in lands."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page

from prozesse.roles.provisioning import provision_department_roles
from tests.builders import publish, save_draft
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")
PASSWORD = "Ein-langes-Kennwort-2026!"


@pytest.fixture
def diez():
    town = MunicipalityPageFactory(title="VG Diez", code="DIE")
    return provision_department_roles(
        DepartmentPageFactory(parent=town, title="Bürgerbüro", code="BB")
    )


@pytest.fixture
def montabaur():
    town = MunicipalityPageFactory(title="VG Montabaur", code="MON")
    return provision_department_roles(
        DepartmentPageFactory(parent=town, title="Ordnungsamt", code="OA")
    )


@pytest.fixture
def editor(diez):
    user = UserFactory(username="redakteurin", first_name="Rita", last_name="Roth")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(diez.editors)
    return user


@pytest.fixture
def reviewers(diez):
    first, second = UserFactory(username="pruefer1"), UserFactory(username="pruefer2")
    for user in (first, second):
        user.groups.add(diez.reviewers)
    return first, second


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(HOME).content.decode()


def submit(page, user):
    revision = save_draft(page, user, summary="Geändert")
    page = type(page).objects.get(pk=page.pk)
    page.get_workflow().start(page, user)
    return revision


def test_my_department_names_the_department_with_its_town(client, editor, montabaur):
    html = dashboard(client, editor)
    assert "Mein Fachbereich" in html and "Bürgerbüro" in html and "(VG Diez)" in html
    assert "Ordnungsamt" not in html


def test_new_entry_buttons_create_in_the_editors_department(client, editor, diez):
    html = dashboard(client, editor)
    add = reverse("wagtailadmin_pages:add", args=["prozesse", "processpage", diez.department.pk])
    assert add in html and "+ Prozesssteckbrief" in html


def test_my_drafts_lists_my_unsubmitted_draft_and_not_others(client, editor, diez, montabaur):
    mine = publish(ProcessPageFactory(parent=diez.department, title="Meldewesen"))
    save_draft(mine, editor, title="Meldewesen neu")
    other = publish(ProcessPageFactory(parent=diez.department, title="Fremder Entwurf"))
    save_draft(other, UserFactory(), title="Fremder Entwurf neu")
    html = dashboard(client, editor)
    assert "Meine Entwürfe" in html and "Meldewesen neu" in html
    assert "Fremder Entwurf neu" not in html


def test_a_submitted_draft_leaves_my_drafts(client, editor, diez):
    page = publish(ProcessPageFactory(parent=diez.department, title="Wohngeld"))
    submit(page, editor)
    assert "Sie haben keine offenen Entwürfe" in dashboard(client, editor)


def test_the_review_queue_offers_a_change_of_someone_else(client, editor, reviewers, diez):
    page = publish(ProcessPageFactory(parent=diez.department, title="Bauantrag"))
    submit(page, editor)
    html = dashboard(client, reviewers[0])
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert approve in html


def test_the_review_queue_never_lists_the_reviewers_own_change(client, reviewers, diez):
    page = publish(ProcessPageFactory(parent=diez.department, title="Eigene Einreichung"))
    submit(page, reviewers[0])
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    html = dashboard(client, reviewers[0])
    assert approve not in html and 'id="awaiting-review"' not in html


def test_the_review_queue_leaves_out_another_departments_changes(client, reviewers, montabaur):
    author = UserFactory()
    author.groups.add(montabaur.editors)
    submit(publish(ProcessPageFactory(parent=montabaur.department, title="Anderswo")), author)
    assert "Anderswo" not in dashboard(client, reviewers[0])


def test_my_due_reviews_says_so_when_nothing_is_due(client, editor):
    assert "Zurzeit ist keine Ihrer Seiten zur Prüfung fällig." in dashboard(client, editor)


def test_the_editors_dashboard_drops_wagtails_recent_edits(client, editor, diez):
    page = publish(ProcessPageFactory(parent=diez.department))
    save_draft(page, editor)
    assert 'id="recent-edits"' not in dashboard(client, editor)


def test_the_dashboard_links_the_german_help_not_wagtails_guide(client, editor):
    html = dashboard(client, editor)
    assert reverse("prozesse_help") in html
    assert "guide.wagtail.org" not in html


def test_the_avatar_is_drawn_from_initials_without_an_image_file(client, editor):
    html = dashboard(client, editor)
    assert "data:image/svg+xml" in html and "default-user-avatar.png" not in html


def test_history_entries_written_by_the_system_show_without_an_avatar_error(admin_user_client):
    log(MunicipalityPageFactory(title="VG Diez"), "wagtail.edit", user=None)
    response = admin_user_client.get("/admin/reports/site-history/")
    assert response.status_code == 200


def test_the_help_page_explains_the_daily_steps_in_german(client, editor):
    client.force_login(editor)
    html = client.get(reverse("prozesse_help")).content.decode()
    assert "Zur Freigabe einreichen" in html


def test_an_editor_lands_on_the_dashboard_after_signing_in(client, editor):
    response = client.post(reverse("login"), {"username": "redakteurin", "password": PASSWORD})
    assert response.url == HOME


def test_an_editor_who_asked_for_a_page_lands_there(client, editor):
    response = client.post(
        reverse("login") + "?next=/suche/", {"username": "redakteurin", "password": PASSWORD}
    )
    assert response.url == "/suche/"


def test_staff_land_on_the_intranet_home_after_signing_in(client, db):
    user = UserFactory(username="leserin")
    user.set_password(PASSWORD)
    user.save()
    response = client.post(reverse("login"), {"username": "leserin", "password": PASSWORD})
    assert response.url == "/"
