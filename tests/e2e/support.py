"""Browser-test support shared by ``tests/e2e`` and ``tests/a11y``: one headless Debian
Chromium per session (Playwright, no browser download), a fresh context per test, logged-in
contexts without going through the form, screenshots under ``test-artifacts/``, and a small
register built with the factories.

The tests run against pytest-django's ``live_server`` (static files are served by its
StaticFilesHandler), so they use the transactional database; ``serialized_rollback`` restores
the migrated content (home page, site, default groups) before each test.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (factories, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 900}
IN_CI = os.environ.get("CI", "").lower() == "true"

#: ``pytestmark`` of every browser test module.
browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


_running: dict = {}


def _stop_browser() -> None:
    if "browser" in _running:
        _running.pop("browser").close()
        _running.pop("playwright").stop()


def _capture_base_content() -> None:
    from django.db import connections

    if not _base_content.get("contents"):
        contents = getattr(connections["default"], "_test_serialized_contents", None)
        _base_content["contents"] = contents


@pytest.fixture(scope="session")
def browser(request, django_db_setup):
    """One Chromium for the whole session, shared by every test folder that uses it."""
    # Before Playwright's event loop exists: afterwards the ORM may see another connection
    # object, one without the serialized copy of the migrated content (see base_content).
    _capture_base_content()
    if "browser" not in _running:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - installed from requirements.lock
            _unavailable("playwright is not installed (scripts/setup installs it)")
        if not Path(CHROMIUM).is_file():
            _unavailable(f"Chromium not found at {CHROMIUM} (scripts/setup installs it)")
        playwright = sync_playwright().start()
        _running["playwright"] = playwright
        _running["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        request.session.config.add_cleanup(_stop_browser)
    return _running["browser"]


_base_content: dict = {}


@pytest.fixture(autouse=True)
def base_content(request):
    """Make sure the migrated content (root and home page, site, locale, default groups) is
    there. ``serialized_rollback`` restores it before each test, but only from the connection
    object that ``django_db_setup`` created; once Playwright's event loop runs, the ORM can get
    another one (asgiref's context-local connections) and the next test would start with an
    empty database after the flush. The copy is kept here and restored when needed."""
    if request.node.get_closest_marker("browser") is None:
        return
    request.getfixturevalue("transactional_db")  # after pytest-django's own setup
    from django.db import connections
    from wagtail.models import Page

    _capture_base_content()
    contents = _base_content.get("contents")
    connection = connections["default"]
    if not contents:
        return
    if not hasattr(connection, "_test_serialized_contents"):
        # From now on Django's own flush and restore work with this connection object too.
        connection._test_serialized_contents = contents
    if not Page.objects.exists():
        # The last flush ran post_migrate (content types, permissions): start clean.
        from django.core.management import call_command

        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def new_context(browser, live_server, request):
    """Factory for fresh browser contexts (separate cookies = separate users); closes them."""
    contexts = []

    def make(user=None):
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORT, locale="de-DE", timezone_id="Europe/Berlin"
        )
        context.set_default_timeout(15_000)
        if user is not None:
            login_cookie(context, user, live_server.url)
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            for index, page in enumerate(context.pages):
                name = f"FAILED-{request.node.name}-{number}-{index}"
                with contextlib.suppress(Exception):
                    screenshot(page, "failures", name)
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember the call phase's outcome on the item, for failure screenshots."""
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def login_cookie(context, user, base_url: str) -> None:
    """Log ``user`` in by giving the context a session cookie (no form round trip)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def artifact_path(kind: str, name: str, suffix: str = ".png") -> Path:
    folder = ARTIFACTS / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + suffix)


def screenshot(page, kind: str, name: str) -> Path:
    path = artifact_path(kind, name)
    page.screenshot(path=str(path), full_page=True)
    return path


# ---------------------------------------------------------------------------------- content
@dataclass
class Register:
    municipality: object
    department: object
    process: object
    scenario: object
    committee: object
    decision: object
    register_page: object


def build_register() -> Register:
    """A small register with every page type the browser tests visit, published and indexed."""
    from wagtail.search.backends import get_search_backend

    from prozesse.models import DecisionAffectedPage, RegisterPage
    from tests.builders import full_process, scenario_hitting
    from tests.factories import (
        CommitteeSectionPageFactory,
        DecisionPageFactory,
        DepartmentPageFactory,
        MunicipalityPageFactory,
        PersonFactory,
        home_page,
    )

    municipality = MunicipalityPageFactory(
        title="Verbandsgemeinde Diez", slug="vg-diez", code="DIE", ags="07141501"
    )
    department = DepartmentPageFactory(parent=municipality, title="Bürgerbüro", code="BB")
    process = full_process(department)
    scenario = scenario_hitting(department, [process], title="Stromausfall im Rathaus")
    committee = CommitteeSectionPageFactory(title="Lenkungskreis Digitalisierung")
    decision = DecisionPageFactory(
        parent=committee,
        title="Einführung der E-Akte in allen Fachbereichen",
        decision_number="LK-2026-07",
        decision_text="<p>Der Lenkungskreis beschließt die Einführung der E-Akte.</p>",
        decision_status="beschlossen",
        responsible_person=PersonFactory(name="Martina Schäfer"),
        responsible_department=department,
    )
    DecisionAffectedPage.objects.create(page=decision, target=process)
    decision.affected_municipalities.add(municipality)
    decision.save_revision().publish()
    register_page = home_page().add_child(
        instance=RegisterPage(title="Prozessregister", slug="prozessregister")
    )
    backend = get_search_backend("default")
    if hasattr(backend, "refresh_indexes"):
        backend.refresh_indexes()
    return Register(municipality, department, process, scenario, committee, decision, register_page)


def empty_search_indexes() -> None:
    """Search-engine documents outlive the flushed database: start each test without them."""
    from wagtail.search.backends import get_search_backend

    from search.indexes import is_search_engine
    from tests.services import empty_search_indexes as empty_indexes_of

    backend = get_search_backend("default")
    if is_search_engine(backend):
        empty_indexes_of(backend)
