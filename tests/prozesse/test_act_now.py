""" "Jetzt tun": the first immediate actions and whom to call now (prozesse/act_now.py), and the
box at the top of every scenario page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from prozesse.act_now import act_now
from tests.factories import DepartmentPageFactory, EmergencyScenarioPageFactory, PersonFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def chain_entry(role, person=None, substitute=None, phone="", availability=""):
    return (
        "entry",
        {
            "role": role,
            "person": person,
            "substitute": substitute,
            "phone": phone,
            "availability": availability,
        },
    )


def scenario_with(**fields):
    scenario = EmergencyScenarioPageFactory(
        parent=DepartmentPageFactory(), title="Stromausfall im Rathaus", **fields
    )
    scenario.save_revision().publish()
    return type(scenario).objects.get(pk=scenario.pk)


def actions(*texts):
    return [("action", text) for text in texts]


def test_the_first_three_actions_are_chosen_in_their_order_and_the_rest_counted():
    scenario = scenario_with(immediate_actions=actions("Eins", "Zwei", "Drei", "Vier", "Fünf"))

    now = act_now(scenario)

    assert now.actions == ["Eins", "Zwei", "Drei"]
    assert now.more_actions == 2


def test_calls_follow_the_alarm_chain_with_the_entrys_emergency_number():
    first = PersonFactory(name="Anna Erste", phone="06432 1")
    second = PersonFactory(name="Bernd Zweiter", phone="06432 2")
    scenario = scenario_with(
        alarm_chain=[
            chain_entry("Leitung", first, phone="0170 1234567"),
            chain_entry("IT", second),
        ]
    )

    calls = act_now(scenario).calls

    assert [(c.role, c.name, c.phone) for c in calls] == [
        ("Leitung", "Anna Erste", "0170 1234567"),
        ("IT", "Bernd Zweiter", "06432 2"),
    ]


def test_a_person_who_has_left_is_replaced_by_the_substitute():
    gone = PersonFactory(name="Gerd Gegangen", left_on=YESTERDAY)
    substitute = PersonFactory(name="Sina Vertretung", phone="06432 99")
    scenario = scenario_with(alarm_chain=[chain_entry("Leitung", gone, substitute)])

    (call,) = act_now(scenario).calls

    assert (call.name, call.phone, call.substitute) == ("Sina Vertretung", "06432 99", True)


def test_an_entry_with_nobody_to_reach_and_no_number_is_left_out():
    gone = PersonFactory(name="Gerd Gegangen", left_on=YESTERDAY)
    scenario = scenario_with(alarm_chain=[chain_entry("Leitung", gone)])

    assert act_now(scenario).calls == []


def test_a_call_dials_the_number_in_international_form():
    scenario = scenario_with(alarm_chain=[chain_entry("Leitung", phone="06432 501-200")])

    assert act_now(scenario).calls[0].tel == "tel:+496432501200"


def test_the_scenario_page_starts_with_the_act_now_box_before_the_alarm_chain(staff_client):
    person = PersonFactory(name="Anna Erste", phone="06432 501-200")
    scenario = scenario_with(
        alarm_chain=[chain_entry("Leitung", person)],
        immediate_actions=actions("Notstrom starten"),
    )

    html = staff_client.get(scenario.url).content.decode()

    box = html.index('class="act-now"')
    assert box < html.index("Notstrom starten") < html.index('id="alarmierungskette-')
    assert box < html.index('href="tel:+496432501200"') < html.index('id="alarmierungskette-')


def test_a_scenario_without_actions_or_chain_says_what_to_do(staff_client):
    scenario = scenario_with()

    html = staff_client.get(scenario.url).content.decode()

    assert "Wenden Sie sich an Ihre Vorgesetzten" in html
