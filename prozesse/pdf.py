"""PDF output (WeasyPrint) for printable pages such as the emergency handbook, which must work
when the IT is down. A leaf module: it renders HTML it is given and fetches nothing."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpResponse


def _refuse_external_resources(url: str, *args, **kwargs):
    """The PDF renderer may not fetch anything (no network access from content links)."""
    raise ValueError(f"external resource refused: {url[:80]}")


def html_to_pdf(html: str) -> bytes:
    """The site's stylesheet applied to ``html``, as PDF bytes."""
    from weasyprint import CSS, HTML  # heavy import, needed only when a PDF is asked for

    stylesheet = CSS(filename=finders.find("css/site.css"))
    return HTML(string=html, url_fetcher=_refuse_external_resources).write_pdf(
        stylesheets=[stylesheet]
    )


def pdf_download(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
