"""The handover interview is one form: one save keeps every answer of every topic, and a
failed check shows everything typed again (issue 21, "Lost work")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge.handover import refresh_items, start_handover
from knowledge.models import InterviewEntry, InterviewTopic
from tests.builders import publish
from tests.factories import DepartmentPageFactory, PersonFactory, ProcessPageFactory
from tests.knowledge.support import interview_form, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def handover(knowledge_manager):
    leaving = PersonFactory(name="Sabine Krämer")
    return start_handover(
        leaving, reason="ruhestand", last_working_day=today(), user=knowledge_manager
    )


@pytest.fixture
def url(handover):
    return reverse("knowledge_handovers:interview", args=[handover.pk])


def test_one_save_keeps_the_answers_typed_in_every_topic(km_client, handover, url):
    answers = {topic: f"Antwort zu {label}" for topic, label in InterviewTopic.choices}
    data = interview_form(km_client, url, **{f"{t}-0-text": a for t, a in answers.items()})
    response = km_client.post(url, data)
    assert response.status_code == 302
    saved = dict(handover.interview_entries.values_list("topic", "text"))
    assert saved == answers


def test_a_saved_answer_stays_when_another_topic_is_answered_later(km_client, handover, url):
    InterviewEntry.objects.create(
        handover=handover, topic=InterviewTopic.OPEN_TOPICS, text="Vergabe Druckerei läuft."
    )
    data = interview_form(
        km_client, url, **{f"{InterviewTopic.DOCUMENTS}-0-text": "Akten im Keller, Raum 0.12."}
    )
    km_client.post(url, data)
    assert sorted(handover.interview_entries.values_list("text", flat=True)) == [
        "Akten im Keller, Raum 0.12.",
        "Vergabe Druckerei läuft.",
    ]


def test_a_saved_answer_is_edited_in_place(km_client, handover, url):
    entry = InterviewEntry.objects.create(
        handover=handover, topic=InterviewTopic.OPEN_TOPICS, text="Alt"
    )
    data = interview_form(km_client, url, **{f"{InterviewTopic.OPEN_TOPICS}-0-text": "Neu"})
    km_client.post(url, data)
    entry.refresh_from_db()
    assert entry.text == "Neu"


def test_a_saved_answer_is_deleted_only_when_ticked(km_client, handover, url):
    InterviewEntry.objects.create(handover=handover, topic=InterviewTopic.OPEN_TOPICS, text="Weg")
    data = interview_form(km_client, url, **{f"{InterviewTopic.OPEN_TOPICS}-0-DELETE": "on"})
    km_client.post(url, data)
    assert not handover.interview_entries.exists()


def test_clearing_a_saved_answer_is_refused_in_german_and_every_typed_text_stays(
    km_client, handover, url
):
    InterviewEntry.objects.create(handover=handover, topic=InterviewTopic.OPEN_TOPICS, text="Da")
    data = interview_form(
        km_client,
        url,
        **{
            f"{InterviewTopic.OPEN_TOPICS}-0-text": "",
            f"{InterviewTopic.FIRST_STEPS}-0-text": "Erst die Postfächer durchsehen.",
        },
    )
    response = km_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte schreiben Sie eine Antwort" in html
    assert "Erst die Postfächer durchsehen." in html
    assert list(handover.interview_entries.values_list("text", flat=True)) == ["Da"]


def test_empty_new_answer_boxes_are_skipped(km_client, handover, url):
    response = km_client.post(url, interview_form(km_client, url))
    assert response.status_code == 302
    assert not handover.interview_entries.exists()


def test_a_new_answer_with_pages_but_no_text_is_refused_in_german(km_client, handover, url):
    page = publish(
        ProcessPageFactory(
            parent=DepartmentPageFactory(), title="Reisepass", content_owner=handover.person
        )
    )
    refresh_items(handover)
    topic = InterviewTopic.OPEN_TOPICS
    data = interview_form(km_client, url, **{f"{topic}-0-pages": [str(page.pk)]})
    response = km_client.post(url, data)
    assert "Bitte schreiben Sie eine Antwort zu den gewählten Seiten." in response.content.decode()
    assert not handover.interview_entries.exists()
