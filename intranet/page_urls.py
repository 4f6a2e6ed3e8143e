"""Page URLs for many pages at once, from their ``url_path`` alone.

``Page.get_url(request)`` needs a page object and asks for the request's site each time; a
list of twenty search hits would load twenty page objects only for their addresses. ``PageUrls``
answers exactly what ``get_url`` answers — the local URL ("/vg-diez/…") when the installation
has one site or the page belongs to the request's site, the full URL otherwise, ``""`` for a
page outside every site — with the site root paths read once (Wagtail caches them) and the
request's site looked up only when there is more than one site.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site


class PageUrls:
    """``PageUrls(request)(page.url_path)`` == ``page.get_url(request) or ""``."""

    def __init__(self, request: HttpRequest | None = None):
        self.request = request

    @cached_property
    def _root_paths(self) -> list:
        return Site.get_site_root_paths()

    @cached_property
    def _site_count(self) -> int:
        return len({root.site_id for root in self._root_paths})

    @cached_property
    def _current_site(self) -> Site | None:
        if self.request is None:
            return None
        return Site.find_for_request(self.request)

    def __call__(self, url_path: str) -> str:
        possible = [root for root in self._root_paths if url_path.startswith(root.root_path)]
        if not possible:
            return ""
        site_id, root_path, root_url, language_code = possible[0]
        if len({root.site_id for root in possible}) > 1 and isinstance(self.request, HttpRequest):
            site = self._current_site
            for root in possible if site else ():
                if root.site_id == site.pk:
                    site_id, root_path, root_url, language_code = root
                    break
        try:
            page_path = self._reverse(url_path[len(root_path) :], language_code)
        except NoReverseMatch:
            return ""
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
            page_path = page_path.rstrip("/")
        if self._site_count == 1:
            return page_path
        site = self._current_site
        return page_path if site is not None and site_id == site.pk else root_url + page_path

    @staticmethod
    def _reverse(relative_path: str, language_code: str) -> str:
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return reverse("wagtail_serve", args=(relative_path,))
        try:  # the active language when it is a variant of the page's (as Wagtail does)
            if get_supported_content_language_variant(translation.get_language()) == (
                language_code
            ):
                language_code = translation.get_language()
        except LookupError:
            pass
        with translation.override(language_code):
            return reverse("wagtail_serve", args=(relative_path,))
