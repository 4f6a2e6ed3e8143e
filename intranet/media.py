"""Uploaded files under /media/ (BPMN diagrams, image renditions), served by Django itself.

Uploads come from editors, so a file is never served as an active document on the intranet's
origin: only raster images are shown inline; everything else (XML, SVG, HTML, PDF, …) is an
attachment of an inert type. Every answer carries ``nosniff`` and a sandboxing
Content-Security-Policy, so even a browser that opened the file could not run a script from it.
Paths are confined to MEDIA_ROOT. ``may_serve`` is the one place that decides whether the
requesting user may read a given file (the visibility rule plugs in there).
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBadRequest
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from prozesse.file_access import may_download_media

# Shown inline; SVG is not among them (it can carry scripts).
INLINE_IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"}
)
FILE_CSP = "sandbox; default-src 'none'"


def may_serve(request: HttpRequest, relative_path: str) -> bool:
    """Whether ``request.user`` may read the uploaded file at ``relative_path`` (relative to
    MEDIA_ROOT, forward slashes): files of pages follow the pages' visibility
    (``prozesse.file_access``); the login middleware has already turned anonymous visitors
    away."""
    return may_download_media(request, relative_path)


def _confined_path(relative_path: str) -> Path | None:
    """The file under MEDIA_ROOT that ``relative_path`` names, or None if it leaves MEDIA_ROOT."""
    normalised = posixpath.normpath(relative_path.replace("\\", "/")).lstrip("/")
    if normalised in ("", ".") or normalised.startswith("../") or normalised == "..":
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    candidate = (root / normalised).resolve()
    if not candidate.is_relative_to(root):
        return None  # e.g. a symbolic link pointing out of MEDIA_ROOT
    return candidate


@require_safe
def serve(request: HttpRequest, path: str) -> FileResponse | HttpResponseBadRequest:
    if "\x00" in path:
        return HttpResponseBadRequest("Ungültiger Dateipfad.")
    full_path = _confined_path(path)
    if full_path is None or not full_path.is_file():
        raise Http404
    relative_path = full_path.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
    if not may_serve(request, relative_path):
        raise Http404  # not 403: do not confirm that the file exists

    guessed_type, encoding = mimetypes.guess_type(full_path.name)
    inline = guessed_type in INLINE_IMAGE_TYPES and encoding is None
    response = FileResponse(
        full_path.open("rb"),
        as_attachment=not inline,
        filename=full_path.name,
        content_type=guessed_type if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private, max-age=3600"
    response["Last-Modified"] = http_date(full_path.stat().st_mtime)
    return response
