"""Helpers for the knowledge tests (fixtures are in conftest.py; shared builders such as
``publish`` and ``admin_user`` in tests/builders.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html


def today() -> datetime.date:
    """Today in German time, read when a test runs (a run may cross midnight)."""
    return timezone.localdate()


def interview_form(client, url: str, **changes) -> dict[str, list[str]]:
    """The one interview form at ``url`` as a browser would send it, with ``changes``."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="interview-form")
    result = {key: data.getlist(key) for key in data}
    result.update(
        {key: [value] if isinstance(value, str) else value for key, value in changes.items()}
    )
    return result
