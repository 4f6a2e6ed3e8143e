"""``manage.py send_review_reminders``: daily digests, once per day, with escalation."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from knowledge.models import ReminderLog
from knowledge.revisions import set_review_dates
from prozesse.models import ProcessDeputy
from tests.factories import DecisionPageFactory, PersonFactory, ProcessPageFactory, UserFactory
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db


def due_in(page, days: int):
    set_review_dates(
        page, last_reviewed_at=None, next_review_date=today() + datetime.timedelta(days=days)
    )
    return page


def remind(day: datetime.date | None = None):
    day = day or today()
    call_command("send_review_reminders", "--datum", day.isoformat(), stdout=io.StringIO())


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def owner():
    return PersonFactory(name="Petra Schneider", email="schneider@vg-beispiel.de")


@pytest.fixture
def deputy():
    return PersonFactory(name="Bernd Klein", email="klein@vg-beispiel.de")


def process(roles, owner, deputy=None, *, title, due):
    page = ProcessPageFactory(parent=roles.department, title=title, content_owner=owner)
    if deputy is not None:
        ProcessDeputy.objects.create(page=page, person=deputy)
    return due_in(page, due)


def test_an_owner_gets_one_german_digest_of_pages_due_within_14_days_or_overdue(roles, owner):
    process(roles, owner, title="Fundsachen", due=10)
    process(roles, owner, title="Hundesteuer", due=-5)
    process(roles, owner, title="Grabnutzung", due=20)

    remind()

    [message] = mail.outbox
    assert message.to == ["schneider@vg-beispiel.de"]
    assert (
        message.subject == "Wiedervorlage: 2 Seiten im Prozessregister prüfen (davon 1 überfällig)"
    )
    assert "Guten Tag Petra Schneider" in message.body
    assert "Fundsachen" in message.body and "Hundesteuer" in message.body
    assert "Grabnutzung" not in message.body
    assert "seit 5 Tagen überfällig" in message.body
    assert "Aktualität bestätigen: http" in message.body


def test_the_command_sends_at_most_one_digest_per_person_and_day(roles, owner):
    process(roles, owner, title="Fundsachen", due=-1)
    remind()
    remind()
    assert len(mail.outbox) == 1
    remind(today() + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_overdue_up_to_30_days_goes_to_the_owner_only(roles, owner, deputy, reviewer):
    process(roles, owner, deputy, title="Fundsachen", due=-30)
    remind()
    assert [m.to for m in mail.outbox] == [["schneider@vg-beispiel.de"]]


def test_overdue_longer_than_30_days_escalates_to_the_deputy(roles, owner, deputy, reviewer):
    process(roles, owner, deputy, title="Fundsachen", due=-31)
    remind()
    [escalation] = mails_to("klein@vg-beispiel.de")
    assert "Eskalation" in escalation.body and "Fundsachen" in escalation.body
    assert "als Vertretung" in escalation.body
    assert not mails_to(reviewer.email)
    assert len(mails_to("schneider@vg-beispiel.de")) == 1


def test_overdue_longer_than_60_days_also_escalates_to_the_freigabe_group(
    roles, owner, deputy, reviewer
):
    process(roles, owner, deputy, title="Fundsachen", due=-61)
    remind()
    [escalation] = mails_to(reviewer.email)
    assert "als Freigabe des Fachbereichs" in escalation.body
    assert "verantwortlich: Petra Schneider" in escalation.body
    assert mails_to("klein@vg-beispiel.de") and mails_to("schneider@vg-beispiel.de")


def test_without_a_deputy_the_escalation_goes_straight_to_the_freigabe_group(
    roles, owner, reviewer
):
    process(roles, owner, title="Fundsachen", due=-31)
    remind()
    assert "Fundsachen" in mails_to(reviewer.email)[0].body


def test_a_page_whose_owner_has_left_goes_to_the_deputy(roles, deputy):
    gone = PersonFactory(email="weg@vg-beispiel.de", left_on=today() - datetime.timedelta(days=3))
    process(roles, gone, deputy, title="Fundsachen", due=-2)
    remind()
    assert [m.to for m in mail.outbox] == [["klein@vg-beispiel.de"]]
    assert "stellvertretend" in mail.outbox[0].body


def test_each_person_gets_one_digest_however_many_roles_they_have(roles, owner, deputy):
    process(roles, owner, deputy, title="Fundsachen", due=-40)
    process(roles, deputy, title="Hundesteuer", due=3)
    remind()
    [digest] = mails_to("klein@vg-beispiel.de")
    assert "Fundsachen" in digest.body and "Hundesteuer" in digest.body


def test_implemented_decisions_and_archived_processes_are_not_reminded(roles, owner):
    due_in(DecisionPageFactory(content_owner=owner, decision_status="umgesetzt"), -5)
    due_in(
        ProcessPageFactory(parent=roles.department, content_owner=owner, status="archiviert"), -5
    )
    remind()
    assert mail.outbox == []


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Mailserver nicht erreichbar")


def test_a_failed_mail_is_retried_by_the_next_run(roles, owner):
    process(roles, owner, title="Fundsachen", due=-1)
    with (
        override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend"),
        pytest.raises(CommandError, match=r"schneider@vg-beispiel\.de"),
    ):
        remind()
    assert not ReminderLog.objects.exists()
    remind()
    assert len(mail.outbox) == 1


def test_a_malformed_date_is_refused_in_german():
    with pytest.raises(CommandError, match=r"kein gültiges Datum.*JJJJ-MM-TT"):
        call_command("send_review_reminders", "--datum", "31.12.2026")


def test_without_any_reviewer_the_knowledge_managers_catch_orphaned_pages(roles, knowledge_manager):
    knowledge_manager.email = "wissen@vg-beispiel.de"
    knowledge_manager.save()
    unowned = ProcessPageFactory(parent=roles.department, title="Verwaist")
    due_in(unowned, -1)
    roles.reviewers.user_set.clear()
    remind()
    assert "Verwaist" in mails_to("wissen@vg-beispiel.de")[0].body


def test_reviewers_without_an_address_are_skipped(roles, owner):
    silent = UserFactory(email="")
    silent.groups.add(roles.reviewers)
    process(roles, owner, title="Fundsachen", due=-70)
    remind()
    assert [m.to for m in mail.outbox] == [["schneider@vg-beispiel.de"]]
