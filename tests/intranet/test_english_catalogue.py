"""German is the source language; English is complete and reachable through the language form."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ENGLISH_CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


@dataclass
class CatalogueEntry:
    msgid: str = ""
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def catalogue_entries(path: Path) -> list[CatalogueEntry]:
    """The active entries of a .po file (polib is not a dependency of the project)."""
    entries: list[CatalogueEntry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, target = CatalogueEntry(), None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if target == "msgid":
                    entry.msgid += text
                elif target == "msgstr":
                    entry.msgstrs[-1] += text
            else:
                keyword, _space, value = line.partition(" ")
                target = "msgstr" if keyword.startswith("msgstr") else keyword
                if keyword == "msgid":
                    entry.msgid = ast.literal_eval(value)
                elif target == "msgstr":
                    entry.msgstrs.append(ast.literal_eval(value))
        if entry.msgstrs:
            entries.append(entry)
    return entries


def test_the_english_catalogue_has_a_header_and_hundreds_of_messages():
    entries = catalogue_entries(ENGLISH_CATALOGUE)
    assert entries[0].msgid == ""
    assert "Language: en\n" in entries[0].msgstrs[0]
    assert len(entries) > 500


def test_every_message_of_the_english_catalogue_is_translated():
    untranslated = [
        entry.msgid
        for entry in catalogue_entries(ENGLISH_CATALOGUE)[1:]
        if not all(text.strip() for text in entry.msgstrs)
    ]
    assert untranslated == []


def test_no_entry_of_the_english_catalogue_is_fuzzy():
    fuzzy = [
        entry.msgid for entry in catalogue_entries(ENGLISH_CATALOGUE) if "fuzzy" in entry.flags
    ]
    assert fuzzy == []


@pytest.mark.django_db
def test_a_user_who_chooses_english_sees_english_navigation(staff_client):
    staff_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = staff_client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert '<button type="submit">Search</button>' in content
    assert '<button type="submit">Log out</button>' in content
    assert "Abmelden" not in content


@pytest.mark.django_db
def test_the_language_cookie_alone_switches_the_home_page_to_english(staff_client):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = staff_client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "Municipalities" in content


@pytest.mark.django_db
def test_a_user_without_a_language_choice_sees_german_navigation(staff_client):
    content = staff_client.get("/").content.decode()
    assert '<html lang="de">' in content
    assert '<button type="submit">Suchen</button>' in content
    assert '<button type="submit">Abmelden</button>' in content
