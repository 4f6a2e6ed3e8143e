"""A password validator for the guesses that work in a town hall.

Django's validators refuse short, numeric, user-like and internationally common passwords; they
accept ``Verwaltung2026``, ``Sommer2026!`` or ``Rathaus123``, which are the first things an
attacker tries against a German administration. This validator refuses a password whose letters,
once digits, punctuation and look-alike characters (``0`` for ``o``, ``@`` for ``a``) are set
aside, are only one or two words from a list of seasons, months, weekdays, administrative words
and the names of the participating towns.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prozesse.models import MunicipalityPage

# Seasons, months, weekdays, administrative and intranet words: the stems of seasonal and
# municipal passwords. Lower case, umlauts written out (see _letters).
_WORD_LIST = """
    fruehling fruehjahr sommer herbst winter
    januar februar maerz april mai juni juli august september oktober november dezember
    jan feb mar apr jun jul aug sep sept okt nov dez
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    ostern pfingsten weihnachten advent silvester neujahr karneval fastnacht
    verwaltung rathaus stadt stadtverwaltung gemeinde gemeindeverwaltung kommune kreis
    landkreis kreisverwaltung verbandsgemeinde amt buergerbuero buergeramt ordnungsamt
    bauamt standesamt sozialamt kaemmerei bauhof feuerwehr schule kita
    behoerde dienst buero mitarbeiter mitarbeiterin intranet prozessregister register
    passwort kennwort geheim start willkommen hallo herzlich test admin benutzer
    deutschland germany password welcome
"""
GUESSABLE_WORDS = frozenset(_WORD_LIST.split())
LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})


def _letters(password: str) -> str:
    """Lower-case letters only, umlauts spelled out, look-alike characters read as letters."""
    text = password.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    # Trailing and leading digits are years and counters, not look-alikes.
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", text)
    core = core.translate(LOOKALIKES)
    return re.sub(r"[^a-z]", "", core)


def _town_words() -> set[str]:
    """The participating towns' names and their parts ("Verbandsgemeinde Diez" → "diez")."""

    words: set[str] = set()
    for title in MunicipalityPage.objects.values_list("title", flat=True):
        whole = _letters(title)
        if whole:
            words.add(whole)
        words.update(_letters(part) for part in re.split(r"[\s\-/]+", title) if len(part) >= 3)
    words.discard("")
    return words


def _is_made_of(letters: str, words: set[str] | frozenset[str], parts: int = 2) -> bool:
    if letters in words:
        return True
    if parts <= 1:
        return False
    return any(
        letters[:cut] in words and _is_made_of(letters[cut:], words, parts - 1)
        for cut in range(3, len(letters) - 2)
    )


class GermanGuessablePasswordValidator:
    """Refuses seasonal and municipal passwords (``Verwaltung2026``, ``Sommer2026!``)."""

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        if not letters:
            return  # digits only: NumericPasswordValidator speaks for that.
        words = set(GUESSABLE_WORDS) | _town_words()
        if _is_made_of(letters, words):
            raise ValidationError(
                _(
                    "Dieses Passwort ist zu leicht zu erraten: Es besteht nur aus einem "
                    "gängigen Wort (Jahreszeit, Monat, Verwaltung, Rathaus, Name einer Kommune) "
                    "mit Ziffern oder Zeichen. Wählen Sie zum Beispiel mehrere zufällige Wörter."
                ),
                code="password_guessable_german",
            )

    def get_help_text(self) -> str:
        return _(
            "Ihr Passwort darf nicht nur aus einem gängigen Wort wie einer Jahreszeit, einem "
            "Monat, „Verwaltung“ oder dem Namen einer Kommune mit Ziffern bestehen."
        )
