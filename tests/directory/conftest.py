"""Directory fixtures (see ``tests/directory/support.py``)."""

from __future__ import annotations

import os

import pytest

from tests.directory.support import build_towns, ldap_settings
from tests.services import require_service

BASE_BACKENDS = [
    "tests.axes_backend.RequestOptionalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]


@pytest.fixture
def ldap_directory(settings):
    """The real slapd of scripts/directory, configured as the directory "kreis"."""
    require_service("LDAP directory")
    settings.DIRECTORY_LDAP = ldap_settings(os.environ["DIRECTORY_LDAP_URL"])
    settings.AUTHENTICATION_BACKENDS = [*BASE_BACKENDS, "directory.backends.ldap_kreis"]
    return settings.DIRECTORY_LDAP["kreis"]


@pytest.fixture
def towns(db):
    return build_towns()
