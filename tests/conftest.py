"""Shared fixtures and hooks; helpers live in plain modules (tests/services.py,
tests/builders.py, tests/factories/, ...). The suite runs against the real PostgreSQL and
search-engine node that ``scripts/services start`` provides; in CI (CI=true) their absence is
a failure, not a skip."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings

from search.indexing import index_updates_paused
from tests.roles.organisation import SEARCH_BACKENDS, build_organisation
from tests.services import (
    IN_CI,
    empty_search_indexes,
    missing_services,
    module_transaction,
    require_service,
)


def pytest_sessionstart(session: pytest.Session) -> None:
    missing = missing_services()
    if IN_CI and missing:
        pytest.exit(
            "CI=true but these services are not configured: "
            + ", ".join(missing)
            + ". Run the suite through scripts/test.",
            returncode=3,
        )


#: Test modules that share one outside resource beyond the worker's own database and indexes;
#: with pytest-xdist they run in the same worker, one after the other.
SHARED_RESOURCE_GROUPS = {
    "tests/directory/": "directory",  # entries of the one slapd, users of the one Keycloak
    "tests/search/test_outage.py": "private-search-node",  # ports SEARCH_PORT+2 … +8
    # Browser sign-ins of the same Keycloak users, one after the other (a group of their own:
    # browser tests must not join the directory group, which runs database tests).
    "tests/e2e/test_directory_sign_in.py": "directory-browser",
}


def _database_use(item: pytest.Item) -> str:
    """ "transactional" (the test empties the database when it ends), "db" or ""."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if (
        item.get_closest_marker("browser")
        or "live_server" in fixtures
        or "transactional_db" in fixtures
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        return "transactional"
    return "db" if marker is not None or "db" in fixtures else ""


def _shares_fixtures(item: pytest.Item) -> bool:
    """Does the test use a fixture of ours that outlives it but not the worker (module, class,
    package scope)? Tests that share one must run on the same worker. (pytest-django's
    class-scoped ``_django_setup_unittest`` only serves unittest classes.)"""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        definitions[-1].scope in ("module", "class", "package")
        and definitions[-1].func.__module__.split(".")[0] == "tests"
        for name in getattr(item, "fixturenames", ())
        if (definitions := info.name2fixturedefs.get(name))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """For pytest-xdist's ``--dist loadgroup`` (scripts/test): a test module stays on one worker,
    so its module fixtures are built once, and modules sharing an outside resource stay together.
    Tests that empty the database when they end and share no module fixture go to whichever
    worker is free, one by one. Without xdist the marks change nothing.

    pytest-django runs the tests that empty the database (browser tests, ``live_server``) after
    the others; scripts/test keeps that order across groups (``--no-loadscope-reorder``). A module
    that mixes both kinds would empty the database in the middle of a worker's run, so it is
    refused here."""
    uses: dict[str, set[str]] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        use = _database_use(item)
        uses.setdefault(module, set()).add(use)
        group = next(
            (name for prefix, name in SHARED_RESOURCE_GROUPS.items() if module.startswith(prefix)),
            None,
        )
        if group is None and use == "transactional" and not _shares_fixtures(item):
            # It starts and ends with an empty database and builds what it needs itself:
            # any worker may take it, so the slow browser tests at the end spread evenly.
            continue
        item.add_marker(pytest.mark.xdist_group(group or module))
    mixed = sorted(module for module, kinds in uses.items() if {"db", "transactional"} <= kinds)
    if mixed:
        raise pytest.UsageError(
            "These test modules mix database tests with tests that empty the database "
            "(browser, live_server, transaction=True); move the latter into their own module: "
            + ", ".join(mixed)
        )


def pytest_report_header(config: pytest.Config) -> list[str]:
    database = settings.DATABASES["default"]
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    return [
        f"database: {database['ENGINE']} {database.get('HOST') or ''}:{database.get('PORT') or ''}",
        f"search backend: {backend['BACKEND']} {backend.get('URLS', [''])[0]}",
    ]


@pytest.fixture
def search_backend(db):
    """The live search-engine backend with empty indexes (created once per session with
    German settings and mappings; emptied here, which is much faster than recreating)."""
    from wagtail.search.backends import get_search_backend

    require_service("search engine")
    backend = get_search_backend("default")
    empty_search_indexes(backend)
    return backend


@pytest.fixture(autouse=True)
def _search_circuit_breakers_closed():
    """A test that makes an engine unreachable must not send the next tests to the fallback."""
    from search.breaker import reset_all

    reset_all()
    yield
    reset_all()


@pytest.fixture(autouse=True)
def _caches_emptied():
    """What a test left in Django's cache must not reach the next test on this worker: Wagtail
    keeps the sites' root paths there (a site the test's rollback removed would give absolute or
    no URLs), and shared page parts (``prozesse.shared_fragments``) are keyed by Wagtail's log,
    which factories do not write."""
    from django.core.cache import caches

    yield
    for cache in caches.all():
        cache.clear()


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


@pytest.fixture(scope="module")
def organisation(django_db_setup, django_db_blocker):
    """The provisioned organisation (tests/roles/organisation.py), built once per module and
    rolled back when it ends; page saves do not reach the search indexes (a test that
    searches switches updates back on with ``search_updates``)."""
    with index_updates_paused(), module_transaction(django_db_blocker):
        yield build_organisation()


@pytest.fixture
def search_updates(settings, search_backend):
    """Page changes reach the (emptied) search indexes again, as in production."""
    settings.WAGTAILSEARCH_BACKENDS = copy.deepcopy(SEARCH_BACKENDS)
    return search_backend
