"""The emergency kit opens in Chromium from file:// – every link works and no page asks any
server for anything (acceptance of issue 19). Screenshots go to ``test-artifacts/readiness/``."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from prozesse.visibility import EVERYTHING
from readiness.kit import build_kit
from tests.e2e.support import artifact_path, browser_test
from tests.readiness.support import scenario_in, town_with_scenario

# Like every browser test: the transactional database with the migrated content restored, so
# pytest-django runs it after the other database tests (the browser fixtures flush the database).
pytestmark = browser_test


@pytest.fixture
def unpacked(tmp_path) -> Path:
    town = town_with_scenario()
    scenario_in(town.department, title="Hochwasser an der Lahn")
    data = build_kit(town.town, EVERYTHING, recipient="Test")
    (tmp_path / "kit.zip").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "kit.zip") as archive:
        archive.extractall(tmp_path / "kit")
    return next((tmp_path / "kit").iterdir()) / "index.html"


def test_the_kit_opens_from_file_with_working_links_and_no_request(browser, unpacked):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    to_visit, visited, files = [unpacked.as_uri()], set(), set()
    while to_visit:
        url = to_visit.pop()
        if url in visited:
            continue
        visited.add(url)
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target = href.split("#")[0]
            assert target.startswith("file://"), (url, href)
            path = Path(unquote(urlparse(target).path))
            assert path.is_file(), (url, href)
            if path.suffix == ".html":
                to_visit.append(target)
            else:
                files.add(path.name)
    page.goto(unpacked.as_uri())
    page.screenshot(path=str(artifact_path("readiness", "kit-index-390", ".png")), full_page=True)
    context.close()
    assert len(visited) == 3  # index and two scenario pages
    assert "notfallhandbuch.pdf" in files and len(files) == 3
    assert all(url.startswith("file://") for url in requests), requests
