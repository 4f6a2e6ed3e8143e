"""Task reminders (``send_decision_task_reminders``): before and after the due date, to the
responsible person only, once per person and day, never about a decision they may not see."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management.base import CommandError

from prozesse.decision_reminders import send_decision_task_reminders
from prozesse.models import DecisionTaskReminder, TaskStatus
from tests.commands import run
from tests.factories import CommitteeSectionPageFactory, PersonFactory, UserFactory
from tests.prozesse.decision_support import days, decision_with_tasks, restrict_to_new_group

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def person():
    return PersonFactory(name="Kai Bauer", email="kai.bauer@vg-kaisersesch.de")


def test_a_task_due_in_a_few_days_is_reminded(person):
    decision_with_tasks({"title": "Formulare umstellen", "responsible": person,
                         "due_date": TODAY + days(3)}, decision_number="LK-2026-31")  # fmt: skip
    send_decision_task_reminders(TODAY)
    [message] = mail.outbox
    assert message.to == ["kai.bauer@vg-kaisersesch.de"]
    assert "Formulare umstellen" in message.body and "LK-2026-31" in message.body
    assert "fällig am 04.06.2026" in message.body


def test_an_overdue_task_is_reminded_with_its_days_overdue(person):
    decision_with_tasks({"title": "Schulung", "responsible": person, "due_date": TODAY - days(5)})
    send_decision_task_reminders(TODAY)
    [message] = mail.outbox
    assert "seit 5 Tagen überfällig" in message.body and "überfällig" in message.subject


def test_a_task_due_later_is_not_reminded_yet(person):
    decision_with_tasks({"title": "Später", "responsible": person, "due_date": TODAY + days(8)})
    assert send_decision_task_reminders(TODAY).sent == []


def test_a_done_task_is_not_reminded(person):
    decision_with_tasks({"title": "Fertig", "responsible": person, "status": TaskStatus.DONE,
                         "due_date": TODAY - days(1)})  # fmt: skip
    assert send_decision_task_reminders(TODAY).sent == []


def test_a_person_gets_one_mail_a_day_for_all_tasks(person):
    decision_with_tasks({"title": "Eins", "responsible": person, "due_date": TODAY})
    decision_with_tasks({"title": "Zwei", "responsible": person, "due_date": TODAY - days(1)})
    send_decision_task_reminders(TODAY)
    second = send_decision_task_reminders(TODAY)
    assert len(mail.outbox) == 1 and "Eins" in mail.outbox[0].body and "Zwei" in mail.outbox[0].body
    assert second.already_sent == ["kai.bauer@vg-kaisersesch.de"]
    assert DecisionTaskReminder.objects.get().sent_on == TODAY


def test_the_next_day_reminds_again(person):
    decision_with_tasks({"title": "Eins", "responsible": person, "due_date": TODAY})
    send_decision_task_reminders(TODAY)
    send_decision_task_reminders(TODAY + days(1))
    assert len(mail.outbox) == 2


def test_a_decision_the_person_may_not_see_is_not_mailed(person):
    person.user = UserFactory()
    person.save()
    section = CommitteeSectionPageFactory()
    decision_with_tasks({"title": "Geheim", "responsible": person, "due_date": TODAY},
                        parent=section)  # fmt: skip
    restrict_to_new_group(section)
    assert send_decision_task_reminders(TODAY).sent == []


def test_the_command_reports_whom_it_reminded(person):
    decision_with_tasks({"title": "Eins", "responsible": person, "due_date": TODAY})
    output = run("send_decision_task_reminders", datum="2026-06-01")
    assert "Aufgaben-Erinnerungen versandt: 1" in output and len(mail.outbox) == 1


def test_the_command_refuses_a_wrong_date_in_german():
    with pytest.raises(CommandError, match="kein gültiges Datum"):
        run("send_decision_task_reminders", datum="1.6.2026")
