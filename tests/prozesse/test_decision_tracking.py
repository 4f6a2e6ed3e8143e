"""Decision tracking: a task's traffic light, the status history written on publication, a
page that names a decision marks it done there, and who sees "Geändert durch Beschluss"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from prozesse.decision_tasks import open_decision_tasks_for
from prozesse.models import (
    DecisionAffectedPage,
    DecisionPage,
    DecisionReference,
    DecisionStatusChange,
    ImplementationState,
    Light,
    TaskStatus,
)
from prozesse.models.decision_tracking import traffic_light
from tests.builders import publish
from tests.factories import (
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)
from tests.prozesse.decision_support import (
    days,
    decision_with_tasks,
    publish_naming,
    restrict_to_new_group,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
START = datetime.date(2026, 1, 1)  # the meeting; due dates below are relative to TODAY


@pytest.mark.parametrize(
    ("status", "progress", "due", "expected"),
    [
        ("erledigt", 40, TODAY - days(30), Light.DONE),  # done wins over overdue
        ("entfallen", 0, TODAY - days(30), Light.DONE),
        ("in_arbeit", 100, TODAY - days(1), Light.DONE),  # 100 % counts as done
        ("in_arbeit", 90, TODAY - days(1), Light.RED),  # past the due date
        ("offen", 0, TODAY - days(1), Light.RED),
        ("offen", 0, TODAY, Light.YELLOW),  # due today
        ("in_arbeit", 95, TODAY + days(14), Light.YELLOW),  # due within 14 days
        ("in_arbeit", 70, TODAY + days(15), Light.GREEN),  # 91 % of the time used, 70 % done
        ("in_arbeit", 60, TODAY + days(15), Light.YELLOW),  # 91 % used, 60 % done: > 25 behind
        ("offen", 0, TODAY + days(500), Light.GREEN),  # 23 % used, nothing done: within margin
        ("offen", 0, TODAY + days(200), Light.YELLOW),  # ~43 % used, nothing done
        ("offen", 0, None, Light.GREEN),  # no due date: nothing to be late for
    ],
)
def test_a_tasks_light_follows_its_due_date_and_progress(status, progress, due, expected):
    light = traffic_light(status=status, progress=progress, due=due, start=START, today=TODAY)
    assert light == expected


def test_without_a_meeting_date_only_the_due_date_decides():
    light = traffic_light(status="offen", progress=0, due=TODAY + days(60), start=None, today=TODAY)
    assert light == Light.GREEN


def test_a_task_measures_elapsed_time_from_its_decisions_meeting():
    decision = decision_with_tasks(
        {"title": "Schulung", "due_date": TODAY + days(30), "progress": 10},
        meeting_date=TODAY - days(300),
    )
    assert decision.tasks.get().light(TODAY) == Light.YELLOW


def test_the_decision_page_shows_each_task_with_its_light_in_words(staff_client):
    decision = decision_with_tasks(
        {"title": "Formulare umstellen", "due_date": timezone.localdate() - days(2)},
        {"title": "Schulung", "status": TaskStatus.DONE},
    )
    html = staff_client.get(decision.url).content.decode()
    assert "Formulare umstellen" in html and "Rot – überfällig" in html
    assert "Erledigt" in html


# ------------------------------------------------------------------ status history


def test_publishing_a_decision_records_its_status_with_who_published_it():
    editor = UserFactory(first_name="Kai", last_name="Bauer", is_superuser=True)
    decision = DecisionPageFactory(decision_status="vorgeschlagen")
    publish(decision, editor)
    decision.decision_status = "beschlossen"
    decision.save_revision(user=editor).publish(user=editor)
    history = list(DecisionStatusChange.objects.filter(decision=decision).order_by("pk"))
    assert [(c.previous_status, c.status) for c in history] == [
        ("", "vorgeschlagen"),
        ("vorgeschlagen", "beschlossen"),
    ]
    assert history[-1].changed_by == editor and history[-1].changed_by_name == "Kai Bauer"


def test_publishing_without_a_status_change_adds_no_history():
    decision = publish(DecisionPageFactory(decision_status="beschlossen"))
    decision.title = "Neuer Titel"
    decision.save_revision().publish()
    assert DecisionStatusChange.objects.filter(decision=decision).count() == 1


def test_the_decision_page_shows_its_status_history(staff_client):
    decision = publish(DecisionPageFactory(decision_status="beschlossen"))
    decision.decision_status = "in_umsetzung"
    decision.save_revision().publish()
    html = staff_client.get(decision.url).content.decode()
    assert "Verlauf des Status" in html and "Beschlossen → <strong>In Umsetzung" in html


# ------------------------------------------------------------------ decision → pages


def test_publishing_a_page_that_names_the_decision_marks_it_done_there():
    process, other = ProcessPageFactory(), ProcessPageFactory()
    decision = DecisionPageFactory()
    decision.affected_page_links = [
        DecisionAffectedPage(target=process, sort_order=0),
        DecisionAffectedPage(target=other, sort_order=1),
    ]
    decision.save()
    publish_naming(process, decision)
    states = dict(DecisionAffectedPage.objects.values_list("target_id", "state"))
    assert states == {process.pk: ImplementationState.DONE, other.pk: ImplementationState.OPEN}
    assert DecisionAffectedPage.objects.get(target=process).implemented_at is not None


def test_a_draft_that_names_the_decision_changes_nothing():
    process, decision = ProcessPageFactory(), DecisionPageFactory()
    decision.affected_page_links = [DecisionAffectedPage(target=process)]
    decision.save()
    draft = process.get_latest_revision_as_object()
    draft.decision_references = [DecisionReference(decision=decision)]
    draft.save_revision()
    assert DecisionAffectedPage.objects.get().state == ImplementationState.OPEN


def test_a_page_that_names_a_decision_not_listing_it_is_added_as_done():
    process, decision = ProcessPageFactory(), DecisionPageFactory()
    publish_naming(process, decision)
    link = DecisionAffectedPage.objects.get(page=decision)
    assert (link.target_id, link.state) == (process.pk, ImplementationState.DONE)


def test_republishing_an_older_draft_of_the_decision_keeps_the_page_done():
    process, decision = ProcessPageFactory(), DecisionPageFactory()
    decision.affected_page_links = [DecisionAffectedPage(target=process)]
    decision.save()
    stale = decision.save_revision()  # drafted before the page was carried in
    publish_naming(process, decision)
    stale.publish()
    assert DecisionAffectedPage.objects.get(page=decision).state == ImplementationState.DONE


def test_the_decision_page_counts_its_pages_done(staff_client):
    done, open_page = ProcessPageFactory(title="Fertig"), ProcessPageFactory(title="Offen")
    decision = DecisionPageFactory()
    decision.affected_page_links = [
        DecisionAffectedPage(target=done, sort_order=0),
        DecisionAffectedPage(target=open_page, sort_order=1),
    ]
    decision.save()
    publish_naming(done, decision)
    html = staff_client.get(DecisionPage.objects.get(pk=decision.pk).url).content.decode()
    assert "1 von 2 Seiten umgesetzt" in html


def test_a_page_shows_the_decision_that_changed_it(staff_client):
    decision = publish(DecisionPageFactory(decision_number="LK-2026-42"))
    process = publish_naming(ProcessPageFactory(), decision)
    html = staff_client.get(process.url).content.decode()
    assert "Geändert durch Beschluss" in html
    assert f'href="{decision.url}">Beschluss LK-2026-42</a>' in html


def test_a_reader_who_may_not_view_the_decision_does_not_see_it_named(staff_client):
    section = CommitteeSectionPageFactory()
    decision = publish(DecisionPageFactory(parent=section, decision_number="LK-2026-43"))
    process = publish_naming(ProcessPageFactory(), decision)
    restrict_to_new_group(section)
    html = staff_client.get(process.url).content.decode()
    assert "Geändert durch Beschluss" not in html and "LK-2026-43" not in html


def test_a_reader_in_the_decisions_group_sees_it_named(client):
    section = CommitteeSectionPageFactory()
    decision = publish(DecisionPageFactory(parent=section, decision_number="LK-2026-44"))
    process = publish_naming(ProcessPageFactory(), decision)
    member = UserFactory()
    member.groups.add(restrict_to_new_group(section))
    client.force_login(member)
    assert "Beschluss LK-2026-44" in client.get(process.url).content.decode()


# ------------------------------------------------------------------ "Meine Aufgaben"


def test_open_tasks_of_a_user_are_those_of_their_person_still_to_do():
    user, other = UserFactory(), PersonFactory()
    person = PersonFactory(user=user)
    decision = decision_with_tasks(
        {"title": "Offen", "responsible": person, "due_date": TODAY},
        {"title": "Erledigt", "responsible": person, "status": TaskStatus.DONE},
        {"title": "Fremd", "responsible": other},
    )
    tasks = list(open_decision_tasks_for(user))
    assert [(task.title, task.page_id) for task in tasks] == [("Offen", decision.pk)]


def test_open_tasks_leave_out_decisions_the_user_may_not_view():
    user = UserFactory()
    person = PersonFactory(user=user)
    section = CommitteeSectionPageFactory()
    decision_with_tasks({"title": "Geheim", "responsible": person}, parent=section)
    restrict_to_new_group(section)
    assert list(open_decision_tasks_for(user)) == []


def test_a_copy_of_a_page_does_not_name_the_decision_of_its_original():
    decision = publish(DecisionPageFactory())
    process = publish_naming(ProcessPageFactory(), decision)
    attrs = {"slug": "kopie", "title": "Kopie", "register_key": None}
    copy = process.copy(to=process.get_parent(), update_attrs=attrs)
    copy.save_revision().publish()
    assert not DecisionReference.objects.filter(page_id=copy.pk).exists()
    assert list(DecisionAffectedPage.objects.values_list("target_id", flat=True)) == [process.pk]
