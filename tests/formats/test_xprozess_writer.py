"""The pure XProzess 2.0 writer (prozesse/formats/xprozess/writer.py): what the reader returns
is written again as an ``alleInhalte.export.0303`` message and reads back the same."""

from __future__ import annotations

import pytest

from prozesse.formats.xprozess import (
    MESSAGE_TYPE,
    XPROZESS_NAMESPACE,
    read_xprozess,
    read_xprozess_message,
    write_xprozess,
)
from tests.shared_data import SHARED_DATA, needs

XPROZESS_FILE = SHARED_DATA / "xprozess" / "99006028261000-mutterschutz-anzeige.xprozess.xml"
needs_real_data = needs(SHARED_DATA)


@pytest.fixture(scope="module")
def original():
    return read_xprozess(XPROZESS_FILE.read_bytes())[0]


@pytest.fixture(scope="module")
def written(original):
    return write_xprozess([original], author="VG Diez")


@needs_real_data
def test_the_message_has_the_type_and_namespace_of_the_fim_exports(written):
    message = read_xprozess_message(written)
    assert message.message_type == MESSAGE_TYPE
    assert f'xmlns:xprozess="{XPROZESS_NAMESPACE}"'.encode() in written
    assert message.author == "VG Diez"


@needs_real_data
def test_the_fim_id_name_and_definition_read_back_unchanged(original, written):
    again = read_xprozess(written)[0]
    assert (again.fim_id, again.leistungsschluessel, again.name, again.definition) == (
        original.fim_id,
        original.leistungsschluessel,
        original.name,
        original.definition,
    )


@needs_real_data
def test_the_legal_bases_keep_their_names_links_and_kinds(original, written):
    again = read_xprozess(written)[0]
    assert again.legal_bases == original.legal_bases
    assert [basis.url for basis in again.legal_bases][:2] == [
        "https://www.gesetze-im-internet.de/muschg_2018/__27.html",
        "https://www.gesetze-im-internet.de/muschg_2018/__29.html",
    ]


@needs_real_data
def test_the_bpmn_model_and_the_other_files_are_carried_byte_for_byte(original, written):
    again = read_xprozess(written)[0]
    assert again.bpmn_files == original.bpmn_files
    assert again.other_files == original.other_files


@needs_real_data
def test_keywords_codes_state_and_activity_groups_read_back_unchanged(original, written):
    again = read_xprozess(written)[0]
    for field in (
        "keywords",
        "characteristics",
        "classifications",
        "verfahrensart_code",
        "handlungsform_code",
        "participants",
        "federal_state_codes",
        "activities",
        "status_code",
    ):
        assert getattr(again, field) == getattr(original, field), field
