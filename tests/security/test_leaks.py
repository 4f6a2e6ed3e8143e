"""Acceptance test of the trust boundary (issue 14): what a reader may not see appears nowhere.

Pages of every type are restricted with every kind of Wagtail view restriction (groups,
shared password, login; on the page, inherited from a department, nested) and marked
(``leak_setup``). Every URL the application serves (``enumeration``) is read as every role
(``sweep``); who may see what is decided from Wagtail's own data (``expectations``), not from
the application's visibility code. All findings are collected and reported at once.

The sweep is shared out by role so that pytest-xdist runs it on several workers: this module
reads as the administration and anonymous visitors and checks the enumeration and the
decoding of every channel; ``test_leaks_staff.py``, ``test_leaks_editors.py`` and
``test_leaks_knowledge.py`` read as the other roles with the same checks (``leak_checks``).
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import pytest

from tests.security.leak_checks import (
    assert_marked_pages_show_to_their_readers,
    assert_no_marker_leaks,
    assert_no_server_errors,
)

pytestmark = pytest.mark.django_db


LEAK_ROLES = ("administration", "anonym")


def test_no_role_finds_a_marker_of_a_page_it_may_not_see(leak_run):
    assert_no_marker_leaks(leak_run)


def test_no_url_answers_500_for_any_role(leak_run):
    assert_no_server_errors(leak_run)


def test_each_marked_page_shows_on_its_own_url_to_its_readers(leak_run):
    """The markers are findable, and login restrictions let every signed-in reader in."""
    assert_marked_pages_show_to_their_readers(leak_run)


def test_every_role_is_read_by_exactly_one_leak_module(leak_run):
    """The sweep is split over the modules test_leaks*.py (one xdist worker each); together
    they read every URL as every role of the leak world, each role once."""
    swept = []
    for path in sorted(Path(__file__).parent.glob("test_leaks*.py")):
        module = importlib.import_module(f"tests.security.{path.stem}")
        swept += module.LEAK_ROLES
    assert sorted(swept) == sorted(leak_run.world.users)


def test_every_url_pattern_is_filled_from_real_objects(leak_run):
    """A new view with a parameter nobody taught the enumerator fails here, not silently."""
    assert not leak_run.enumeration.problems, (
        "URL patterns the leak test cannot read (add a rule to PARAMETERS or POSITIONAL in "
        "tests/security/enumeration.py):\n  " + "\n  ".join(leak_run.enumeration.problems)
    )


KNOWN_SOURCES = {
    "page",
    "subroute:handbook",
    "subroute:handbook_pdf",
    "media",
    "search",
    "search_api",
    "search_suggest_api",
    "api_v1:api-root",
    "api_v1:openapi-json",
    "api_v1:entry_list",
    "api_v1:process_list",
    "api_v1:process_detail",
    "api_v1:scenario_detail",
    "api_v1:decision_detail",
    "api_v1:article_detail",
    "api_v1:town_detail",
    "api_v1:department_detail",
    "wissen:experts",
    "wissen:person",
    "law_index",
    "law_paragraph",
    "wagtaildocs_serve",
    "knowledge_dashboard:index",
    "knowledge_reviews:confirm",
    "knowledge_handovers:index",
    "knowledge_handovers:detail",
    "knowledge_handovers:print",
    "knowledge_adoptions:adopt",
    "knowledge_adoptions:index",
    "knowledge_adoptions:compare",
    "prozesse_register:index",
    "prozesse_roles:index",
    "wagtailsnippets_prozesse_person:list",
    "wagtailsnippets_knowledge_feedback:list",
    "wagtailadmin_home",
    "wagtailadmin_explore",
    "wagtailadmin_pages:search",
    "wagtailadmin_reports:workflow",
}


def test_the_enumerator_finds_the_known_views(leak_run):
    """A broken enumerator must not let the leak test pass by reading nothing."""
    sources = {target.source for target in leak_run.enumeration.targets}
    assert sources >= KNOWN_SOURCES, f"not enumerated: {sorted(KNOWN_SOURCES - sources)}"
    urls = {target.url for target in leak_run.enumeration.targets}
    for code, url in leak_run.page_urls.items():
        if code != "PDRF":  # never published: no URL to read
            assert url in urls, f"page {code} ({url}) is not enumerated"
    assert any("export=csv" in url for url in urls)
    assert any("export=xlsx" in url for url in urls)
    assert any(url.endswith("notfallhandbuch/pdf/") for url in urls)
    assert any(url.startswith("/api/search/?q=") for url in urls)
    for code, marked in leak_run.world.marked.items():
        if code.startswith("P"):  # every marked process is read through the read API too
            assert f"/api/v1/processes/{marked.page_id}/" in urls, code
    assert any(url.startswith("/wissen/personen/?thema=") for url in urls)


def test_every_channel_is_read_and_shows_markers_to_a_reader(leak_run):
    """HTML, JSON, CSV, XLSX, PDF and files are each decoded: a superuser finds markers in each
    (otherwise a broken reader would hide leaks)."""
    seen = defaultdict(set)
    for reading in leak_run.result.readings:
        if reading.role == "administration":
            seen[reading.channel] |= set(reading.markers)
    for channel in ("html", "json", "csv", "xlsx", "pdf", "file"):
        assert seen[channel], f"no marker found in any {channel} answer"


def test_every_uploaded_file_is_read_through_the_application(leak_run):
    """Files under MEDIA (BPMN diagrams, documents) must be served by the application, so
    that it can decide who reads them; a file nobody can fetch here is a file the leak test
    cannot vouch for."""
    unserved = [
        f"  {r.target.url} → {r.status}"
        for r in leak_run.result.readings
        if r.role == "administration" and r.target.source == "media" and r.status != 200
    ]
    assert not unserved, "uploads the application does not serve:\n" + "\n".join(unserved)
