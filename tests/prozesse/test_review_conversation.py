"""The review conversation over HTTP (prozesse/review_conversation.py): the editor's message
on "Freigabe erbitten" and the reviewer's on "Änderungen anfordern" and "Freigeben" reach the
other side – banner of the edit form, review queue, mails, page history –, approving asks first
and says what happened, the mails have clear subjects and never say "abgelehnt", and nobody
still approves their own change."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageLogEntry, PageViewRestriction, TaskState, WorkflowState

from prozesse.models import ProcessPage
from prozesse.review_conversation import MESSAGE_FIELD
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME
from tests.admin_forms import admin_form, edit_url, opened_now
from tests.roles.organisation import second_member

pytestmark = pytest.mark.django_db

TITLE = "Wohnsitz anmelden"
#: How the mails name the page: "<Titel> (<Typ>, <Fachbereich>)".
NAMED = f"{TITLE} (Prozesssteckbrief, Bürgerbüro)"
STEP = "Freigabe VG Talheim – Bürgerbüro"
EDITOR_MESSAGE = "Ich habe die Fristen ergänzt. Bitte besonders die Gebühren prüfen."
REQUEST = "Bitte die Gebühr (13 Euro) und die Bearbeitungszeit ergänzen."

#: Page forms loaded once per module (page id → POST data).
FORMS: dict[int, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def _process_form(organisation, django_db_blocker):
    with django_db_blocker.unblock():
        client = Client()
        client.force_login(organisation.users["redaktion"])
        page = organisation.live("own")
        FORMS[page.pk] = admin_form(client, edit_url(page))
    yield
    FORMS.clear()


@pytest.fixture
def process(organisation, db):
    return organisation.live("own")


@pytest.fixture
def editor(organisation):
    return organisation.users["redaktion"]


@pytest.fixture
def reviewer(organisation):
    return organisation.users["freigabe"]


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit(client, page, message: str = "", **changes) -> ProcessPage:
    """ "Freigabe erbitten" in the editor's dialog, with ``message``."""
    data = opened_now(
        {
            **FORMS[page.pk],
            **{key: [value] for key, value in changes.items()},
            MESSAGE_FIELD: [message],
            "action-submit": ["1"],
        },
        page,
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.status_code
    return ProcessPage.objects.get(pk=page.pk)


def act(client, page, action: str, comment: str = ""):
    """An action in the reviewer's dialog (review queue or edit form), as the dialog posts it."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def mails_to(mailoutbox, user) -> list:
    return [message for message in mailoutbox if user.email in message.to]


def edit_page_text(client, page) -> str:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


def banner(html: str) -> str:
    match = re.search(r"<section class=\"review-banner.*?</section>", html, re.S)
    assert match, "no review banner in the edit form"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def requested_changes(process, editor, reviewer, mailoutbox) -> None:
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    act(as_user(reviewer), process, "reject", REQUEST)
    mailoutbox.clear()


# ------------------------------------------------------------------ the editor's message


def test_the_editors_message_is_kept_with_the_submission_in_the_page_history(process, editor):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    entry = PageLogEntry.objects.filter(page=process, action="wagtail.workflow.start").get()
    assert entry.data["comment"] == EDITOR_MESSAGE
    history = as_user(editor).get(reverse("wagtailadmin_pages:history", args=[process.pk]))
    assert EDITOR_MESSAGE in history.content.decode()


def test_the_reviewers_mail_has_a_clear_subject_the_message_and_direct_links(
    process, editor, reviewer, mailoutbox
):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    (mail,) = mails_to(mailoutbox, reviewer)
    name = editor.get_full_name() or editor.get_username()
    assert mail.subject == f"Freigabe erbeten: {NAMED} – von {name}"
    assert EDITOR_MESSAGE in mail.body
    assert f"/admin/pages/{process.pk}/edit/" in mail.body
    assert f"/admin/pages/workflow/preview/{process.pk}/" in mail.body


def test_the_reviewer_reads_the_editors_message_in_the_banner_of_the_edit_form(
    process, editor, reviewer
):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    text = banner(edit_page_text(as_user(reviewer), process))

    assert "In Prüfung" in text and EDITOR_MESSAGE in text and STEP in text


def test_the_review_queue_shows_the_editors_message(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    dashboard = as_user(reviewer).get(reverse("wagtailadmin_home")).content.decode()

    assert EDITOR_MESSAGE in dashboard


def test_a_submission_without_a_message_says_so_in_the_mail(process, editor, reviewer, mailoutbox):
    submit(as_user(editor), process, "", title=TITLE)

    (mail,) = mails_to(mailoutbox, reviewer)
    assert "hat keine Nachricht geschrieben" in mail.body


# ------------------------------------------------------------------ changes requested


def test_requesting_changes_needs_a_message(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    act(as_user(reviewer), process, "reject", "  ")

    state = Page.objects.get(pk=process.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_change_request_dialog_asks_what_should_change(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    task_state = Page.objects.get(pk=process.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[process.pk, "reject", task_state.pk])

    html = as_user(reviewer).get(url).json()["html"]

    assert "Was soll geändert werden?" in html and EDITOR_MESSAGE in html


def test_the_editor_sees_the_change_request_in_the_banner_of_the_edit_form(
    process, editor, reviewer, mailoutbox
):
    requested_changes(process, editor, reviewer, mailoutbox)

    text = banner(edit_page_text(as_user(editor), process))

    assert "Änderungen angefordert" in text and REQUEST in text
    assert "Erneut Freigabe erbitten" in text


def test_the_change_request_mail_asks_for_changes_and_never_says_rejected(
    process, editor, reviewer, mailoutbox
):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    mailoutbox.clear()

    act(as_user(reviewer), process, "reject", REQUEST)

    (mail,) = mails_to(mailoutbox, editor)
    name = reviewer.get_full_name() or reviewer.get_username()
    assert mail.subject == f"Änderungen erbeten: {NAMED} – von {name}"
    assert REQUEST in mail.body
    assert f"/admin/pages/{process.pk}/edit/" in mail.body
    assert "abgelehnt" not in (mail.subject + mail.body).lower()


def test_the_change_request_is_in_the_page_history_in_our_words(
    process, editor, reviewer, mailoutbox
):
    requested_changes(process, editor, reviewer, mailoutbox)

    history = as_user(editor).get(reverse("wagtailadmin_pages:history", args=[process.pk]))

    text = history.content.decode()
    assert REQUEST in text and "Änderungen angefordert im Schritt" in text
    assert "Abgelehnt" not in text


def test_a_resubmission_carries_its_own_message(process, editor, reviewer, mailoutbox):
    requested_changes(process, editor, reviewer, mailoutbox)

    submit(as_user(editor), process, "Gebühr und Bearbeitungszeit ergänzt.", title=TITLE)

    (mail,) = mails_to(mailoutbox, reviewer)
    assert "Gebühr und Bearbeitungszeit ergänzt." in mail.body
    assert EDITOR_MESSAGE not in mail.body
    assert "bittet erneut" in mail.body


def test_the_second_reviewer_sees_the_new_message_and_the_earlier_change_request(
    organisation, process, editor, reviewer, mailoutbox
):
    requested_changes(process, editor, reviewer, mailoutbox)
    submit(as_user(editor), process, "Gebühr und Bearbeitungszeit ergänzt.", title=TITLE)

    second = second_member(organisation, "freigabe")
    text = banner(edit_page_text(as_user(second), process))

    assert "Gebühr und Bearbeitungszeit ergänzt." in text and REQUEST in text


# ------------------------------------------------------------------ approving


def test_approving_asks_for_confirmation_and_says_the_page_goes_live(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    task_state = Page.objects.get(pk=process.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[process.pk, "approve", task_state.pk])

    html = as_user(reviewer).get(url).json()["html"]

    assert f"„{TITLE}“ freigeben?" in html and "sofort veröffentlicht" in html
    assert Page.objects.get(pk=process.pk).workflow_in_progress


def test_the_review_queue_offers_approving_only_through_the_dialog(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    dashboard = as_user(reviewer).get(reverse("wagtailadmin_home")).content.decode()

    approve = re.search(r"<button[^>]*/approve/[^>]*>", dashboard)
    assert approve and "data-launch-modal" in approve.group(0)
    assert "Mit Kommentar genehmigen" not in dashboard


def test_approving_from_the_review_queue_says_the_page_is_published(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    client = as_user(reviewer)

    response = act(client, process, "approve", "Danke, passt.")

    assert Page.objects.get(pk=process.pk).live
    followed = client.get(response["Location"]).content.decode()
    assert f"Freigegeben: „{TITLE}“ ist jetzt veröffentlicht." in followed


def test_approving_in_the_edit_form_says_the_page_is_published(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    client = as_user(reviewer)
    data = admin_form(
        client,
        edit_url(process),
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        },
    )

    response = client.post(edit_url(process), data, follow=True)

    assert Page.objects.get(pk=process.pk).title == TITLE
    assert f"Freigegeben: „{TITLE}“ ist jetzt veröffentlicht." in response.content.decode()


def test_the_approval_mail_says_freigegeben_with_the_reviewers_message(
    process, editor, reviewer, mailoutbox
):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    mailoutbox.clear()

    act(as_user(reviewer), process, "approve", "Danke, passt.")

    (mail,) = mails_to(mailoutbox, editor)
    name = reviewer.get_full_name() or reviewer.get_username()
    assert mail.subject == f"Freigegeben: {NAMED} – von {name}"
    assert "Danke, passt." in mail.body


def test_the_approval_message_is_in_the_page_history(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    act(as_user(reviewer), process, "approve", "Danke, passt.")

    state = TaskState.objects.filter(
        workflow_state__object_id=str(process.pk), status=TaskState.STATUS_APPROVED
    ).get()
    assert state.comment == "Danke, passt."
    history = as_user(editor).get(reverse("wagtailadmin_pages:history", args=[process.pk]))
    assert "Danke, passt." in history.content.decode()


# ------------------------------------------------------------------ four eyes and visibility


def test_nobody_is_asked_by_mail_to_approve_their_own_change(
    organisation, process, reviewer, mailoutbox
):
    second = second_member(organisation, "freigabe")

    submit(as_user(reviewer), process, EDITOR_MESSAGE, title=TITLE)

    assert mails_to(mailoutbox, reviewer) == []
    assert len(mails_to(mailoutbox, second)) == 1


def test_the_submitting_reviewer_still_cannot_approve_through_the_dialog(
    organisation, process, reviewer
):
    client = as_user(reviewer)
    submit(client, process, EDITOR_MESSAGE, title=TITLE)

    act(client, process, "approve")

    assert Page.objects.get(pk=process.pk).workflow_in_progress
    assert Page.objects.get(pk=process.pk).title != TITLE


def shared_and_approved_by_the_department(process, editor, reviewer, mailoutbox) -> None:
    """Shared with other towns and approved by the department: the Lenkungskreis step starts."""
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE, share_intermunicipal="on")
    mailoutbox.clear()
    act(as_user(reviewer), process, "approve")
    assert Page.objects.get(pk=process.pk).current_workflow_task.name == INTERMUNICIPAL_TASK_NAME


def test_the_lenkungskreis_is_asked_by_mail_for_a_shared_page_it_may_see(
    organisation, process, editor, reviewer, mailoutbox
):
    shared_and_approved_by_the_department(process, editor, reviewer, mailoutbox)

    assert len(mails_to(mailoutbox, organisation.users["lenkungskreis"])) == 1


def test_the_mail_goes_only_to_reviewers_who_may_see_the_page(
    organisation, process, editor, reviewer, mailoutbox
):
    restriction = PageViewRestriction.objects.create(
        page=process, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([organisation.groups["redaktion"], organisation.groups["freigabe"]])

    shared_and_approved_by_the_department(process, editor, reviewer, mailoutbox)

    assert mails_to(mailoutbox, organisation.users["lenkungskreis"]) == []


# ------------------------------------------------------------------ one vocabulary


def test_the_status_of_a_page_in_review_uses_our_words(process, editor):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)

    html = edit_page_text(as_user(editor), process)

    assert "In Prüfung" in html
    assert "In Moderation" not in html and "Workflow abbrechen" not in html


def german(msgid: str) -> str:
    """Wagtail's message ``msgid`` as the German admin shows it (not a literal gettext call:
    makemessages would take Wagtail's msgids into our English catalogue)."""
    with translation.override("de"):
        return translation.gettext(msgid)


def test_wagtails_workflow_words_are_overridden_in_german():
    assert german("live + in moderation") == "veröffentlicht + in Prüfung"
    assert german("Cancel workflow ") == "Freigabe-Anfrage zurückziehen"
    assert german("Approve with comment") == "Mit Nachricht freigeben"
    assert "Reviewer" not in german("Only reviewers for this task can edit the %(model_name)s.")


def test_relative_times_are_german():
    with translation.override("de"):
        text = naturaltime(timezone.now() - datetime.timedelta(seconds=19))

    assert text.replace("\xa0", " ") == "vor 19 Sekunden"


def test_an_autosave_during_the_reviewers_dialog_does_not_act(process, editor, reviewer):
    submit(as_user(editor), process, EDITOR_MESSAGE, title=TITLE)
    client = as_user(reviewer)
    data = admin_form(
        client,
        edit_url(process),
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "Bitte ändern."}',
        },
    )

    response = client.post(edit_url(process), data, HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    state = Page.objects.get(pk=process.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=process, user=reviewer).exists()
