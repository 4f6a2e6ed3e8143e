"""Password rules: Django's validators with a minimum of 12 characters, plus the seasonal and
municipal guesses of German town halls (intranet/passwords.py), explained in German."""

from __future__ import annotations

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import MunicipalityPageFactory

pytestmark = pytest.mark.django_db


def _refusals(password: str, user=None) -> list[str]:
    with translation.override("de"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return list(error.messages)
    return []


def test_verwaltung_2026_is_refused_as_too_easy_to_guess():
    assert any("zu leicht zu erraten" in message for message in _refusals("Verwaltung2026"))


@pytest.mark.parametrize(
    "password",
    ["Sommer2026!!!", "Rathaus123456", "Dezember.2025", "Fruehling2026#", "Frühling-2026!"],
)
def test_a_season_month_or_administrative_word_with_digits_is_refused(password):
    assert any("zu leicht zu erraten" in message for message in _refusals(password))


def test_look_alike_characters_do_not_hide_a_guessable_word():
    assert any("zu leicht zu erraten" in message for message in _refusals("V3rw@ltung2026!"))


def test_two_guessable_words_together_are_refused():
    assert any("zu leicht zu erraten" in message for message in _refusals("SommerRathaus2026"))


def test_a_participating_towns_name_with_digits_is_refused():
    MunicipalityPageFactory(title="Verbandsgemeinde Hachenburg")

    assert any("zu leicht zu erraten" in message for message in _refusals("Hachenburg2026!"))


def test_a_password_shorter_than_twelve_characters_is_refused_in_german():
    assert any("mindestens 12 Zeichen" in message for message in _refusals("Kx9#fT2m!q"))


def test_a_passphrase_of_unrelated_words_is_accepted():
    assert _refusals("Kaffeetasse-Fahrrad-Mondlicht") == []


def test_the_set_password_form_shows_the_german_refusal(staff_user):
    with translation.override("de"):
        form = SetPasswordForm(
            staff_user, {"new_password1": "Verwaltung2026", "new_password2": "Verwaltung2026"}
        )
        assert not form.is_valid()
        assert "zu leicht zu erraten" in " ".join(form.errors["new_password2"])
