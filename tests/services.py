"""The live services the suite runs against – PostgreSQL, the search-engine node and the town
directories (slapd, Keycloak: scripts/directory) that ``scripts/services start`` provides –
and helpers for using them: skip or fail when one is
missing, empty the search indexes, hold a module-long transaction.

In CI (CI=true) a missing service is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction

IN_CI = os.environ.get("CI", "").lower() == "true"


def missing_services() -> list[str]:
    """The services the settings do not point at (empty when both are configured)."""
    missing = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
        missing.append("search engine (ELASTICSEARCH_URL)")
    return missing


def missing_directory_services() -> list[str]:
    """The town directories the environment does not point at (scripts/directory exports them)."""
    missing = []
    if not os.environ.get("DIRECTORY_LDAP_URL"):
        missing.append("LDAP directory (DIRECTORY_LDAP_URL)")
    if not os.environ.get("DIRECTORY_KEYCLOAK_URL"):
        missing.append("Keycloak (DIRECTORY_KEYCLOAK_URL)")
    return missing


def require_service(name: str) -> None:
    """Skip (locally) or fail (CI) when a service the test needs is absent."""
    if name in " ".join([*missing_services(), *missing_directory_services()]):
        message = f"{name} is not running; start it with scripts/services start"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def empty_search_indexes(backend) -> None:
    """Remove every document from the backend's indexes, keeping settings and mappings.

    Pages saved by earlier tests are rolled back in the database but stay in the engine."""
    names = ",".join(index.name for index in backend.all_indexes())
    backend.es.delete_by_query(
        index=names,
        body={"query": {"match_all": {}}},
        refresh=True,
        conflicts="proceed",
        ignore_unavailable=True,
    )


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    """Database access for a module-scoped fixture, rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
