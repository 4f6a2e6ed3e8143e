"""The exercise screens in the admin: knowledge management of a town plans and records the
exercises of its own town only, filters them, and adds findings inline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prozesse.models import MunicipalityPage
from readiness.models import Exercise, ExerciseStatus, Finding
from tests.readiness.support import days, finding, held, planned

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_readiness_exercise:list"


def towns(organisation) -> tuple[MunicipalityPage, MunicipalityPage]:
    ids = organisation.municipality_ids
    return (
        MunicipalityPage.objects.get(pk=ids["town"]),
        MunicipalityPage.objects.get(pk=ids["other_town"]),
    )


@pytest.fixture
def km_client(client, db, organisation):
    client.force_login(organisation.users["wissen_kommune"])
    return client


def test_knowledge_management_lists_only_the_exercises_of_its_town(km_client, organisation):
    town, other = towns(organisation)
    planned(town, title="Stabsübung Talheim")
    planned(other, title="Stabsübung Ufersheim")
    html = km_client.get(reverse(LIST)).content.decode()
    assert "Stabsübung Talheim" in html and "Stabsübung Ufersheim" not in html


def test_the_listing_filters_exercises_with_overdue_follow_ups(km_client, organisation):
    town, _ = towns(organisation)
    finding(held(town, title="Übung mit Rückstand"), due=-3)
    finding(held(town, title="Übung im Plan"), due=20)
    html = km_client.get(reverse(LIST), {"massnahmen": "ueberfaellig"}).content.decode()
    assert "Übung mit Rückstand" in html and "Übung im Plan" not in html


def test_editing_an_exercise_of_another_town_is_refused(km_client, organisation):
    town, other = towns(organisation)
    exercise = planned(other, title="Stabsübung Ufersheim")
    url = reverse("wagtailsnippets_readiness_exercise:edit", args=[exercise.pk])
    response = km_client.post(url, {"municipality": town.pk, "title": "Übernommen"})
    assert response.status_code in (302, 403)
    assert Exercise.objects.get(pk=exercise.pk).title == "Stabsübung Ufersheim"


def test_an_exercise_is_recorded_as_held_with_a_finding_through_the_admin_form(
    km_client, organisation
):
    town, _ = towns(organisation)
    exercise = planned(town, title="Alarmierungsübung Talheim", on=days(-1))
    url = reverse("wagtailsnippets_readiness_exercise:edit", args=[exercise.pk])
    person = organisation.person_ids["own"]
    data = {
        "municipality": town.pk,
        "title": "Alarmierungsübung Talheim",
        "kind": "alarmierungsuebung",
        "status": ExerciseStatus.HELD,
        "planned_for": days(-1).isoformat(),
        "held_on": days(-1).isoformat(),
        "outcome": "teilweise",
        "results": "Zwei Nummern veraltet.",
        "findings-TOTAL_FORMS": "1",
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000",
        "findings-0-finding": "Nummern veraltet",
        "findings-0-measure": "Alarmierungskette aktualisieren",
        "findings-0-responsible": str(person),
        "findings-0-due_date": days(14).isoformat(),
        "findings-0-status": "offen",
        "findings-0-ORDER": "1",
    }
    response = km_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    exercise = Exercise.objects.get(pk=exercise.pk)
    assert exercise.status == ExerciseStatus.HELD
    assert Finding.objects.get().measure == "Alarmierungskette aktualisieren"


def test_a_held_exercise_without_outcome_is_refused_in_german(km_client, organisation):
    town, _ = towns(organisation)
    exercise = planned(town, on=days(-1))
    url = reverse("wagtailsnippets_readiness_exercise:edit", args=[exercise.pk])
    response = km_client.post(
        url,
        {
            "municipality": town.pk,
            "title": exercise.title,
            "kind": "stabsuebung",
            "status": ExerciseStatus.HELD,
            "planned_for": days(-1).isoformat(),
            "held_on": days(-1).isoformat(),
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
            "findings-MIN_NUM_FORMS": "0",
            "findings-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Bitte das Ergebnis der Übung angeben." in response.content.decode()
