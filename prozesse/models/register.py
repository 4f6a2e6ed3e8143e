"""The register page: all processes of all municipalities as one sortable, filterable table.

The table and its download are built by ``prozesse.register_table`` (filters in
``prozesse.filters``); the page only routes to them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from prozesse.register_table import register_export, register_table_html


class RegisterPage(RoutablePageMixin, Page):
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("Prozessregister")
        verbose_name_plural = _("Prozessregister")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["register_table"] = register_table_html(request, self)
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("export/<str:export_format>/", name="export")
    def export(self, request, export_format: str):
        """The table with the current filters as CSV or XLSX (``export/csv/``, ``export/xlsx/``)."""
        return register_export(request, export_format)
