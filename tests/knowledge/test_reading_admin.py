"""Read confirmations in the admin and in the daily digest: asking on a page, the campaign
screen per department, its export, and reminders once per person and day."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import ReadCampaign, ReminderLog
from knowledge.reading import confirm_reading
from knowledge.revisions import set_review_dates
from prozesse.roles.provisioning import (
    provision_department_roles,
    provision_municipality_roles,
)
from tests.factories import DepartmentPageFactory
from tests.knowledge.reading_support import ask, reader, released_process
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(roles):
    return released_process(roles, title="Gewerbeanmeldung")


@pytest.fixture
def campaign(roles, reviewer, page):
    anna = reader(roles.department, "Anna Arndt")
    reader(roles.department, "Bert Berg")
    campaign = ask(page, reviewer, departments=[roles.department])
    confirm_reading(campaign.pk, anna)
    return campaign


def remind(day: datetime.date | None = None):
    day = day or today()
    call_command("send_review_reminders", "--datum", day.isoformat(), stdout=io.StringIO())


# ------------------------------------------------------------------------- asking


def test_a_reviewer_asks_for_confirmations_from_the_page_header_form(client, roles, reviewer, page):
    reader(roles.department, "Anna Arndt")
    client.force_login(reviewer)
    url = reverse("knowledge_reading:request", args=[page.pk])

    assert "Kenntnisnahme anfordern" in client.get(url).content.decode()
    response = client.post(
        url,
        {"departments": [roles.department.pk], "due_date": today().isoformat(), "note": "Neu!"},
    )

    campaign = ReadCampaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge_reading:detail", args=[campaign.pk])
    assert campaign.note == "Neu!" and campaign.requests.count() == 1


def test_asking_without_any_reader_is_answered_in_german(client, reviewer, page):
    client.force_login(reviewer)

    response = client.post(
        reverse("knowledge_reading:request", args=[page.pk]), {"due_date": "gestern"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte wählen Sie aus, wer die Seite zur Kenntnis nehmen soll." in html
    assert not ReadCampaign.objects.exists()


def test_an_editor_who_neither_owns_nor_reviews_the_page_cannot_ask(client, roles, page):
    editor = reader(roles.department, "Eva Edit", roles.editors)
    client.force_login(editor)

    response = client.get(reverse("knowledge_reading:request", args=[page.pk]))

    assert response.status_code == 302  # the admin's "no permission" redirect
    assert not ReadCampaign.objects.exists()


# ------------------------------------------------------------------------- following


def test_the_campaign_screen_shows_who_confirmed_and_the_share_per_department(
    client, reviewer, campaign
):
    client.force_login(reviewer)

    html = client.get(reverse("knowledge_reading:detail", args=[campaign.pk])).content.decode()

    assert "1 von 2 bestätigt (50 %)" in html
    assert "Anna Arndt" in html and "Bert Berg" in html
    assert campaign.version_label in html


def test_town_knowledge_management_follows_campaigns_of_its_town(client, roles, campaign):
    town = roles.department.get_parent().specific
    manager = reader(roles.department, "Wilma Wissen", provision_municipality_roles(town))
    client.force_login(manager)

    listing = client.get(reverse("knowledge_reading:index")).content.decode()

    assert "Gewerbeanmeldung" in listing
    detail = client.get(reverse("knowledge_reading:detail", args=[campaign.pk]))
    assert detail.status_code == 200


def test_the_csv_export_lists_every_reader_with_the_confirmed_version(client, reviewer, campaign):
    client.force_login(reviewer)

    response = client.get(reverse("knowledge_reading:export", args=[campaign.pk]) + "?format=csv")

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Seite;Angeforderte Version;Kommune;Fachbereich;Name;Stand")
    assert len(lines) == 3
    anna = next(line for line in lines if "Anna Arndt" in line)
    assert "bestätigt" in anna and campaign.version_label in anna


def test_a_campaign_is_absent_for_reviewers_of_another_town(client, campaign):
    other = provision_department_roles(DepartmentPageFactory(title="Kasse"))
    outsider = reader(other.department, "Fritz Fremd", other.reviewers)
    client.force_login(outsider)

    assert "Gewerbeanmeldung" not in client.get(reverse("knowledge_reading:index")).content.decode()
    for name in ("detail", "export"):
        url = reverse(f"knowledge_reading:{name}", args=[campaign.pk])
        assert client.get(url).status_code == 404


def test_a_campaign_on_a_page_out_of_sight_is_absent_for_its_own_requester(
    client, roles, campaign, page
):
    """The requester loses the page (moved to another department's restricted area): the
    campaign and its export go with it."""
    other = provision_department_roles(DepartmentPageFactory(title="Kasse"))
    page.move(other.department, pos="last-child")
    restriction = PageViewRestriction.objects.create(
        page=other.department, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([other.reviewers])
    client.force_login(ReadCampaign.objects.get(pk=campaign.pk).requested_by)

    assert "Gewerbeanmeldung" not in client.get(reverse("knowledge_reading:index")).content.decode()
    url = reverse("knowledge_reading:export", args=[campaign.pk])
    assert client.get(url).status_code == 404


def test_an_unknown_campaign_screen_is_not_found(client, reviewer):
    client.force_login(reviewer)

    assert client.get(reverse("knowledge_reading:detail", args=[999999])).status_code == 404
    assert client.get(reverse("knowledge_reading:export", args=[999999])).status_code == 404


# ------------------------------------------------------------------------- reminders


def test_open_confirmations_join_the_daily_digest_once_per_person_and_day(roles, campaign):
    remind()
    remind()

    bert = [m for m in mail.outbox if m.to == ["bert@vg.example"]]
    assert len(bert) == 1
    assert "Kenntnisnahme" in bert[0].subject and "Gewerbeanmeldung" in bert[0].body
    assert ReminderLog.objects.get(email="bert@vg.example").read_campaign_ids == [campaign.pk]
    # Anna confirmed already: nothing to remind her of.
    assert not [m for m in mail.outbox if m.to == ["anna@vg.example"]]


def test_a_reader_who_also_has_reviews_due_gets_one_mail_with_both(roles, reviewer, page):
    owner = reader(roles.department, "Olga Ott")
    set_review_dates(
        released_process(roles, title="Hundesteuer", content_owner=owner.person),
        last_reviewed_at=None,
        next_review_date=today() + datetime.timedelta(days=3),
    )
    ask(page, reviewer, departments=[roles.department])

    remind()

    olga = [m for m in mail.outbox if m.to == ["olga@vg.example"]]
    assert len(olga) == 1
    assert "Hundesteuer" in olga[0].body and "Gewerbeanmeldung" in olga[0].body
    assert "zur Kenntnis nehmen" in olga[0].subject
