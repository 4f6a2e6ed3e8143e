"""Shared fixtures. The suite runs against the real PostgreSQL and search-engine node that
``scripts/services start`` provides; in CI (CI=true) their absence is a failure, not a skip."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing_services() -> list[str]:
    missing = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
        missing.append("search engine (ELASTICSEARCH_URL)")
    return missing


def pytest_sessionstart(session: pytest.Session) -> None:
    missing = _missing_services()
    if IN_CI and missing:
        pytest.exit(
            "CI=true but these services are not configured: "
            + ", ".join(missing)
            + ". Run the suite through scripts/test.",
            returncode=3,
        )


def pytest_report_header(config: pytest.Config) -> list[str]:
    database = settings.DATABASES["default"]
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    return [
        f"database: {database['ENGINE']} {database.get('HOST') or ''}:{database.get('PORT') or ''}",
        f"search backend: {backend['BACKEND']} {backend.get('URLS', [''])[0]}",
    ]


def require_service(name: str) -> None:
    """Skip (locally) or fail (CI) when a service the test needs is absent."""
    if name in " ".join(_missing_services()):
        message = f"{name} is not running; start it with scripts/services start"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def search_backend(db):
    """The live search-engine backend with empty indexes (created once per session with
    German settings and mappings; emptied here, which is much faster than recreating)."""
    from wagtail.search.backends import get_search_backend

    require_service("search engine")
    backend = get_search_backend("default")
    empty_search_indexes(backend)
    return backend


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


@pytest.fixture(autouse=True)
def _search_circuit_breakers_closed():
    """A test that makes an engine unreachable must not send the next tests to the fallback."""
    from search.breaker import reset_all

    reset_all()
    yield
    reset_all()


@pytest.fixture
def postgres(db):
    require_service("PostgreSQL")


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_user_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin-test", "admin@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture(scope="session", autouse=True)
def _search_indexes_ready():
    """Create the test indexes with German settings and mappings before anything is saved,
    so no document ever lands in an index the engine created with guessed mappings."""
    if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
        return
    from wagtail.search.backends import get_search_backend

    from search.indexes import recreate_indexes

    recreate_indexes(get_search_backend("default"))
