"""Malformed input answers 400 or 404, never 500.

- ``parse_id``: the one way to read a record id from a query parameter. Only ASCII digits within
  PostgreSQL's ``bigint`` range count; ``str.isdigit()`` also accepts "²" or "١", which
  ``int()`` then refuses.
- ``RejectNulBytesMiddleware``: PostgreSQL cannot store or compare text containing a NUL byte.
  One in the path, or in the query string of an admin URL (Wagtail's lists pass ``q`` and
  filters to the database as they are), is refused with 400 before any view runs. The
  intranet's own views clean their parameters (the search drops control characters, filter
  forms refuse them) and keep answering normally; form fields refuse NUL bytes in posted data
  with a form error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


def parse_id(value: object) -> int | None:
    """``value`` as a database id (1 … 2^63-1), or None when it is not one."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


ADMIN_PREFIX = "/admin/"


def _query_has_nul(request: HttpRequest) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or (
            request.path_info.startswith(ADMIN_PREFIX) and _query_has_nul(request)
        ):
            return HttpResponseBadRequest(
                _("Ungültiges Zeichen in der Adresse (Nullbyte). Bitte prüfen Sie den Link."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
