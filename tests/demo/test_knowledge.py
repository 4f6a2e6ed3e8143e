"""The knowledge demo on top of seed_demo: every part of the knowledge app is visible."""

from __future__ import annotations

import pytest
from django.utils import timezone

from demo.knowledge import seed_knowledge_demo
from demo.seed import seed_demo
from knowledge.health import health_report
from knowledge.models import Adoption, Feedback, Handover, HandoverStatus
from knowledge.reviews import due_entries
from prozesse.visibility import EVERYTHING

pytestmark = pytest.mark.django_db


def test_the_knowledge_demo_shows_every_part_and_a_second_run_changes_nothing():
    seed_demo()
    first = seed_knowledge_demo()

    handover = Handover.objects.get(person__name="Sabine Krämer")
    assert handover.status == HandoverStatus.OPEN and handover.items.exists()
    assert handover.interview_entries.count() == 3
    adoptions = Adoption.objects.order_by("origin_title")
    assert [(a.origin_title, a.origin_changed) for a in adoptions] == [
        ("Gewerbeanmeldung", False),
        ("Posteingang E-Akte (Scannen und Zuordnen)", True),
    ]
    today = timezone.localdate()
    overdue = [p for p in due_entries(today, 0) if (today - p.next_review_date).days > 60]
    assert overdue
    assert Feedback.objects.count() == 3
    assert any(flag.person.name == "Frank Zimmer" for flag in health_report(EVERYTHING).flags)
    assert first.lines

    second = seed_knowledge_demo()
    assert second.lines == []  # rights come from provisioning, not from the demo
