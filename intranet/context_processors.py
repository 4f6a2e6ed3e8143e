from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from prozesse.models import CommitteeSectionPage, RegisterPage
from prozesse.visibility import visible


def _navigation(request: HttpRequest) -> list:
    """The register page, then up to three committee sections the reader may see: one query."""

    pages = list(
        visible(
            request,
            Page.objects.live()
            .type(RegisterPage, CommitteeSectionPage)
            .order_by("path")
            .only("title", "url_path", "content_type", "path"),
        )
    )
    register = [page for page in pages if page.specific_class is RegisterPage]
    committees = [page for page in pages if page.specific_class is CommitteeSectionPage]
    return register[:1] + committees[:3]


def navigation(request: HttpRequest) -> dict:
    """Main navigation entries (register and committee sections), computed only when used."""
    return {"main_navigation": SimpleLazyObject(lambda: _navigation(request))}
