"""A small town whose processes depend on a shared IT system, one of them restricted, and a
scenario that knocks the system out (see ``world``)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import PageViewRestriction

from continuity.models import ImpactAnalysis, ProcessDependency, ScenarioOutage
from prozesse.models import ScenarioProcess
from tests.builders import admin_user, publish
from tests.factories import (
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    ITSystemFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)


@dataclass
class World:
    town: object
    other_town: object
    system: object
    person: object
    processes: dict
    scenario: object
    crisis: Group


@pytest.fixture
def world(db) -> World:
    """In "VG Talheim": Meldewesen (RTO 24) needs the system (back after 72 h); Pässe (RTO 8)
    needs Meldewesen; Notruf (RTO 4) is hand-picked for the scenario; the restricted
    "Verschlusssache" (crisis team only) needs the system too; in another town Gewerbe needs
    it as well. Kita needs Olga, who has no deputy. The scenario knocks out the system."""
    town = MunicipalityPageFactory(title="VG Talheim")
    other_town = MunicipalityPageFactory(title="VG Ufersheim")
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro")
    other_department = DepartmentPageFactory(parent=other_town, title="Ordnungsamt")
    system = ITSystemFactory(name="Meldeprogramm")
    olga = PersonFactory(name="Olga Einzel", municipality=town)
    crisis = Group.objects.create(name="Krisenstab Talheim")

    def process(title, parent=department, **fields):
        return ProcessPageFactory(parent=parent, title=title, **fields)

    meldewesen = process("Meldewesen", rto_hours=24, criticality="hoch")
    paesse = process("Pässe", rto_hours=8, criticality="hoch")
    notruf = process("Notruf", rto_hours=4, criticality="sehr_hoch")
    secret = process("Verschlusssache", rto_hours=2, criticality="hoch")
    gewerbe = process("Gewerbe", parent=other_department, rto_hours=48)
    kita = process("Kita", rto_hours=120)
    ProcessDependency.objects.create(page=meldewesen, it_system=system, recovery_hours=72)
    ProcessDependency.objects.create(page=paesse, process=meldewesen)
    ProcessDependency.objects.create(page=secret, it_system=system, recovery_hours=72)
    ProcessDependency.objects.create(page=gewerbe, it_system=system)
    ProcessDependency.objects.create(page=kita, person=olga)
    ImpactAnalysis.objects.create(
        page=meldewesen,
        ratings={"aufgabe": [1, 3, 3, 4, 4]},
        rto_hours=24,
        rpo_hours=4,
    )
    processes = {
        page.title: publish(page) for page in (meldewesen, paesse, notruf, secret, gewerbe, kita)
    }
    restriction = PageViewRestriction.objects.create(
        page=processes["Verschlusssache"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(crisis)
    scenario = EmergencyScenarioPageFactory(parent=department, title="Ausfall Meldeprogramm")
    ScenarioProcess.objects.create(page=scenario, process=processes["Notruf"])
    ScenarioOutage.objects.create(page=scenario, it_system=system)
    scenario = publish(scenario)
    return World(town, other_town, system, olga, processes, scenario, crisis)


def overview_user(*groups):
    """Someone who may open every town's overview and holds no page rights (so restrictions
    apply to them in the admin too)."""
    user = admin_user(None, *groups)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="continuity",
            codename__in=["view_bia_overview", "view_bia_all_towns"],
        )
    )
    return user


@pytest.fixture
def reader(db):
    return overview_user()


@pytest.fixture
def staff(db):
    return UserFactory()
