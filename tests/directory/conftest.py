"""Directory fixtures (see ``tests/directory/support.py``)."""

from __future__ import annotations

import os

import pytest

from tests.directory.support import (
    build_towns,
    keycloak_settings,
    ldap_settings,
    wait_for_keycloak,
)
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


@pytest.fixture
def keycloak(settings):
    """The real Keycloak of scripts/directory with one realm per town as two providers."""
    require_service("Keycloak")
    url = os.environ["DIRECTORY_KEYCLOAK_URL"]
    wait_for_keycloak(url)
    settings.DIRECTORY_OIDC = keycloak_settings(url)
    settings.AUTHENTICATION_BACKENDS = [*BASE_BACKENDS, "directory.oidc.ProviderBackend"]
    return url
