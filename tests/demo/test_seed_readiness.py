"""``seed_demo`` shows emergency readiness: a planned and a held exercise with an open (overdue)
follow-up, and a released handbook that a later publish made stale."""

from __future__ import annotations

import pytest

from demo.seed import seed_demo
from prozesse.models import EmergencyScenarioPage
from readiness.models import Exercise, ExerciseStatus, Finding, HandbookRelease, ReleaseStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_exercises_follow_ups_and_a_stale_released_handbook():
    seed_demo()
    assert Exercise.objects.filter(status=ExerciseStatus.PLANNED).exists()
    held = Exercise.objects.get(title="Alarmierungsübung Hochwasser Lahn")
    assert any(finding.is_overdue() for finding in Finding.objects.filter(exercise=held))
    release = HandbookRelease.objects.get(municipality__slug="diez")
    assert (release.status, release.version) == (ReleaseStatus.RELEASED, 1)
    assert release.requested_by != release.decided_by
    assert "„Cyberangriff mit Ransomware“ geändert" in release.stale_label
    flood = EmergencyScenarioPage.objects.get(slug="hochwasser-lahn")
    assert flood.last_exercise_date == held.held_on
