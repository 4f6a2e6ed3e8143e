"""Exercises and their follow-ups: validation, the scenario's derived "last exercise", the
exercise cycle and what a reader may see of them."""

from __future__ import annotations

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from prozesse.models import EmergencyScenarioPage
from prozesse.visibility import EVERYTHING, visibility_for
from readiness.cycle import overdue_scenarios, visible_exercises
from readiness.models import Exercise, ExerciseStatus, Finding, FindingStatus
from tests.readiness.support import (
    days,
    finding,
    held,
    planned,
    restrict_to,
    staff_member,
    today,
    town_with_scenario,
)

pytestmark = pytest.mark.django_db


def test_a_held_exercise_without_date_and_outcome_is_refused():
    town = town_with_scenario()
    exercise = Exercise(
        municipality=town.town, title="Vollübung", status=ExerciseStatus.HELD, planned_for=days(-3)
    )
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert {"held_on", "outcome"} <= set(error.value.message_dict)


def test_a_held_exercise_cannot_lie_in_the_future():
    town = town_with_scenario()
    exercise = Exercise(
        municipality=town.town,
        title="Vollübung",
        status=ExerciseStatus.HELD,
        planned_for=days(3),
        held_on=days(3),
        outcome="erreicht",
    )
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "Zukunft" in error.value.message_dict["held_on"][0]


def test_the_scenario_shows_its_latest_held_exercise_as_its_last_exercise():
    town = town_with_scenario()
    held(town.town, [town.scenario], on=days(-400), results="Alt")
    held(town.town, [town.scenario], on=days(-20), results="Meldewege funktionierten")
    planned(town.town, [town.scenario], on=days(10))
    scenario = EmergencyScenarioPage.objects.get(pk=town.scenario.pk)
    assert (scenario.last_exercise_date, scenario.exercise_result) == (
        days(-20),
        "Meldewege funktionierten",
    )


def test_a_scenario_page_names_its_last_exercise(client):
    town = town_with_scenario()
    held(town.town, [town.scenario], on=days(-20), results="Meldewege funktionierten")
    client.force_login(staff_member(town))
    html = client.get(town.scenario.url).content.decode()
    assert f"Letzte Übung: {days(-20):%d.%m.%Y} – Meldewege funktionierten" in html


def test_a_finding_set_to_done_gets_todays_date():
    town = town_with_scenario()
    item = finding(held(town.town, [town.scenario]), status=FindingStatus.DONE)
    item.clean()
    assert item.done_on == today()


def test_an_open_finding_past_its_due_date_is_overdue_and_a_done_one_is_not():
    exercise = held(town_with_scenario().town)
    assert finding(exercise, due=-1).is_overdue()
    assert not finding(exercise, due=-1, status=FindingStatus.DONE).is_overdue()


def test_a_scenario_never_exercised_is_due_at_once():
    town = town_with_scenario()
    (due,) = overdue_scenarios(EVERYTHING, municipality=town.town)
    assert (due.scenario.pk, due.last_held, due.due) == (town.scenario.pk, None, None)


def test_a_scenario_exercised_within_twelve_months_is_not_due():
    town = town_with_scenario()
    held(town.town, [town.scenario], on=today() - relativedelta(months=12))
    assert overdue_scenarios(EVERYTHING, municipality=town.town) == []


def test_a_scenario_exercised_longer_ago_is_due_since_its_cycle_ran_out():
    town = town_with_scenario()
    last = today() - relativedelta(months=12, days=1)
    held(town.town, [town.scenario], on=last)
    (due,) = overdue_scenarios(EVERYTHING, municipality=town.town)
    assert due.due == last + relativedelta(months=12)


def test_a_planned_exercise_is_shown_with_the_due_scenario_but_does_not_end_the_due():
    town = town_with_scenario()
    exercise = planned(town.town, [town.scenario], on=days(14))
    (due,) = overdue_scenarios(EVERYTHING, municipality=town.town)
    assert due.planned == exercise


def test_an_exercise_of_a_restricted_scenario_is_absent_for_readers_who_may_not_see_it():
    town = town_with_scenario()
    crisis = town.staff.__class__.objects.create(name="Krisenstab Talheim")
    restrict_to(town.scenario, crisis)
    exercise = held(town.town, [town.scenario])
    reader = staff_member(town)
    assert list(visible_exercises(visibility_for(reader))) == []
    member = staff_member(town)
    member.groups.add(crisis)
    assert list(visible_exercises(visibility_for(member))) == [exercise]


def test_deleting_an_exercise_deletes_its_findings():
    exercise = held(town_with_scenario().town)
    finding(exercise)
    exercise.delete()
    assert not Finding.objects.exists()
