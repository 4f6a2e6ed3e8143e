"""The committee page filters its decisions by status, responsible person, town and overdue,
shows each decision's light and pages done, and answers wrong filters with a German 400."""

from __future__ import annotations

import pytest
from django.utils import timezone

from prozesse.models import DecisionAffectedPage
from tests.builders import publish
from tests.factories import (
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
)
from tests.prozesse.decision_support import days, decision_with_tasks, restrict_to_new_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return CommitteeSectionPageFactory()


def listed(client, section, **params) -> str:
    response = client.get(section.url, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def test_the_status_filter_keeps_decisions_of_that_status(staff_client, section):
    publish(
        DecisionPageFactory(parent=section, title="Beschlossen A", decision_status="beschlossen")
    )
    publish(
        DecisionPageFactory(parent=section, title="Vorschlag B", decision_status="vorgeschlagen")
    )
    html = listed(staff_client, section, status="vorgeschlagen")
    assert "Vorschlag B" in html and "Beschlossen A" not in html


def test_the_responsible_filter_finds_decisions_and_tasks_of_the_person(staff_client, section):
    person = PersonFactory(name="Kai Bauer")
    publish(DecisionPageFactory(parent=section, title="Eigener", responsible_person=person))
    decision_with_tasks({"title": "T", "responsible": person}, parent=section, title="Mit Aufgabe")
    publish(DecisionPageFactory(parent=section, title="Fremder"))
    html = listed(staff_client, section, verantwortlich=person.pk)
    assert "Eigener" in html and "Mit Aufgabe" in html and "Fremder" not in html


def test_the_town_filter_keeps_decisions_concerning_that_town(staff_client, section):
    town, other = MunicipalityPageFactory(slug="diez"), MunicipalityPageFactory(slug="mayen")
    concerning = DecisionPageFactory(parent=section, title="Für Diez")
    concerning.affected_municipalities.set([town])
    concerning.save()
    publish(concerning)
    elsewhere = DecisionPageFactory(parent=section, title="Für Mayen")
    elsewhere.affected_municipalities.set([other])
    elsewhere.save()
    publish(elsewhere)
    html = listed(staff_client, section, kommune="diez")
    assert "Für Diez" in html and "Für Mayen" not in html


def test_the_overdue_filter_keeps_decisions_late_themselves_or_by_a_task(staff_client, section):
    today = timezone.localdate()
    publish(DecisionPageFactory(parent=section, title="Selbst spät", decision_status="beschlossen",
                                due_date=today - days(3)))  # fmt: skip
    decision_with_tasks({"title": "T", "due_date": today - days(1)}, parent=section,
                        title="Aufgabe spät", decision_status="in_umsetzung")  # fmt: skip
    decision_with_tasks({"title": "T", "due_date": today + days(40)}, parent=section,
                        title="Im Plan", decision_status="in_umsetzung")  # fmt: skip
    html = listed(staff_client, section, ueberfaellig="ja")
    assert "Selbst spät" in html and "Aufgabe spät" in html and "Im Plan" not in html


@pytest.mark.parametrize(
    "params",
    [{"status": "gibtsnicht"}, {"verantwortlich": "abc"}, {"kommune": "<script>"},
     {"ueberfaellig": "vielleicht"}, {"verantwortlich": "999999"}],
)  # fmt: skip
def test_a_wrong_filter_answers_400_in_german_and_still_lists(staff_client, section, params):
    publish(DecisionPageFactory(parent=section, title="Immer da", decision_status="beschlossen"))
    response = staff_client.get(section.url, params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Die Filterangaben in der Adresse sind ungültig" in html and "Immer da" in html


def test_the_list_shows_the_light_of_the_most_pressing_task(staff_client, section):
    today = timezone.localdate()
    decision_with_tasks(
        {"title": "A", "due_date": today + days(200), "progress": 90},
        {"title": "B", "due_date": today - days(2)},
        parent=section,
        decision_status="in_umsetzung",
    )
    assert "Rot – überfällig" in listed(staff_client, section)


def test_the_list_counts_pages_done_only_among_pages_the_reader_may_see(staff_client, section):
    visible, hidden = ProcessPageFactory(), ProcessPageFactory()
    decision = DecisionPageFactory(parent=section, decision_status="in_umsetzung")
    decision.affected_page_links = [
        DecisionAffectedPage(target=visible, state="umgesetzt", sort_order=0),
        DecisionAffectedPage(target=hidden, state="umgesetzt", sort_order=1),
    ]
    decision.save()
    publish(decision)
    restrict_to_new_group(hidden)
    html = listed(staff_client, section)
    assert "1 von 1 Seiten umgesetzt" in html and "2 von 2" not in html


def test_people_of_decisions_the_reader_may_not_see_are_not_offered(staff_client, section):
    secret = CommitteeSectionPageFactory()
    publish(
        DecisionPageFactory(parent=section, responsible_person=PersonFactory(name="Offen Olga"))
    )
    publish(
        DecisionPageFactory(parent=secret, responsible_person=PersonFactory(name="Geheim Gerd"))
    )
    restrict_to_new_group(secret)
    html = listed(staff_client, section)
    assert "Offen Olga" in html and "Geheim Gerd" not in html
