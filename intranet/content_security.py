"""The one exception to the Content-Security-Policy's "no inline scripts" (README, "Sicherheit").

Wagtail 8's admin still writes inline ``<script>`` elements: the date/time choosers
(``wagtailadmin/widgets/date_input.html`` and siblings), inline and multiple-chooser panels
(``wagtailadmin/panels/inline_panel.html``, ``multiple_chooser_panel.html``), the workflow
dialog (``wagtailadmin/shared/_workflow_init.html``) and modeladmin's slug prefill. Under
``/admin/`` they are allowed with ``'unsafe-inline'``; everywhere else (the intranet pages, the
API, files) inline scripts stay forbidden. Remove this once Wagtail's admin runs without them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


class AdminScriptAllowanceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
