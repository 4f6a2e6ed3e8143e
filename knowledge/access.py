"""Whether a reader may view a page – for knowledge views that act on a page (feedback).

A stand-in until the project-wide visibility rule (``prozesse.visibility``) exists: it applies
Wagtail's own view restrictions (login, groups, shared password), including those inherited
from ancestors, exactly as Wagtail does when it serves the page. Swap the body for the
project rule when it lands; callers stay the same.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Page


def may_view_page(request: HttpRequest, page: Page) -> bool:
    """True when every view restriction on ``page`` or its ancestors admits ``request``."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
