"""The BIA overview in the admin (/admin/notfallvorsorge/…): the towns one may look at, and per
town the table, the chart and the CSV download (``continuity.overview``). A town the user may
not look at answers 404, as if it did not exist."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from continuity.charts import recovery_chart
from continuity.overview import csv_headers, csv_rows, town_overview
from continuity.permissions import OVERVIEW_PERMISSIONS, overview_towns
from intranet.table_export import table_download
from prozesse.visibility import visibility_of


class _OverviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    permission_policy = OVERVIEW_PERMISSIONS
    permission_required = "view"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def town(self, request, town_id: int):
        town = overview_towns(request.user).filter(pk=town_id).first()
        if town is None or not visibility_of(request, for_admin=True).allows(town):
            raise Http404
        return town


class TownListView(_OverviewView):
    template_name = "continuity/admin/towns.html"
    page_title = gettext_lazy("Folgenabschätzungen")

    def get(self, request):
        visibility = visibility_of(request, for_admin=True)
        towns = visibility.keep(overview_towns(request.user).live().order_by("title"))
        if len(towns) == 1:
            return redirect("continuity_bia:town", towns[0].pk)
        return self.render_to_response(self.get_context_data(towns=towns))


class TownOverviewView(_OverviewView):
    template_name = "continuity/admin/overview.html"
    page_title = gettext_lazy("Folgenabschätzungen")

    def get(self, request, town_id: int):
        town = self.town(request, town_id)
        overview = town_overview(town, visibility_of(request, for_admin=True))
        self.page_title = _("Folgenabschätzungen – %(town)s") % {"town": town.title}
        return self.render_to_response(
            self.get_context_data(
                overview=overview,
                chart=recovery_chart(overview.rows),
                csv_url=reverse("continuity_bia:csv", args=[town.pk]),
                today=timezone.localdate(),
            )
        )


class TownCsvView(_OverviewView):
    def get(self, request, town_id: int):
        town = self.town(request, town_id)
        overview = town_overview(town, visibility_of(request, for_admin=True))
        filename = f"folgenabschaetzungen-{town.slug}-{timezone.localdate():%Y-%m-%d}"
        return table_download(
            "csv", filename, "Folgenabschätzungen", csv_headers(), csv_rows(overview)
        )
