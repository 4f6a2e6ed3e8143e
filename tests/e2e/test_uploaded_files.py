"""An uploaded XML file with an XHTML script, opened in Chromium, runs nothing."""

from __future__ import annotations

import pytest

from tests.e2e.support import browser_test, empty_search_indexes
from tests.factories import UserFactory
from tests.security.test_media_files import SCRIPTED_XML

pytestmark = browser_test


@pytest.fixture(autouse=True)
def media_through_the_application(monkeypatch):
    """Django's live server answers /media/ itself (``_MediaFilesHandler``, which served this
    very file as application/xml and ran its script); let the request reach intranet/media.py
    as it does in every real installation."""
    from django.test.testcases import _MediaFilesHandler

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)


@pytest.fixture
def scripted_upload(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bpmn").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bpmn" / "prozess.xml").write_text(SCRIPTED_XML)
    return "/media/bpmn/prozess.xml"


def test_an_uploaded_xml_with_a_script_does_not_run_in_the_browser(
    new_context, live_server, scripted_upload
):
    empty_search_indexes()
    context = new_context(UserFactory())
    page = context.new_page()
    page.goto("/")
    # The file arrives as a download, not as a document of the intranet's origin.
    with page.expect_download() as download:
        page.evaluate("url => { window.location.href = url; }", scripted_upload)
    assert download.value.suggested_filename == "prozess.xml"
    assert page.evaluate("() => window.xssRan === undefined")
    assert page.title() != "ausgefuehrt"


def _render_as_xml(page, live_server, body: bytes, extra_headers: dict) -> None:
    """Show ``body`` as an XML document of the intranet's origin, as a browser that ignored
    the attachment would."""
    page.route(
        "**/als-dokument",
        lambda route: route.fulfill(
            body=body, headers={"content-type": "application/xml", **extra_headers}
        ),
    )
    page.goto(live_server.url + "/als-dokument")


def test_the_sandbox_policy_of_the_file_alone_keeps_its_script_from_running(
    new_context, live_server, scripted_upload
):
    empty_search_indexes()
    page = new_context(UserFactory()).new_page()
    page.goto("/")
    response = page.request.get(scripted_upload)

    _render_as_xml(
        page,
        live_server,
        response.body(),
        {"content-security-policy": response.headers["content-security-policy"]},
    )

    assert page.evaluate("() => window.xssRan === undefined")
    assert page.title() != "ausgefuehrt"


def test_without_the_policy_the_same_file_would_run_its_script(
    new_context, live_server, scripted_upload
):
    """The control for the test above: the browser does run this file when nothing stops it."""
    empty_search_indexes()
    page = new_context(UserFactory()).new_page()
    page.goto("/")
    body = page.request.get(scripted_upload).body()

    _render_as_xml(page, live_server, body, {})

    assert page.evaluate("() => window.xssRan === true")
