"""Model-level validation rejects bad values with clear German messages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import (
    DecisionPageFactory,
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
)

pytestmark = pytest.mark.django_db


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_a_duplicate_register_key_is_rejected():
    first = ProcessPageFactory()
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(parent=first.get_parent(), register_key=first.register_key)
    assert "Registerschlüssel ist bereits vergeben" in messages(error.value, "register_key")


def test_a_malformed_leika_key_is_rejected():
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(service_key="9905001210400X")
    assert "genau 14 Ziffern" in messages(error.value, "service_key")


def test_a_leika_key_with_spaces_is_accepted_and_stored_compact():
    process = ProcessPageFactory(service_key="99050 01210 4000")
    assert process.service_key == "99050012104000"


def test_a_review_date_in_the_past_is_rejected_on_creation():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(next_review_date=yesterday)
    assert "nicht in der Vergangenheit" in messages(error.value, "next_review_date")


def test_a_review_date_that_has_passed_is_accepted_on_later_edits():
    process = ProcessPageFactory()
    process.next_review_date = timezone.localdate() - datetime.timedelta(days=10)
    process.full_clean()
    assert process.review_overdue


def test_a_new_page_without_review_date_gets_one_from_its_interval():
    process = ProcessPageFactory(review_interval_months=6)
    expected = timezone.localdate() + datetime.timedelta(days=6 * 31)
    assert timezone.localdate() < process.next_review_date <= expected


def test_a_negative_recovery_time_objective_is_rejected():
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(rto_hours=-4)
    assert "darf nicht negativ sein" in messages(error.value, "rto_hours")


def test_a_bpmn_upload_that_is_not_bpmn_is_rejected_with_the_reason():
    upload = ContentFile(b"%PDF-1.7 not a model", name="prozess.bpmn")
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(bpmn_file=upload)
    assert "PDF" in messages(error.value, "bpmn_file")


def test_a_bpmn_upload_with_another_extension_is_rejected():
    upload = ContentFile(b"<x/>", name="prozess.exe")
    with pytest.raises(ValidationError) as error:
        ProcessPageFactory(bpmn_file=upload)
    assert "bpmn_file" in error.value.message_dict


def test_a_malformed_ags_is_rejected():
    with pytest.raises(ValidationError) as error:
        MunicipalityPageFactory(ags="1234")
    assert "genau 8 Ziffern" in messages(error.value, "ags")


def test_a_department_code_must_be_unique_within_its_municipality():
    department = DepartmentPageFactory(code="BB")
    with pytest.raises(ValidationError) as error:
        DepartmentPageFactory(parent=department.get_parent(), code="BB")
    assert "bereits vergeben" in messages(error.value, "code")


def test_the_same_department_code_is_fine_in_another_municipality():
    DepartmentPageFactory(code="BB")
    assert DepartmentPageFactory(code="BB").code == "BB"


def test_a_duplicate_decision_number_is_rejected():
    decision = DecisionPageFactory(decision_number="LK-2026-07")
    with pytest.raises(ValidationError) as error:
        DecisionPageFactory(parent=decision.get_parent(), decision_number="LK-2026-07")
    assert "Beschlussnummer ist bereits vergeben" in messages(error.value, "decision_number")
