"""Files a reader takes away from one process page: its BPMN model as uploaded and a printable
PDF "Prozesssteckbrief" in the look of the emergency handbook.

Both are answered only for a live page the reader may see (``prozesse.visibility.may_view``);
anyone else gets 404, as for the page itself. The page passes itself in, so this module
imports no models and the models may call it.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageLogEntry

from prozesse.pdf import html_to_pdf, pdf_download
from prozesse.visibility import may_view


def _require_visible(request: HttpRequest, page) -> None:
    if not may_view(request, page):
        raise Http404


def _file_stem(page) -> str:
    return slugify(page.register_key or page.slug) or "prozess"


def bpmn_file_response(request: HttpRequest, page) -> FileResponse:
    """The stored BPMN file of ``page`` as an attachment (404 without file or visibility)."""
    _require_visible(request, page)
    if not page.bpmn_file:
        raise Http404
    try:
        handle = page.bpmn_file.open("rb")
    except OSError as error:  # the file is gone from storage: nothing to download
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{_file_stem(page)}.bpmn",
        content_type="application/xml",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def published_version(page) -> int:
    """How often the page has been published (approved): its version number, at least 1."""
    return max(1, PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").count())


def profile_context(request: HttpRequest, page) -> dict:
    """What the printable profile shows: the page's own context plus version and dates."""
    context = page.get_context(request)
    context.update(
        {
            "for_pdf": True,
            "version": published_version(page),
            "released_on": page.last_published_at,
            "printed_at": timezone.localtime(),
        }
    )
    return context


def profile_pdf_response(request: HttpRequest, page) -> HttpResponse:
    """The "Prozesssteckbrief" of ``page`` as a PDF download."""
    _require_visible(request, page)
    html = render_to_string(
        "prozesse/process_profile_pdf.html", profile_context(request, page), request=request
    )
    filename = f"Prozesssteckbrief-{_file_stem(page)}-{timezone.localdate():%Y-%m-%d}.pdf"
    return pdf_download(html_to_pdf(html), filename)
