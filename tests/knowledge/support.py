"""Helpers for the knowledge tests (fixtures are in conftest.py; shared builders such as
``publish`` and ``admin_user`` in tests/builders.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today in German time, read when a test runs (a run may cross midnight)."""
    return timezone.localdate()
