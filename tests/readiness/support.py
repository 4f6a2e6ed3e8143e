"""Builders for the readiness tests: a town with its staff group, a department and a scenario
with an alarm chain and critical processes; exercises held or planned; a restriction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from prozesse.models import (
    DepartmentPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    MunicipalityStaffGroup,
    ScenarioProcess,
)
from readiness.models import Exercise, ExerciseKind, ExerciseOutcome, ExerciseStatus, Finding
from tests.builders import publish
from tests.factories import (
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


@dataclass
class Town:
    town: MunicipalityPage
    department: DepartmentPage
    staff: Group
    scenario: EmergencyScenarioPage


def scenario_in(department, title: str = "Stromausfall im Rathaus", **fields):
    owner = fields.pop("content_owner", None) or PersonFactory(
        name="Jonas Weber", phone="06432 501-200", municipality=department.get_parent().specific
    )
    deputy = PersonFactory(name="Carla Vertretung", phone="06432 501-300")
    scenario = EmergencyScenarioPageFactory(
        parent=department,
        title=title,
        content_owner=owner,
        alarm_chain=[
            (
                "entry",
                {
                    "role": "Krisenstab-Leitung",
                    "person": owner,
                    "substitute": deputy,
                    "phone": "0170 1234567",
                    "availability": "24/7",
                },
            )
        ],
        immediate_actions=[
            ("action", "Notstromaggregat starten"),
            ("action", "Bürgerbüro schließen und Aushang anbringen"),
        ],
        **fields,
    )
    process = publish(
        ProcessPageFactory(parent=department, title=f"Meldewesen ({title})", rto_hours=24)
    )
    ScenarioProcess.objects.create(page=scenario, process=process)
    return publish(scenario)


def town_with_scenario(title: str = "Verbandsgemeinde Talheim") -> Town:
    town = MunicipalityPageFactory(title=title)
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro")
    staff = Group.objects.create(name=f"Mitarbeitende {title}")
    MunicipalityStaffGroup.objects.create(municipality=town, group=staff)
    return Town(town, department, staff, scenario_in(department))


def staff_member(town: Town, **fields):
    user = UserFactory(**fields)
    user.groups.add(town.staff)
    return user


def restrict_to(page, *groups) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return restriction


def held(town, scenarios=(), on: datetime.date | None = None, **fields) -> Exercise:
    exercise = Exercise.objects.create(
        municipality=town,
        title=fields.pop("title", "Alarmierungsübung"),
        kind=fields.pop("kind", ExerciseKind.ALARM),
        status=ExerciseStatus.HELD,
        planned_for=on or days(-10),
        held_on=on or days(-10),
        outcome=fields.pop("outcome", ExerciseOutcome.PARTLY),
        **fields,
    )
    exercise.scenarios.set(scenarios)
    exercise.save()
    return exercise


def planned(town, scenarios=(), on: datetime.date | None = None, **fields) -> Exercise:
    exercise = Exercise.objects.create(
        municipality=town,
        title=fields.pop("title", "Stabsübung"),
        kind=ExerciseKind.STAFF,
        planned_for=on or days(30),
        **fields,
    )
    exercise.scenarios.set(scenarios)
    exercise.save()
    return exercise


def finding(exercise, responsible=None, due: int = -1, **fields) -> Finding:
    return Finding.objects.create(
        exercise=exercise,
        finding=fields.pop("finding", "Telefonliste veraltet"),
        measure=fields.pop("measure", "Telefonliste erneuern"),
        responsible=responsible,
        due_date=days(due),
        **fields,
    )
