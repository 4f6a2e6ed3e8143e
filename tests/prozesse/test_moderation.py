"""Moderation as editors and reviewers meet it in the Wagtail admin: submit, review queue,
changes requested with a comment, mails, locking, comparison, scheduling, history – and the
second approval by the Lenkungskreis for processes shared with other municipalities."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from prozesse.models import ProcessPage
from prozesse.models.approval import INTERMUNICIPAL_SKIP_COMMENT
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME
from search.service import search_register
from tests.admin_forms import add_url, admin_form, edit_url, opened_now
from tests.roles.organisation import second_member

pytestmark = pytest.mark.django_db
#: The admin answers a forbidden workflow action with 403, or redirects with a message.
DENIED = (302, 403)

COMMENT_FIELDS = {
    "comments-TOTAL_FORMS": "1",
    "comments-INITIAL_FORMS": "0",
    "comments-MIN_NUM_FORMS": "0",
    "comments-MAX_NUM_FORMS": "",
    "comments-0-DELETE": "",
    "comments-0-resolved": "",
    "comments-0-id": "",
    "comments-0-contentpath": "title",
    "comments-0-position": "",
    "comments-0-replies-TOTAL_FORMS": "0",
    "comments-0-replies-INITIAL_FORMS": "0",
    "comments-0-replies-MIN_NUM_FORMS": "0",
    "comments-0-replies-MAX_NUM_FORMS": "0",
}


def act(client, page, action: str, comment: str = ""):
    """Approve or request changes ("reject") for the page's current step, as in the modal."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


#: Page forms loaded once per module (page id → POST data); see ``_process_form``.
FORMS: dict[int, dict] = {}


def page_form(client, page, **changes) -> dict:
    """The page form as the browser posts it: from ``FORMS`` (every test starts from the same
    version of that page) or loaded from the editor."""
    if page.pk not in FORMS:
        return admin_form(client, edit_url(page), **changes)
    return opened_now({**FORMS[page.pk], **{key: [value] for key, value in changes.items()}}, page)


def submit(client, page, **changes):
    """Open the page in the editor, apply ``changes`` and click "Zur Moderation einreichen"."""
    data = page_form(client, page, **changes, **{"action-submit": "1"})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.status_code
    return ProcessPage.objects.get(pk=page.pk)


def current_task_name(page) -> str | None:
    task = Page.objects.get(pk=page.pk).current_workflow_task
    return task.name if task else None


def mails_to(mailoutbox, user) -> list:
    return [message for message in mailoutbox if user.email in message.to]


@pytest.fixture
def editor(organisation, client):
    client.force_login(organisation.users["redaktion"])
    return organisation.users["redaktion"]


@pytest.fixture(scope="module", autouse=True)
def _process_form(organisation, django_db_blocker):
    """Load the form of the own department's published process once, as its editor sees it."""
    with django_db_blocker.unblock():
        client = Client()
        client.force_login(organisation.users["redaktion"])
        page = organisation.live("own")
        FORMS[page.pk] = admin_form(client, edit_url(page))
    yield
    FORMS.clear()


@pytest.fixture
def process(organisation):
    """The published process of the editor's own department."""
    return organisation.live("own")


# ------------------------------------------------------------------------- end to end


