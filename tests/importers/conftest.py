"""Fixtures for the import commands: an acting administrator and a throw-away media folder
(imports store BPMN files and documents). The real data folder is in tests/shared_data.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin(django_user_model):
    """The first superuser: who an import runs as when no --user is given."""
    return django_user_model.objects.create_superuser("redaktion-admin", "admin@example.org", "x")
