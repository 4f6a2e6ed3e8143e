"""Feedback from other towns: comments and experience reports on a process."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from knowledge.models import Feedback
from tests.builders import publish
from tests.factories import (
    FeedbackFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    owner = PersonFactory(name="Julia Hoffmann", email="hoffmann@vg-beispiel.de")
    return publish(ProcessPageFactory(title="Wohnsitzanmeldung", content_owner=owner))


@pytest.fixture
def colleague(staff_user):
    PersonFactory(
        name="Nicole Hartmann",
        user=staff_user,
        municipality=MunicipalityPageFactory(title="VG Montabaur"),
    )
    return staff_user


def test_staff_leave_an_experience_report_and_the_owner_is_notified(
    staff_client, colleague, process
):
    response = staff_client.post(
        reverse("wissen:feedback", args=[process.pk]),
        {
            "kind": "erfahrungsbericht",
            "title": "Online-Termine halbieren die Wartezeit",
            "text": "Seit wir nur mit Termin anmelden, warten die Leute 15 statt 40 Minuten.",
        },
    )
    assert response.url == process.url + "#rueckmeldungen"
    feedback = Feedback.objects.get()
    assert (feedback.author_name, feedback.author_municipality.title) == (
        "Nicole Hartmann",
        "VG Montabaur",
    )
    [message] = mail.outbox
    assert message.to == ["hoffmann@vg-beispiel.de"]
    assert message.subject == "Neue Rückmeldung (Erfahrungsbericht) zu „Wohnsitzanmeldung“"
    assert "15 statt 40 Minuten" in message.body


def test_the_process_page_shows_feedback_with_town_and_offers_the_form(
    staff_client, colleague, process
):
    staff_client.post(
        reverse("wissen:feedback", args=[process.pk]),
        {"kind": "kommentar", "text": "Wie löst ihr Anmeldungen ohne Wohnungsgeberbestätigung?"},
    )
    html = staff_client.get(process.url).content.decode()
    assert "Rückmeldungen und Erfahrungsberichte" in html
    assert "ohne Wohnungsgeberbestätigung" in html and "(VG Montabaur)" in html
    assert "Rückmeldung senden" in html


def test_an_experience_report_without_a_title_is_refused_in_german(staff_client, process):
    response = staff_client.post(
        reverse("wissen:feedback", args=[process.pk]),
        {"kind": "erfahrungsbericht", "text": "Ein langer Bericht ohne Überschrift."},
    )
    assert response.status_code == 400
    assert "Bitte geben Sie Ihrem Erfahrungsbericht einen Titel." in response.content.decode()
    assert not Feedback.objects.exists() and mail.outbox == []


def test_empty_feedback_is_refused_in_german(staff_client, process):
    response = staff_client.post(reverse("wissen:feedback", args=[process.pk]), {"kind": "x"})
    html = response.content.decode()
    assert "Bitte schreiben Sie Ihre Rückmeldung." in html
    assert "Bitte wählen Sie Kommentar oder Erfahrungsbericht." in html


def test_hidden_feedback_is_not_shown(staff_client, process):
    FeedbackFactory(page=process, text="Unpassender Beitrag", hidden=True)
    assert "Unpassender Beitrag" not in staff_client.get(process.url).content.decode()