def test_a_new_process_goes_through_requested_changes_to_live_and_findable(
    organisation, client, search_updates, mailoutbox
):
    department = organisation.container("own")
    editor = organisation.users["redaktion"]
    reviewer = organisation.users["freigabe"]
    other_reviewer = organisation.users["freigabe_sibling"]

    # The editor creates a process and submits it straight away.
    client.force_login(editor)
    url = add_url(ProcessPage, department)
    data = admin_form(
        client,
        url,
        title="Hundesteuer anmelden",
        slug="hundesteuer-anmelden",
        summary="Anmeldung eines Hundes zur Hundesteuer.",
        **{"action-submit": "1"},
    )
    assert client.post(url, data).status_code == 302
    process = ProcessPage.objects.get(slug="hundesteuer-anmelden")
    assert not process.live
    assert current_task_name(process) == "Freigabe VG Talheim – Bürgerbüro"

    # A reviewer of another department cannot approve it.
    client.force_login(other_reviewer)
    assert act(client, process, "approve").status_code in DENIED
    assert current_task_name(process) == "Freigabe VG Talheim – Bürgerbüro"

    # The department's reviewer requests changes with a comment.
    client.force_login(reviewer)
    act(client, process, "reject", "Bitte den Auslöser ergänzen.")
    state = WorkflowState.objects.for_instance(process).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The editor reads the comment in the mail and in the workflow history.
    (mail,) = mails_to(mailoutbox, editor)
    assert "Bitte den Auslöser ergänzen." in mail.body
    client.force_login(editor)
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[process.pk, state.pk])
    )
    assert "Bitte den Auslöser ergänzen." in history.content.decode()

    # The editor fixes it and resubmits; the same workflow resumes.
    submit(client, process, trigger="Die Halterin meldet ihren Hund an.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_name(process) == "Freigabe VG Talheim – Bürgerbüro"

    # The reviewer approves: the process is live and the search finds it.
    client.force_login(reviewer)
    act(client, process, "approve")
    process = ProcessPage.objects.get(pk=process.pk)
    assert process.live
    assert process.trigger == "Die Halterin meldet ihren Hund an."
    search_updates.refresh_indexes()
    found = search_register("Hundesteuer", user=organisation.users["mitarbeitende"])
    assert process.pk in [row.page.pk for row in found.results]


# ---------------------------------------------------------------------- for reviewers


def test_reviewers_find_pages_waiting_for_them_on_the_dashboard(organisation, client):
    client.force_login(organisation.users["freigabe"])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "In Freigabe own (geändert)" in content
    assert "In Freigabe sibling (geändert)" not in content


def test_reviewers_of_another_department_do_not_see_the_page_in_their_queue(organisation, client):
    client.force_login(organisation.users["freigabe_sibling"])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "In Freigabe sibling (geändert)" in content
    assert "In Freigabe own (geändert)" not in content


def test_the_reviewers_of_the_step_get_a_mail_on_submission_and_nobody_else(
    organisation, editor, client, process, mailoutbox
):
    submit(client, process, title="Gewerbeanmeldung neu")
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients == {organisation.users["freigabe"].email}


def test_a_message_for_the_reviewer_travels_with_the_submission_as_a_comment(
    organisation, editor, client, process
):
    submit(
        client,
        process,
        **COMMENT_FIELDS,
        **{"comments-0-text": "Neu: Formular GewA 1 ab Juli."},
    )
    client.force_login(organisation.users["freigabe"])
    editor_view = client.get(edit_url(process)).content.decode()
    assert "Neu: Formular GewA 1 ab Juli." in editor_view


def test_the_reviewer_compares_the_submitted_version_with_the_live_one(
    organisation, editor, client, process
):
    submit(client, process, title="Gewerbeanmeldung (überarbeitet)")
    revision = Page.objects.get(pk=process.pk).get_latest_revision()
    client.force_login(organisation.users["freigabe"])
    url = reverse("wagtailadmin_pages:revisions_compare", args=[process.pk, "live", revision.pk])
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert process.title in content
    assert "Gewerbeanmeldung (überarbeitet)" in content


def test_the_editor_gets_a_mail_when_the_page_is_approved(
    organisation, editor, client, process, mailoutbox
):
    submit(client, process, title="Gewerbeanmeldung freigegeben")
    client.force_login(organisation.users["freigabe"])
    mailoutbox.clear()
    act(client, process, "approve")
    assert len(mails_to(mailoutbox, editor)) == 1


def test_a_page_in_moderation_is_locked_for_its_editor(organisation, editor, client, process):
    submit(client, process, title="Eingereicht")
    data = page_form(client, process, title="Nachträglich geändert")
    client.post(edit_url(process), data)
    latest = Page.objects.get(pk=process.pk).get_latest_revision()
    assert latest.content["title"] == "Eingereicht"


def test_the_reviewer_may_correct_a_page_while_reviewing_it(organisation, editor, client, process):
    submit(client, process, title="Eingereicht")
    client.force_login(organisation.users["freigabe"])
    data = page_form(client, process, title="Vom Prüfer korrigiert")
    client.post(edit_url(process), data)
    latest = Page.objects.get(pk=process.pk).get_latest_revision()
    assert latest.content["title"] == "Vom Prüfer korrigiert"


def test_a_go_live_date_set_by_the_editor_is_kept_through_the_approval(
    organisation, editor, client, process
):
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    submit(
        client, process, title="Ab nächster Woche", go_live_at=go_live.strftime("%d.%m.%Y %H:%M")
    )
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")

    page = Page.objects.get(pk=process.pk)
    scheduled = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    assert page.title == process.title  # still the old live version
    assert scheduled.content["title"] == "Ab nächster Woche"

    # The cron job runs after the go-live date.
    with mock.patch(
        "django.utils.timezone.now", return_value=go_live + datetime.timedelta(hours=1)
    ):
        call_command("publish_scheduled", verbosity=0)
    assert Page.objects.get(pk=process.pk).title == "Ab nächster Woche"


def test_the_history_shows_who_submitted_and_who_approved(organisation, editor, client, process):
    submit(client, process, title="Mit Verlauf")
    reviewer = organisation.users["freigabe"]
    client.force_login(reviewer)
    act(client, process, "approve")
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_pages:history", args=[process.pk])).content.decode()
    assert editor.get_full_name() in content
    assert reviewer.get_full_name() in content


def test_a_reviewer_publishes_by_approving_without_holding_the_publish_right(
    organisation, editor, client, process
):
    submit(client, process, title="Durch Freigabe veröffentlicht")
    reviewer = organisation.users["freigabe"]
    assert not Page.objects.get(pk=process.pk).permissions_for_user(reviewer).can_publish()
    client.force_login(reviewer)
    act(client, process, "approve")
    assert Page.objects.get(pk=process.pk).title == "Durch Freigabe veröffentlicht"


# ------------------------------------------------------------ intermunicipal second step


def test_a_process_shared_with_other_towns_needs_the_lenkungskreis_after_the_department(
    organisation, editor, client, process
):
    submit(client, process, title="Für alle Kommunen", share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    assert current_task_name(process) == INTERMUNICIPAL_TASK_NAME
    assert Page.objects.get(pk=process.pk).title == process.title

    client.force_login(organisation.users["lenkungskreis"])
    act(client, process, "approve")
    assert Page.objects.get(pk=process.pk).title == "Für alle Kommunen"


def test_the_department_reviewer_cannot_take_the_lenkungskreis_step(
    organisation, editor, client, process
):
    submit(client, process, share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    assert act(client, process, "approve").status_code in DENIED
    assert current_task_name(process) == INTERMUNICIPAL_TASK_NAME


def test_the_lenkungskreis_reviews_a_shared_process_in_the_editor(
    organisation, editor, client, process
):
    submit(client, process, share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    client.force_login(organisation.users["lenkungskreis"])
    assert client.get(edit_url(process)).status_code == 200


def test_the_lenkungskreis_can_send_a_shared_process_back_to_the_editor(
    organisation, editor, client, process, mailoutbox
):
    submit(client, process, share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    client.force_login(organisation.users["lenkungskreis"])
    act(client, process, "reject", "Bitte ohne personenbezogene Daten teilen.")
    state = WorkflowState.objects.for_instance(process).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any("personenbezogene" in mail.body for mail in mails_to(mailoutbox, editor))


def test_a_process_not_shared_is_published_by_the_department_alone(
    organisation, editor, client, process
):
    submit(client, process, title="Nur für Talheim")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    assert Page.objects.get(pk=process.pk).title == "Nur für Talheim"


def test_the_skipped_lenkungskreis_step_shows_in_the_workflow_history(
    organisation, editor, client, process
):
    submit(client, process)
    state = WorkflowState.objects.for_instance(process).get()
    skipped = TaskState.objects.get(workflow_state=state, task__name=INTERMUNICIPAL_TASK_NAME)
    assert skipped.status == TaskState.STATUS_SKIPPED
    content = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[process.pk, state.pk])
    ).content.decode()
    assert INTERMUNICIPAL_SKIP_COMMENT in content


def test_the_lenkungskreis_gets_no_mail_for_a_process_that_is_not_shared(
    organisation, editor, client, process, mailoutbox
):
    submit(client, process)
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    assert mails_to(mailoutbox, organisation.users["lenkungskreis"]) == []


def test_the_lenkungskreis_gets_a_mail_when_a_shared_process_reaches_it(
    organisation, editor, client, process, mailoutbox
):
    submit(client, process, share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    assert len(mails_to(mailoutbox, organisation.users["lenkungskreis"])) == 1


def test_sharing_a_process_when_resubmitting_brings_the_lenkungskreis_step_back(
    organisation, editor, client, process
):
    submit(client, process)
    reviewer = organisation.users["freigabe"]
    client.force_login(reviewer)
    act(client, process, "reject", "Bitte für alle Kommunen freigeben.")
    client.force_login(editor)
    submit(client, process, share_intermunicipal="on")
    client.force_login(reviewer)
    act(client, process, "approve")
    assert current_task_name(process) == INTERMUNICIPAL_TASK_NAME


def test_sharing_a_process_during_review_brings_the_lenkungskreis_step_back(
    organisation, editor, client, process
):
    submit(client, process)
    client.force_login(organisation.users["freigabe"])
    data = page_form(client, process, share_intermunicipal="on")
    client.post(edit_url(process), data)
    # The reviewer who changed the page during review wrote part of it: four eyes leave the
    # approval to the second member of the Freigabe group.
    client.force_login(second_member(organisation, "freigabe"))
    act(client, process, "approve")
    assert current_task_name(process) == INTERMUNICIPAL_TASK_NAME


def test_the_department_approval_of_a_process_not_shared_is_logged_as_the_end_of_the_workflow(
    organisation, editor, client, process
):
    submit(client, process, title="Nur für Talheim")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    entry = PageLogEntry.objects.filter(page=process, action="wagtail.workflow.approve").get()
    assert entry.data["workflow"]["next"] is None


def test_a_resubmission_after_the_lenkungskreis_requested_changes_goes_back_to_it(
    organisation, editor, client, process
):
    submit(client, process, share_intermunicipal="on")
    client.force_login(organisation.users["freigabe"])
    act(client, process, "approve")
    client.force_login(organisation.users["lenkungskreis"])
    act(client, process, "reject", "Bitte nur für Talheim.")
    # The editor takes the flag away and resubmits: the Lenkungskreis reviews that change.
    client.force_login(editor)
    submit(client, process, title="Doch nur für Talheim")
    assert not Page.objects.get(pk=process.pk).get_latest_revision().content["share_intermunicipal"]
    assert current_task_name(process) == INTERMUNICIPAL_TASK_NAME
    assert Page.objects.get(pk=process.pk).title == process.title


def test_decisions_of_the_committee_are_approved_by_the_lenkungskreis(organisation, client):
    decision = organisation.pending("committee")
    client.force_login(organisation.users["lenkungskreis"])
    act(client, decision, "approve")
    assert Page.objects.get(pk=decision.pk).title == "In Freigabe committee (geändert)"
