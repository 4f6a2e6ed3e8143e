"""``seed_demo`` shows decision tracking: decisions whose tasks are in every light, and a
decision with half of its pages done (marked by publishing, not written directly)."""

from __future__ import annotations

import pytest

from demo.seed import seed_demo
from prozesse.decision_tasks import decorate_decisions
from prozesse.models import DecisionPage, DecisionStatusChange, Light
from prozesse.visibility import EVERYTHING

pytestmark = pytest.mark.django_db


def test_the_demo_has_decisions_in_every_light_and_one_half_carried_in():
    seed_demo()
    decisions = decorate_decisions(DecisionPage.objects.live(), EVERYTHING)
    lights = {decision.decision_number: decision.light for decision in decisions}
    assert {Light.RED, Light.YELLOW, Light.GREEN, Light.DONE} <= set(lights.values())
    half = next(d for d in decisions if d.decision_number == "LK-2025-03")
    assert (half.pages_done, half.pages_total) == (1, 2)
    assert DecisionStatusChange.objects.filter(decision=half).exists()
