"""One way to split a long list into pages: ``?seite=2`` (or another parameter, when a page
shows two lists), rendered by ``templates/includes/pagination.html``."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


@dataclass(frozen=True)
class PageSlice:
    page_obj: Page
    #: The request's other parameters, for the links to the previous and next page.
    query_without_page: str
    param: str


def page_of(request: HttpRequest, items, *, per_page: int, param: str = "seite") -> PageSlice:
    """The requested page of ``items``; a missing, invalid or too large number gives the
    first or last page instead of an error."""
    page_obj = Paginator(items, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return PageSlice(page_obj, query.urlencode(), param)
