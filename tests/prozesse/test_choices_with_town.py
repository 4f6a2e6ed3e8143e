"""Person and department choices show the town, and people who have left are not offered
(prozesse/choices.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from prozesse.choices import department_label
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, PersonFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def two_town_departments():
    diez = MunicipalityPageFactory(title="Verbandsgemeinde Diez")
    montabaur = MunicipalityPageFactory(title="Verbandsgemeinde Montabaur")
    return (
        DepartmentPageFactory(parent=diez, title="Bürgerbüro"),
        DepartmentPageFactory(parent=montabaur, title="Bürgerbüro"),
    )


def test_a_department_is_named_with_its_town(two_town_departments):
    diez, montabaur = two_town_departments

    assert department_label(diez) == "Bürgerbüro (Verbandsgemeinde Diez)"
    assert department_label(montabaur) == "Bürgerbüro (Verbandsgemeinde Montabaur)"


def test_a_person_is_named_with_function_and_town(two_town_departments):
    person = PersonFactory(
        name="Sabine Krämer", role="Sachbearbeitung", department=two_town_departments[0]
    )

    assert str(person) == "Sabine Krämer (Sachbearbeitung, Verbandsgemeinde Diez)"


def test_the_people_list_filters_by_departments_named_with_their_town(
    admin_user_client, two_town_departments
):
    html = admin_user_client.get("/admin/snippets/prozesse/person/").content.decode()

    assert "Bürgerbüro (Verbandsgemeinde Diez)" in html
    assert "Bürgerbüro (Verbandsgemeinde Montabaur)" in html


def test_choosing_a_person_offers_nobody_who_has_left(admin_user_client):
    PersonFactory(name="Anna Bleibt")
    PersonFactory(name="Gerd Gegangen", left_on=YESTERDAY)
    PersonFactory(name="Lena Geht-Heute", left_on=timezone.localdate())

    html = admin_user_client.get("/admin/snippets/choose/prozesse/person/").content.decode()

    assert "Anna Bleibt" in html
    assert "Lena Geht-Heute" in html  # today is her last working day
    assert "Gerd Gegangen" not in html
