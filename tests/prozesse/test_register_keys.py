"""Register keys: generated per municipality and department, unique, stable once published."""

from __future__ import annotations

import pytest

from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buergerbuero():
    diez = MunicipalityPageFactory(code="DIE", title="VG Diez")
    return DepartmentPageFactory(parent=diez, code="BB", title="Bürgerbüro")


def test_a_new_process_gets_a_key_from_town_and_department_codes(buergerbuero):
    assert ProcessPageFactory(parent=buergerbuero).register_key == "DIE-BB-0001"


def test_keys_count_up_within_a_department(buergerbuero):
    ProcessPageFactory(parent=buergerbuero)
    assert ProcessPageFactory(parent=buergerbuero).register_key == "DIE-BB-0002"


def test_a_published_process_keeps_its_key_when_moved(buergerbuero):
    process = ProcessPageFactory(parent=buergerbuero)
    process.save_revision().publish()
    other = DepartmentPageFactory(parent=buergerbuero.get_parent(), code="OA")
    process.move(other, pos="last-child")
    process.refresh_from_db()
    process.save()
    assert process.register_key == "DIE-BB-0001"
    assert process.department_id == other.pk


def test_an_unpublished_draft_gets_a_new_key_when_moved_to_another_department(buergerbuero):
    process = ProcessPageFactory(parent=buergerbuero, live=False)
    other = DepartmentPageFactory(parent=buergerbuero.get_parent(), code="OA")
    process.move(other, pos="last-child")
    process.refresh_from_db()
    process.save()
    assert process.register_key == "DIE-OA-0001"
