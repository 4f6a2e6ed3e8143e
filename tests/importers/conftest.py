"""Fixtures for the import commands: the real data folder, an acting administrator, and a
throw-away media folder (imports store BPMN files and documents)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.shared_data import SHARED_DATA, needs

DATA_DIR = SHARED_DATA
MIWG_DIR = DATA_DIR / "bpmn-miwg"
OPARL_DIR = DATA_DIR / "oparl-karlsruhe"
LAWS_DIR = DATA_DIR / "gesetze"
XPROZESS_FILE = DATA_DIR / "xprozess" / "99006028261000-mutterschutz-anzeige.xprozess.xml"

needs_real_data = needs(DATA_DIR)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin(django_user_model):
    """The first superuser: who an import runs as when no --user is given."""
    return django_user_model.objects.create_superuser("redaktion-admin", "admin@example.org", "x")


def run(command: str, *args, **options) -> str:
    """Run a management command and return what it printed."""
    out = io.StringIO()
    call_command(command, *[str(arg) for arg in args], stdout=out, **options)
    return out.getvalue()
