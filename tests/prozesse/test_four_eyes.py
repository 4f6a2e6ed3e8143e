"""Four eyes in every approval step, over HTTP: whoever submitted or wrote a change cannot
approve it (department Freigabe, Interkommunale Freigabe, Lenkungskreis) – administrators
included – and a second member of the step's group can."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, Task, TaskState

from prozesse.models import FourEyesApprovalTask, IntermunicipalApprovalTask, MunicipalityPage
from prozesse.models.approval import OWN_SUBMISSION_MESSAGE, SUPERUSER_APPROVAL_ACTION
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME
from prozesse.roles.provisioning import provision_all, provision_department
from tests.admin_forms import admin_form, edit_url
from tests.factories import UserFactory
from tests.roles.organisation import second_member

pytestmark = pytest.mark.django_db


def submit(client, page, **changes) -> Page:
    """Open the page in the editor, apply ``changes`` and submit it for approval."""
    data = admin_form(client, edit_url(page), **changes, **{"action-submit": "1"})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.status_code
    return Page.objects.get(pk=page.pk).specific


def act(client, page, action: str, comment: str = ""):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def current_task_name(page) -> str | None:
    task = Page.objects.get(pk=page.pk).current_workflow_task
    return task.name if task else None


def refused_in_german(client, response) -> None:
    """The admin redirects to the page with the German explanation."""
    assert response.status_code == 302, response.status_code
    followed = client.get(response["Location"])
    assert str(OWN_SUBMISSION_MESSAGE) in followed.content.decode()


# ---------------------------------------------------------------- the three approval steps


def test_a_reviewer_cannot_approve_a_change_they_submitted_in_their_department(
    organisation, client
):
    reviewer = organisation.users["freigabe"]
    client.force_login(reviewer)
    page = submit(client, organisation.live("own"), title="Selbst eingereicht")

    response = act(client, page, "approve")

    refused_in_german(client, response)
    page = Page.objects.get(pk=page.pk)
    assert page.title != "Selbst eingereicht" and page.workflow_in_progress
    assert current_task_name(page) == "Freigabe VG Talheim – Bürgerbüro"


def test_a_second_reviewer_approves_what_the_first_submitted(organisation, client):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Von zwei Personen geprüft")

    client.force_login(second_member(organisation, "freigabe"))
    act(client, page, "approve")

    page = Page.objects.get(pk=page.pk)
    assert page.live and page.title == "Von zwei Personen geprüft"
    assert not page.workflow_in_progress


def test_a_reviewer_cannot_request_changes_on_their_own_submission_either(organisation, client):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Selbst eingereicht")

    response = act(client, page, "reject", "Passt so nicht.")

    refused_in_german(client, response)
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_a_reviewer_who_edited_the_page_during_review_cannot_approve_it(organisation, client):
    client.force_login(organisation.users["redaktion"])
    page = submit(client, organisation.live("own"), title="Von der Redaktion")
    reviewer = organisation.users["freigabe"]
    client.force_login(reviewer)
    data = admin_form(client, edit_url(page), title="Vom Prüfer ergänzt")
    client.post(edit_url(page), data)

    refused_in_german(client, act(client, page, "approve"))

    assert Page.objects.get(pk=page.pk).title != "Vom Prüfer ergänzt"


def test_the_workflow_buttons_of_the_edit_form_refuse_an_own_approval(organisation, client):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Selbst eingereicht")
    data = admin_form(
        client,
        edit_url(page),
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )

    response = client.post(edit_url(page), data)

    refused_in_german(client, response)
    assert Page.objects.get(pk=page.pk).workflow_in_progress


def test_the_lenkungskreis_cannot_approve_the_intermunicipal_step_of_its_own_submission(
    organisation, client
):
    # An editor of the department who also sits on the Lenkungskreis shares a process.
    member = UserFactory(username="redaktion-und-lenkungskreis")
    member.groups.add(organisation.groups["redaktion"], organisation.groups["lenkungskreis"])
    client.force_login(member)
    page = submit(
        client, organisation.live("own"), title="Für alle Kommunen", share_intermunicipal="on"
    )
    client.force_login(organisation.users["freigabe"])
    act(client, page, "approve")
    assert current_task_name(page) == INTERMUNICIPAL_TASK_NAME

    client.force_login(member)
    refused_in_german(client, act(client, page, "approve"))
    assert Page.objects.get(pk=page.pk).title != "Für alle Kommunen"

    client.force_login(organisation.users["lenkungskreis"])
    act(client, page, "approve")
    page = Page.objects.get(pk=page.pk)
    assert page.live and page.title == "Für alle Kommunen"


def test_a_lenkungskreis_member_cannot_approve_their_own_decision(organisation, client):
    member = organisation.users["lenkungskreis"]
    client.force_login(member)
    decision = submit(client, organisation.live("committee"), title="Eigener Beschluss")

    refused_in_german(client, act(client, decision, "approve"))
    assert Page.objects.get(pk=decision.pk).title != "Eigener Beschluss"

    client.force_login(second_member(organisation, "lenkungskreis"))
    act(client, decision, "approve")
    assert Page.objects.get(pk=decision.pk).title == "Eigener Beschluss"


# ------------------------------------------------------------------------ administrators


def test_an_administrator_cannot_approve_their_own_submission(organisation, client):
    client.force_login(organisation.users["administration"])
    page = submit(client, organisation.live("own"), title="Vom Admin eingereicht")

    refused_in_german(client, act(client, page, "approve"))

    assert Page.objects.get(pk=page.pk).workflow_in_progress


def test_an_administrator_approving_outside_the_review_group_is_recorded(organisation, client):
    client.force_login(organisation.users["redaktion"])
    page = submit(client, organisation.live("own"), title="Von der Redaktion")
    client.force_login(organisation.users["administration"])

    act(client, page, "approve")

    entry = PageLogEntry.objects.get(page=page, action=SUPERUSER_APPROVAL_ACTION)
    assert entry.user == organisation.users["administration"]
    assert entry.data["requested_by"] == organisation.users["redaktion"].get_username()
    assert "ohne Mitglied der Prüfgruppe zu sein" in entry.message


# ----------------------------------------------------------------------- queue and editor


def test_the_reviewers_queue_leaves_out_an_own_submission(organisation, client):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Wartet auf zweite Person")

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert approve_url not in html


def test_the_second_reviewers_queue_offers_the_approval(organisation, client):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Für die zweite Person")
    client.force_login(second_member(organisation, "freigabe"))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert approve_url in html


def test_the_editor_tells_the_submitting_reviewer_why_there_is_no_approve_button(
    organisation, client
):
    client.force_login(organisation.users["freigabe"])
    page = submit(client, organisation.live("own"), title="Selbst eingereicht")

    html = client.get(edit_url(page)).content.decode()

    assert str(OWN_SUBMISSION_MESSAGE) in html


# ------------------------------------------------------------------ provisioning, migration


def _make_plain(task: Task) -> None:
    """Turn a four-eyes step back into a plain GroupApprovalTask (as before this release)."""
    FourEyesApprovalTask.objects.filter(pk=task.pk)._raw_delete("default")
    Task.objects.filter(pk=task.pk).update(
        content_type=ContentType.objects.get_for_model(GroupApprovalTask)
    )


def test_every_provisioned_approval_step_is_a_four_eyes_step(organisation):
    for scope in ("own", "sibling", "other_town", "committee"):
        page = organisation.pending(scope)
        assert isinstance(page.current_workflow_task, FourEyesApprovalTask), scope
    intermunicipal = Task.objects.get(name=INTERMUNICIPAL_TASK_NAME).specific
    assert isinstance(intermunicipal, FourEyesApprovalTask)


def test_provisioning_again_turns_a_plain_approval_step_into_a_four_eyes_step(organisation):
    task = organisation.pending("own").current_workflow_task
    _make_plain(task)
    assert type(Task.objects.get(pk=task.pk).specific) is GroupApprovalTask

    report = provision_all()

    assert isinstance(Task.objects.get(pk=task.pk).specific, FourEyesApprovalTask)
    assert any("Vier-Augen" in line for line in report.changes)
    assert provision_all().changes == []


def test_the_migration_converts_the_steps_provisioning_made_and_keeps_running_reviews(
    organisation,
):
    migration = importlib.import_module(
        "prozesse.migrations.0005_convert_provisioned_tasks_to_four_eyes"
    )
    pending = organisation.pending("own")
    state_before = pending.current_workflow_task_state
    plain = [Task.objects.get(name=INTERMUNICIPAL_TASK_NAME), pending.current_workflow_task]
    plain.append(organisation.pending("committee").current_workflow_task)
    for task in plain:
        _make_plain(task)
    hand_made = GroupApprovalTask.objects.create(name="Von Hand angelegt")

    migration.to_four_eyes(apps, None)

    for task in plain:
        assert isinstance(Task.objects.get(pk=task.pk).specific, FourEyesApprovalTask)
    assert type(Task.objects.get(pk=hand_made.pk).specific) is GroupApprovalTask
    assert Page.objects.get(pk=pending.pk).current_workflow_task_state.pk == state_before.pk


def test_the_migration_makes_the_intermunicipal_step_its_own_type_that_provisioning_finds(
    organisation,
):
    migration = importlib.import_module("prozesse.migrations.0007_intermunicipal_approval_task")
    step = Task.objects.get(name=INTERMUNICIPAL_TASK_NAME)
    # As before the migration: a four-eyes step known only by its name.
    IntermunicipalApprovalTask.objects.filter(pk=step.pk)._raw_delete("default")
    Task.objects.filter(pk=step.pk).update(
        content_type=ContentType.objects.get_for_model(FourEyesApprovalTask)
    )
    assert type(Task.objects.get(pk=step.pk).specific) is FourEyesApprovalTask

    migration.to_intermunicipal(apps, None)

    assert type(Task.objects.get(pk=step.pk).specific) is IntermunicipalApprovalTask
    assert provision_all().changes == []


def _dashboard_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # warm caches (site, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_the_reviewers_dashboard_asks_the_database_as_often_however_many_departments_exist(
    organisation, client
):
    reviewer = organisation.users["freigabe"]
    before = _dashboard_queries(client, reviewer)
    town = MunicipalityPage.objects.get(pk=organisation.municipality_ids["town"])
    for number in range(4):
        provision_department(town, f"Fachbereich {number}", code=f"F{number}")

    assert _dashboard_queries(client, reviewer) == before
