"""Admin wiring of the search: "Warum dieser Treffer?" (search/views_admin.py) and its button
in the page header."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from prozesse.models import RegisterEntryPage
from search.views_admin import ExplainView, explain_url, may_explain


@hooks.register("register_admin_urls")
def register_explain_url():
    return [path("suche/warum/<int:page_id>/", ExplainView.as_view(), name="search_explain")]


@hooks.register("register_page_header_buttons")
def explain_button(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, RegisterEntryPage):
        return
    if page.live and may_explain(user, page):
        yield Button(_("Warum gefunden?"), explain_url(page.pk), icon_name="search", priority=60)
