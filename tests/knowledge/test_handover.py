"""Management des Ausscheidens: list what names a person, reassign it through revisions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from knowledge.handover import execute_handover, find_references, start_handover
from knowledge.models import Handover, HandoverItem, HandoverStatus, InterviewTopic, ItemKind
from prozesse.models import DecisionPage, EmergencyScenarioPage, ProcessDeputy, ProcessPage
from tests.builders import admin_user, publish, save_draft
from tests.factories import (
    DecisionPageFactory,
    EmergencyScenarioPageFactory,
    PersonFactory,
    ProcessPageFactory,
)
from tests.knowledge.support import interview_form, today

pytestmark = pytest.mark.django_db


def alarm_chain(*entries):
    return [
        ("entry", {"role": role, "person": person, "substitute": substitute})
        for role, person, substitute in entries
    ]


@pytest.fixture
def leaving():
    return PersonFactory(name="Sabine Krämer")


@pytest.fixture
def successor():
    return PersonFactory(name="Julia Hoffmann")


@pytest.fixture
def named_everywhere(roles, leaving):
    """Published pages naming the leaving person in every possible way."""
    department = roles.department
    other = PersonFactory(name="Thomas Becker")
    owned = publish(ProcessPageFactory(parent=department, title="Reisepass", content_owner=leaving))
    deputised = ProcessPageFactory(parent=department, title="Wohnsitz", content_owner=other)
    ProcessDeputy.objects.create(page=deputised, person=leaving)
    deputised = publish(deputised)
    scenario = publish(
        EmergencyScenarioPageFactory(
            parent=department,
            title="Stromausfall",
            content_owner=other,
            alarm_chain=alarm_chain(
                ("Krisenstab", leaving, other), ("IT", other, leaving), ("Presse", other, None)
            ),
        )
    )
    decision = publish(DecisionPageFactory(title="E-Akte einführen", responsible_person=leaving))
    return {"owned": owned, "deputised": deputised, "scenario": scenario, "decision": decision}


def kinds(references):
    return sorted((ref.kind, ref.page.title) for ref in references)


def test_a_handover_lists_pages_deputyships_alarm_chain_entries_and_decisions(
    named_everywhere, leaving
):
    assert kinds(find_references(leaving)) == sorted(
        [
            (ItemKind.OWNER, "Reisepass"),
            (ItemKind.DEPUTY, "Wohnsitz"),
            (ItemKind.ALARM_PERSON, "Stromausfall"),
            (ItemKind.ALARM_SUBSTITUTE, "Stromausfall"),
            (ItemKind.DECISION, "E-Akte einführen"),
        ]
    )


def test_a_handover_also_lists_what_only_a_pending_draft_says(roles, leaving):
    page = publish(ProcessPageFactory(parent=roles.department, title="Fundsachen"))
    save_draft(page, content_owner=leaving)
    [reference] = find_references(leaving)
    assert (reference.kind, reference.page.pk, reference.draft_only) == (
        ItemKind.OWNER,
        page.pk,
        True,
    )


def test_a_handover_lists_approvals_waiting_on_the_person(roles, leaving):
    user = admin_user(leaving, roles.reviewers)
    page = publish(ProcessPageFactory(parent=roles.department, title="Hundesteuer"))
    editor = admin_user(None, roles.editors)
    save_draft(page, editor, summary="Neu")
    roles.workflow.start(Page.objects.get(pk=page.pk).specific, editor)
    tasks = [ref for ref in find_references(leaving) if ref.kind == ItemKind.TASK]
    assert [ref.page.pk for ref in tasks] == [page.pk]
    assert "einzige" in tasks[0].label  # nobody else in the Freigabe group
    assert user.person == leaving


def latest(model, pk):
    """The page as its latest revision has it (what the next approval publishes)."""
    return model.objects.get(pk=pk).get_latest_revision_as_object()


def test_executing_a_handover_reassigns_every_item_in_revisions_that_wait_for_approval(
    named_everywhere, leaving, successor, knowledge_manager
):
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today() + datetime.timedelta(days=30),
        default_successor=successor,
        user=knowledge_manager,
    )
    revisions_before = Revision.objects.count()
    live_before = {
        key: page.live_revision_id
        for key, page in ((k, Page.objects.get(pk=p.pk)) for k, p in named_everywhere.items())
    }

    transfer = execute_handover(handover, knowledge_manager)

    pages = named_everywhere
    owned = latest(ProcessPage, pages["owned"].pk)
    deputised = latest(ProcessPage, pages["deputised"].pk)
    scenario = latest(EmergencyScenarioPage, pages["scenario"].pk)
    decision = latest(DecisionPage, pages["decision"].pk)
    assert owned.content_owner == successor
    assert [d.person for d in deputised.deputies.all()] == [successor]
    chain = [(b.value["person"], b.value["substitute"]) for b in scenario.alarm_chain]
    assert chain[0][0] == successor and chain[1][1] == successor
    assert decision.responsible_person == successor
    assert (transfer.pages, transfer.items) == (4, 5)
    assert Revision.objects.count() == revisions_before + 4
    for key, page in pages.items():
        page = Page.objects.get(pk=page.pk)
        assert page.live_revision_id == live_before[key], key  # nothing was published
        assert page.has_unpublished_changes
        assert page.latest_revision.user == knowledge_manager
    assert ProcessPage.objects.get(pk=pages["owned"].pk).content_owner == leaving
    assert not HandoverItem.objects.filter(handover=handover, done_at__isnull=True).exists()


def test_a_handover_submits_each_page_to_its_own_workflow_and_records_where_it_waits(
    roles, leaving, successor, knowledge_manager
):
    page = publish(ProcessPageFactory(parent=roles.department, content_owner=leaving))
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )

    execute_handover(handover, knowledge_manager)

    page = Page.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == roles.review_task.name
    item = HandoverItem.objects.get(handover=handover, page=page)
    assert item.waiting_at == f"Freigabe „{roles.review_task.name}“"
    assert not item.approved


def test_the_departments_reviewer_approves_a_handed_over_change_and_it_goes_live(
    roles, reviewer, leaving, successor, knowledge_manager, client
):
    page = publish(ProcessPageFactory(parent=roles.department, content_owner=leaving))
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )
    execute_handover(handover, knowledge_manager)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    client.force_login(reviewer)

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    assert ProcessPage.objects.get(pk=page.pk).content_owner == successor
    assert HandoverItem.objects.get(handover=handover, page=page).approved


def test_the_page_history_shows_who_handed_what_to_whom(
    named_everywhere, leaving, successor, knowledge_manager
):
    handover = start_handover(
        leaving,
        reason="stellenwechsel",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )
    execute_handover(handover, knowledge_manager)
    entry = PageLogEntry.objects.get(page=named_everywhere["owned"], action="knowledge.handover")
    assert entry.user == knowledge_manager
    assert entry.message == "Wissensübergabe von Sabine Krämer: Verantwortlich an Julia Hoffmann"


def test_a_handover_keeps_a_pending_draft_a_draft_and_leaves_unrelated_drafts_alone(
    roles, leaving, successor, knowledge_manager
):
    editor = admin_user(None, roles.editors)
    named = publish(
        ProcessPageFactory(parent=roles.department, summary="Live-Text", content_owner=leaving)
    )
    draft = save_draft(named, editor, summary="Entwurf von jemand anderem")
    unrelated = publish(ProcessPageFactory(parent=roles.department, summary="Anderer Live-Text"))
    unrelated_draft = save_draft(unrelated, editor, summary="Anderer Entwurf")
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )

    execute_handover(handover, knowledge_manager)

    named = ProcessPage.objects.get(pk=named.pk)
    assert (named.summary, named.content_owner) == ("Live-Text", leaving)  # nothing published
    assert named.has_unpublished_changes
    latest = named.latest_revision.as_object()
    assert (latest.summary, latest.content_owner) == ("Entwurf von jemand anderem", successor)
    assert named.latest_revision != draft and named.live_revision.as_object().summary == (
        "Live-Text"
    )
    unrelated = ProcessPage.objects.get(pk=unrelated.pk)
    assert unrelated.latest_revision == unrelated_draft
    assert unrelated.summary == "Anderer Live-Text" and unrelated.has_unpublished_changes
    assert unrelated.revisions.count() == 2


def test_a_handover_does_not_cancel_a_running_review(roles, leaving, successor, knowledge_manager):
    editor = admin_user(None, roles.editors)
    page = publish(ProcessPageFactory(parent=roles.department, content_owner=leaving))
    save_draft(page, editor, summary="Zur Freigabe")
    state = roles.workflow.start(Page.objects.get(pk=page.pk).specific, editor)
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )
    execute_handover(handover, knowledge_manager)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page = ProcessPage.objects.get(pk=page.pk)
    assert page.latest_revision.as_object().summary == "Zur Freigabe"


def test_each_item_can_have_its_own_successor(roles, leaving, successor, knowledge_manager):
    first = publish(ProcessPageFactory(parent=roles.department, content_owner=leaving))
    second = publish(ProcessPageFactory(parent=roles.department, content_owner=leaving))
    colleague = PersonFactory(name="Thomas Becker")
    handover = start_handover(
        leaving,
        reason="elternzeit",
        last_working_day=today(),
        return_date=today() + datetime.timedelta(days=365),
        default_successor=successor,
        user=knowledge_manager,
    )
    handover.items.filter(page=second).update(successor=colleague)
    execute_handover(handover, knowledge_manager)
    assert latest(ProcessPage, first.pk).content_owner == successor
    assert latest(ProcessPage, second.pk).content_owner == colleague


def test_a_deputy_who_is_already_the_owner_is_not_listed_twice(
    roles, leaving, successor, knowledge_manager
):
    page = ProcessPageFactory(parent=roles.department, content_owner=successor)
    ProcessDeputy.objects.create(page=page, person=leaving)
    publish(page)
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=successor,
        user=knowledge_manager,
    )
    execute_handover(handover, knowledge_manager)
    assert list(latest(ProcessPage, page.pk).deputies.all()) == []


def test_a_handover_without_a_successor_is_refused_in_german(roles, leaving, knowledge_manager):
    publish(ProcessPageFactory(parent=roles.department, title="Fundsachen", content_owner=leaving))
    handover = start_handover(
        leaving, reason="ruhestand", last_working_day=today(), user=knowledge_manager
    )
    with pytest.raises(ValidationError) as error:
        execute_handover(handover, knowledge_manager)
    assert error.value.messages == [
        "Für „Fundsachen“ (Verantwortlich) ist keine Nachfolge gewählt."
    ]


def test_a_retirement_marks_the_person_as_leaving_on_the_last_working_day(
    leaving, knowledge_manager
):
    day = today() + datetime.timedelta(days=10)
    start_handover(leaving, reason="ruhestand", last_working_day=day, user=knowledge_manager)
    leaving.refresh_from_db()
    assert leaving.left_on == day


def test_after_the_last_working_day_the_person_is_shown_as_ausgeschieden(staff_client, roles):
    gone = PersonFactory(name="Frank Zimmer", left_on=today() - datetime.timedelta(days=1))
    page = publish(ProcessPageFactory(parent=roles.department, content_owner=gone))
    html = staff_client.get(page.url).content.decode()
    assert "Frank Zimmer" in html and "ausgeschieden" in html


def test_only_knowledge_management_can_start_a_handover_through_the_admin(
    client, roles, leaving, successor
):
    editor = admin_user(None, roles.editors, roles.reviewers)
    client.force_login(editor)
    data = {
        "person": leaving.pk,
        "reason": "ruhestand",
        "last_working_day": today().isoformat(),
        "default_successor": successor.pk,
    }
    response = client.post(reverse("knowledge_handovers:add"), data)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not Handover.objects.exists()


def test_knowledge_management_starts_a_handover_through_the_admin(km_client, leaving, successor):
    data = {
        "person": leaving.pk,
        "reason": "ruhestand",
        "last_working_day": today().isoformat(),
        "default_successor": successor.pk,
    }
    response = km_client.post(reverse("knowledge_handovers:add"), data)
    handover = Handover.objects.get()
    assert response.url == reverse("knowledge_handovers:detail", args=[handover.pk])
    assert (handover.person, handover.default_successor) == (leaving, successor)


def test_the_start_form_explains_bad_input_in_german(km_client, leaving):
    response = km_client.post(
        reverse("knowledge_handovers:add"),
        {"person": leaving.pk, "reason": "ruhestand", "default_successor": leaving.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie den letzten Arbeitstag an." in html
    assert "Die Nachfolge muss eine andere Person sein als die, die geht." in html


def test_knowledge_management_runs_the_whole_handover_through_the_admin(
    km_client, named_everywhere, leaving, successor, knowledge_manager
):
    handover = start_handover(
        leaving, reason="ruhestand", last_working_day=today(), user=knowledge_manager
    )
    items = {item.pk: item for item in handover.items.all()}
    data = {"action": "execute"}
    for pk in items:
        data[f"successor_{pk}"] = successor.pk
        data[f"selected_{pk}"] = "on"
    response = km_client.post(reverse("knowledge_handovers:detail", args=[handover.pk]), data)
    assert response.url == reverse("knowledge_handovers:execute", args=[handover.pk])
    confirm_page = km_client.get(response.url).content.decode()
    assert "Jetzt übertragen" in confirm_page and "Julia Hoffmann" in confirm_page

    km_client.post(reverse("knowledge_handovers:execute", args=[handover.pk]))

    handover.refresh_from_db()
    assert handover.status == HandoverStatus.TRANSFERRED
    owned = latest(ProcessPage, named_everywhere["owned"].pk)
    assert owned.content_owner == successor


def test_the_interview_record_attaches_answers_to_pages_and_prints(
    km_client, named_everywhere, leaving, knowledge_manager
):
    handover = start_handover(
        leaving, reason="ruhestand", last_working_day=today(), user=knowledge_manager
    )
    page = named_everywhere["owned"]
    url = reverse("knowledge_handovers:interview", args=[handover.pk])
    topic = InterviewTopic.UNWRITTEN_RULES
    km_client.post(
        url,
        interview_form(
            km_client,
            url,
            **{
                f"{topic}-0-text": "Vor den Ferien doppelt so viele Passanträge.",
                f"{topic}-0-pages": [str(page.pk)],
            },
        ),
    )
    entry = handover.interview_entries.get()
    assert list(entry.pages.all()) == [Page.objects.get(pk=page.pk)]
    printed = km_client.get(reverse("knowledge_handovers:print", args=[handover.pk]))
    html = printed.content.decode()
    assert "Wissensübergabe-Protokoll" in html
    assert "Ungeschriebene Regeln und Stolperfallen" in html
    assert "Vor den Ferien doppelt so viele Passanträge." in html
    assert "Betrifft" in html and "Reisepass" in html


def test_the_knowledge_admin_pages_open_for_knowledge_management(
    km_client, named_everywhere, leaving, knowledge_manager
):
    handover = start_handover(
        leaving, reason="ruhestand", last_working_day=today(), user=knowledge_manager
    )
    home = km_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wissensmanagement" in home and reverse("knowledge_handovers:index") in home
    for url in (
        reverse("knowledge_handovers:index"),
        reverse("knowledge_handovers:detail", args=[handover.pk]),
        reverse("knowledge_handovers:interview", args=[handover.pk]),
        reverse("knowledge_adoptions:index"),
        reverse("wagtailsnippets_knowledge_feedback:list"),
        reverse("knowledge_dashboard:index"),
    ):
        assert km_client.get(url).status_code == 200, url


def test_a_handover_can_be_started_for_someone_who_has_already_left(km_client, successor):
    gone = PersonFactory(name="Frank Zimmer", left_on=today() - datetime.timedelta(days=30))
    form = km_client.get(reverse("knowledge_handovers:add"), {"person": gone.pk})
    assert f'<option value="{gone.pk}" selected>' in form.content.decode()
    km_client.post(
        reverse("knowledge_handovers:add"),
        {
            "person": gone.pk,
            "reason": "stellenwechsel",
            "last_working_day": gone.left_on.isoformat(),
            "default_successor": successor.pk,
        },
    )
    assert Handover.objects.get().person == gone
