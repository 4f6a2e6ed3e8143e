"""BITV 2.0: the accessibility statement on every page, its feedback with the one-month
deadline, the start page's Leichte Sprache and sign-language section."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AccessibilityStatement, BarrierReport
from tests.builders import publish
from tests.factories import DepartmentPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


def footer_links_statement(html: str) -> bool:
    footer = html.split('<footer class="site-footer">', 1)[-1]
    return reverse("accessibility_statement") in footer


def test_the_statement_opens_without_signing_in(client):
    response = client.get(reverse("accessibility_statement"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Erklärung zur Barrierefreiheit" in html
    assert "Schlichtungsverfahren" in html
    assert "Landesbeauftragte" in html


def test_the_login_page_links_the_statement(client):
    html = client.get(reverse("login")).content.decode()
    assert footer_links_statement(html)


@pytest.mark.parametrize("kind", ["home", "process", "search", "tasks", "not_found"])
def test_the_statement_is_linked_in_the_footer_of_every_page_kind(staff_client, kind):
    department = DepartmentPageFactory(title="Bürgerbüro")
    process = publish(ProcessPageFactory(parent=department, title="Reisepass"))
    url = {
        "home": "/",
        "process": process.url,
        "search": reverse("search") + "?q=Reisepass",
        "tasks": reverse("wissen:tasks"),
        "not_found": "/gibt-es-nicht/",
    }[kind]
    response = staff_client.get(url)
    assert response.status_code in (200, 404)
    assert footer_links_statement(response.content.decode())


def test_every_admin_page_links_the_statement_in_the_menu(admin_user_client):
    html = admin_user_client.get("/admin/").content.decode()
    # The admin menu is rendered from JSON (Wagtail's sidebar): the address and the label.
    assert '"url": "/barrierefreiheit/"' in html and "Barrierefreiheit" in html


def test_the_statement_shows_what_administrators_wrote(client):
    statement = AccessibilityStatement.load()
    statement.contact_name = "Petra Schmitt"
    statement.contact_email = "barrierefrei@example.org"
    statement.reviewed_on = datetime.date(2026, 11, 30)
    statement.save()
    html = client.get(reverse("accessibility_statement")).content.decode()
    assert "Petra Schmitt" in html
    assert "barrierefrei@example.org" in html
    assert "30.11.2026" in html


def test_a_barrier_report_is_due_one_month_after_it_arrived():
    received = timezone.make_aware(datetime.datetime(2026, 1, 31, 10, 0))
    report = BarrierReport.objects.create(message="Kontrast zu schwach", received_at=received)
    assert report.deadline == datetime.date(2026, 2, 28)


def test_an_unanswered_report_after_its_deadline_is_overdue():
    received = timezone.now() - datetime.timedelta(days=40)
    report = BarrierReport.objects.create(message="Alt", received_at=received)
    assert report.is_overdue()
    assert report.state_label() == "überfällig"


def test_an_answered_report_is_not_overdue():
    received = timezone.now() - datetime.timedelta(days=40)
    report = BarrierReport.objects.create(
        message="Alt", received_at=received, answer="Behoben.", answered_on=timezone.localdate()
    )
    assert not report.is_overdue()
    assert report.state_label() == "beantwortet"


def test_a_reported_barrier_is_recorded_and_the_contact_is_mailed_with_the_deadline(client):
    statement = AccessibilityStatement.load()
    statement.contact_email = "barrierefrei@example.org"
    statement.save()
    response = client.post(
        reverse("accessibility_report"),
        {"message": "Die Suche ist mit dem Screenreader nicht bedienbar.", "email": ""},
    )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.message.startswith("Die Suche")
    assert mail.outbox[0].to == ["barrierefrei@example.org"]
    assert report.deadline_display() in mail.outbox[0].subject


def test_an_empty_barrier_report_is_refused_in_german(client):
    response = client.post(reverse("accessibility_report"), {"message": ""})
    assert response.status_code == 200
    assert "Bitte beschreiben Sie die Barriere." in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_the_admin_list_shows_each_reports_deadline_and_state(admin_user_client):
    admin_client = admin_user_client
    received = timezone.now() - datetime.timedelta(days=40)
    report = BarrierReport.objects.create(message="Fokus unsichtbar", received_at=received)
    url = reverse("wagtailsnippets_accessibility_barrierreport:list")
    html = admin_client.get(url).content.decode()
    assert "Fokus unsichtbar" in html
    assert report.deadline_display() in html
    assert "überfällig" in html
    overdue = admin_client.get(url + "?stand=ueberfaellig").content.decode()
    assert "Fokus unsichtbar" in overdue
    answered = admin_client.get(url + "?stand=beantwortet").content.decode()
    assert "Fokus unsichtbar" not in answered


def test_the_start_page_explains_the_intranet_in_leichte_sprache_with_a_sign_language_slot(
    staff_client,
):
    html = staff_client.get("/").content.decode()
    assert "Informationen in Leichter Sprache" in html
    assert "Das ist das Prozess-Register." in html
    assert "Das Video in Gebärdensprache folgt." in html
