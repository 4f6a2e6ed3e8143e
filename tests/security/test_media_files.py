"""Uploaded files under /media/ are served by intranet/media.py: never as an active document
(attachment, inert type, nosniff, sandboxing CSP), only raster images inline, confined to
MEDIA_ROOT, and only when ``may_serve`` allows it."""

from __future__ import annotations

import pytest

from intranet import media

pytestmark = pytest.mark.django_db

SCRIPTED_XML = (
    '<?xml version="1.0"?>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
    "<script>document.title = 'ausgefuehrt'; window.xssRan = true;</script>"
    "</body></html>\n"
)
# The smallest valid PNG: one transparent pixel.
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bpmn").mkdir(parents=True)
    return settings.MEDIA_ROOT


def test_an_uploaded_xml_with_a_script_is_an_inert_attachment(staff_client, media_root):
    (media_root / "bpmn" / "prozess.xml").write_text(SCRIPTED_XML)

    response = staff_client.get("/media/bpmn/prozess.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


@pytest.mark.parametrize("name", ["bild.svg", "seite.html", "diagramm.bpmn", "bericht.pdf"])
def test_svg_html_bpmn_and_pdf_uploads_are_attachments(staff_client, media_root, name):
    (media_root / "bpmn" / name).write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")

    response = staff_client.get(f"/media/bpmn/{name}")

    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"


def test_a_raster_image_is_shown_inline_with_its_type(staff_client, media_root):
    (media_root / "bpmn" / "punkt.png").write_bytes(PNG_PIXEL)

    response = staff_client.get("/media/bpmn/punkt.png")

    assert response["Content-Type"] == "image/png"
    assert "Content-Disposition" not in response or response["Content-Disposition"].startswith(
        "inline"
    )
    assert b"".join(response.streaming_content) == PNG_PIXEL


@pytest.mark.parametrize(
    "path",
    [
        "/media/../intranet/settings/base.py",
        "/media/bpmn/..%2f..%2fgeheim.txt",
        "/media//etc/passwd",
    ],
)
def test_a_path_leaving_the_media_folder_is_not_found(staff_client, media_root, path):
    (media_root.parent / "geheim.txt").write_text("geheim")

    response = staff_client.get(path)

    assert response.status_code == 404


def test_a_nul_byte_in_a_media_path_is_a_bad_request(staff_client, media_root):
    response = staff_client.get("/media/bpmn/prozess.xml%00.png")

    assert response.status_code == 400


def test_a_symbolic_link_out_of_the_media_folder_is_not_followed(staff_client, media_root):
    (media_root.parent / "geheim.txt").write_text("geheim")
    (media_root / "bpmn" / "link.txt").symlink_to(media_root.parent / "geheim.txt")

    assert staff_client.get("/media/bpmn/link.txt").status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, media_root):
    (media_root / "bpmn" / "punkt.png").write_bytes(PNG_PIXEL)

    response = client.get("/media/bpmn/punkt.png")

    assert response.status_code == 302


def test_a_file_the_user_may_not_read_is_not_found(staff_client, media_root, monkeypatch):
    (media_root / "bpmn" / "punkt.png").write_bytes(PNG_PIXEL)
    asked = []
    monkeypatch.setattr(media, "may_serve", lambda request, path: asked.append(path) or False)

    response = staff_client.get("/media/bpmn/punkt.png")

    assert response.status_code == 404
    assert asked == ["bpmn/punkt.png"]


def test_nosniff_is_sent_on_ordinary_pages(staff_client):
    assert staff_client.get("/")["X-Content-Type-Options"] == "nosniff"
