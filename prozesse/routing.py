"""Serving a register entry without walking the page tree level by level.

Wagtail resolves ``/diez/buergerbuero/gewerbeanmeldung/`` with two queries per tree level
(the child by its slug, then its specific page). Register entries are leaves of the tree:
the home page finds them by slug and stored URL path in one query and loads them with what
every entry template shows (municipality, department, content owner) in a second. Anything
else – other pages, sub-routes of routable pages (``…/export/pdf/``), missing or unpublished
pages – takes Wagtail's way, which also answers 404s.
"""

from __future__ import annotations

from functools import cache

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult

from prozesse.models import RegisterEntryPage


@cache
def reserved_segments() -> frozenset[str] | None:
    """First path segments of the sub-routes of routable pages (``notfallhandbuch``): a path
    containing one may mean that route rather than a page. ``None`` if a sub-route starts
    with a pattern (then only Wagtail's routing can tell)."""
    segments = set()
    for model in get_page_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for pattern in model.get_subpage_urls():
            first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
            if not first or first == "$":
                continue  # the routable page's own URL
            if not first.replace("-", "").replace("_", "").isalnum():
                return None
            segments.add(first)
    return frozenset(segments)


def _routes_like_page(model) -> bool:
    """Does the page's own URL reach the page itself? (Routable pages do: the path of the page
    is their index route; their sub-routes contain a reserved segment and never get here.)"""
    return model.route is Page.route or issubclass(model, RoutablePageMixin)


def route_to_entry(root: Page, path_components: list[str]) -> RouteResult | None:
    """The live register entry at ``path_components`` below ``root``, or ``None``."""
    reserved = reserved_segments()
    if not path_components or reserved is None or reserved.intersection(path_components):
        return None
    url_path = f"{root.url_path}{'/'.join(path_components)}/"
    row = (
        # The slug is indexed (Wagtail leaves url_path without an index); few pages share one.
        Page.objects.filter(slug=path_components[-1], url_path=url_path, live=True)
        .values_list("pk", "content_type_id")
        .first()
    )
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row[1]).model_class()
    if model is None or not issubclass(model, RegisterEntryPage) or not _routes_like_page(model):
        return None
    page = model.objects.select_related("municipality", "department", "content_owner").get(
        pk=row[0]
    )
    return RouteResult(page)
