"""Overdue exercises and open follow-ups reach the people: the knowledge dashboard, "Meine
Aufgaben" and the daily reminder mail – each only with what its reader may see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from knowledge.my_tasks import EXERCISE, FINDING, Visibilities, tasks_for
from prozesse.visibility import visibility_for
from readiness.models import ExerciseReminder
from readiness.reminders import send_exercise_reminders
from tests.builders import admin_user
from tests.readiness.support import finding, held, restrict_to, staff_member, town_with_scenario

pytestmark = pytest.mark.django_db


def items(user, kind: str) -> list[str]:
    seen = Visibilities(visibility_for(user), visibility_for(user, for_admin=True))
    return [
        item.title for group in tasks_for(user, seen) if group.kind == kind for item in group.items
    ]


@pytest.fixture
def dashboard_client(client):
    user = admin_user()
    user.user_permissions.add(Permission.objects.get(codename="view_knowledge_dashboard"))
    client.force_login(user)
    return client


def test_the_dashboard_lists_a_scenario_due_for_an_exercise(dashboard_client):
    town = town_with_scenario()
    html = dashboard_client.get(reverse("knowledge_dashboard:index")).content.decode()
    due = html.split('id="uebung-faellig"')[1].split("</table>")[0]
    assert town.scenario.title in due and "noch nie geübt" in due


def test_the_dashboard_lists_an_overdue_follow_up(dashboard_client):
    town = town_with_scenario()
    finding(held(town.town, [town.scenario]), measure="Notstrom-Tankvertrag erneuern", due=-2)
    html = dashboard_client.get(reverse("knowledge_dashboard:index")).content.decode()
    section = html.split('id="massnahmen-offen"')[1].split("</table>")[0]
    assert "Notstrom-Tankvertrag erneuern" in section and "überfällig" in section


def test_my_tasks_list_the_follow_ups_of_the_responsible_person():
    town = town_with_scenario()
    user = staff_member(town)
    person = town.scenario.content_owner
    person.user = user
    person.save()
    finding(held(town.town, [town.scenario]), responsible=person, measure="Aushang vorbereiten")
    assert items(user, FINDING) == ["Aushang vorbereiten"]


def test_my_tasks_list_the_scenarios_due_for_an_exercise_to_their_owner():
    town = town_with_scenario()
    user = staff_member(town)
    person = town.scenario.content_owner
    person.user = user
    person.save()
    assert items(user, EXERCISE) == [town.scenario.title]


def test_the_reminder_names_the_follow_up_and_the_scenario_due():
    town = town_with_scenario()
    owner = town.scenario.content_owner
    finding(held(town.town, [], title="Alarmierung"), responsible=owner, measure="Liste drucken")
    run = send_exercise_reminders()
    assert run.sent == [owner.email]
    body = mail.outbox[0].body
    assert "Liste drucken" in body and town.scenario.title in body
    assert mail.outbox[0].subject == "Notfallvorsorge: 1 Maßnahme fällig, 1 Übung fällig"


def test_the_reminder_is_sent_once_a_day():
    town = town_with_scenario()
    send_exercise_reminders()
    run = send_exercise_reminders()
    assert (run.sent, run.already_sent) == ([], [town.scenario.content_owner.email])
    assert ExerciseReminder.objects.count() == 1


def test_the_reminder_leaves_out_a_scenario_its_reader_may_not_see():
    town = town_with_scenario()
    crisis = town.staff.__class__.objects.create(name="Krisenstab")
    restrict_to(town.scenario, crisis)
    owner = town.scenario.content_owner
    owner.user = staff_member(town)
    owner.save()
    assert send_exercise_reminders().sent == []


def test_the_reminder_command_reports_in_german(capsys):
    town = town_with_scenario()
    call_command("send_exercise_reminders", "--probelauf")
    out = capsys.readouterr().out
    assert "Übungs-Erinnerungen würden versandt: 1" in out
    assert town.scenario.content_owner.email in out
    assert mail.outbox == []
