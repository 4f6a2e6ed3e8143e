"""Admin downloads of XProzess 2.0 messages: a button on process, department and town pages
("Als XProzess exportieren"), the same as a bulk action on pages chosen in the page explorer,
and one URL for a selection (``?seite=ID&seite=ID``).

Only live process pages the user may see go into a message; a page, department, town or
selection with none of them answers 404 – it does not exist for that user.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from prozesse.importers.django_xprozess_export import (
    export_filename,
    export_message,
    visible_processes,
)
from prozesse.models import DepartmentPage, MunicipalityPage, ProcessPage
from prozesse.visibility import visibility_of

EXPORTABLE = (ProcessPage, DepartmentPage, MunicipalityPage)
MAX_SELECTION = 500


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xprozess_page_export(request: HttpRequest, page_id: int) -> HttpResponse:
    """The process, or every process of the department or town, as one message."""
    page = Page.objects.filter(pk=page_id).specific().first()
    visibility = visibility_of(request)
    if not isinstance(page, EXPORTABLE) or not visibility.allows(page):
        raise Http404
    processes = list(visible_processes(page, visibility))
    if not processes:
        raise Http404
    return _download(export_message(processes), export_filename(page))


def xprozess_selection_export(request: HttpRequest) -> HttpResponse:
    """Chosen process pages (``?seite=12&seite=15``); all of them must be visible."""
    ids = {int(value) for value in request.GET.getlist("seite")[:MAX_SELECTION] if value.isdigit()}
    visibility = visibility_of(request)
    processes = list(
        visibility.apply(ProcessPage.objects.live().filter(pk__in=ids)).order_by("path")
    )
    if not ids or len(processes) != len(ids):
        raise Http404
    return _download(export_message(processes), "xprozess-auswahl.xml")


@hooks.register("register_admin_urls")
def register_xprozess_urls():
    return [
        path("xprozess/", xprozess_selection_export, name="prozesse_xprozess_selection"),
        path("xprozess/<int:page_id>/", xprozess_page_export, name="prozesse_xprozess_export"),
    ]


@hooks.register("register_page_header_buttons")
def xprozess_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EXPORTABLE) and page.live:
        yield Button(
            _("Als XProzess exportieren"),
            url=reverse("prozesse_xprozess_export", args=[page.pk]),
            icon_name="download",
            priority=60,
        )


@hooks.register("register_bulk_action")
class XProzessBulkAction(PageBulkAction):
    """Pages chosen in the explorer → one message; pages other than live processes the user
    may see are listed as not exported."""

    display_name = _("Als XProzess exportieren")
    action_type = "xprozess_export"
    aria_label = _("Ausgewählte Prozesse als XProzess exportieren")
    template_name = "prozesse/admin/confirm_bulk_xprozess.html"
    action_priority = 80

    def check_perm(self, page) -> bool:
        return (
            page.live
            and page.specific_class is ProcessPage
            and visibility_of(self.request).allows(page)
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        # Pages the user may not see are not even named as "not exported" (ids can be typed).
        visibility = visibility_of(self.request, for_admin=True)
        extra["items_with_no_access"] = [
            page for page in extra["items_with_no_access"] if visibility.allows(page)
        ]
        return objects, extra

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return len(objects), 0  # the download happens in form_valid

    def form_valid(self, form):
        objects, _without_access = self.get_actionable_objects()
        processes = list(
            ProcessPage.objects.filter(pk__in=[page.pk for page in objects]).order_by("path")
        )
        if not processes:
            raise Http404
        return _download(export_message(processes), "xprozess-auswahl.xml")
