"""The knowledge dashboard ("Wissens-Dashboard", /admin/wissen/gesundheit/): the health of the
register per town as figures and charts, open handovers, adoptions whose original changed;
``?format=csv`` downloads the figures."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.charts import SEQUENTIAL, Series, grouped_percent_bars, stacked_share_bars
from knowledge.health import health_csv, health_report
from knowledge.models import Adoption, Handover, HandoverStatus
from knowledge.roles import is_knowledge_manager
from knowledge.views.admin.base import DASHBOARD_PERMISSIONS, KnowledgeAdminView
from prozesse.visibility import visibility_of
from readiness.models import EXERCISE_CYCLE_MONTHS

MATURITY_SERIES = [
    Series(label, color)
    for label, color in zip(
        [
            gettext_lazy("0 – offline"),
            gettext_lazy("1 – Information"),
            gettext_lazy("2 – Formular"),
            gettext_lazy("3 – Online-Antrag"),
            gettext_lazy("4 – vollständig digital"),
            gettext_lazy("ohne Angabe"),
        ],
        SEQUENTIAL,
        strict=True,
    )
]
PERCENT_SERIES = [
    Series(gettext_lazy("mit Verantwortlichen"), "#004b87"),
    Series(gettext_lazy("mit BPMN"), "#2e6b30"),
    Series(gettext_lazy("Prüfung überfällig"), "#a4000f"),
]


class HealthView(KnowledgeAdminView):
    template_name = "knowledge/admin/health.html"
    permission_policy = DASHBOARD_PERMISSIONS
    permission_required = "view"
    page_title = gettext_lazy("Wissens-Dashboard")
    header_icon = "table"

    def get(self, request):
        report = health_report(visibility_of(request, for_admin=True))
        if request.GET.get("format") == "csv":
            response = HttpResponse(health_csv(report), content_type="text/csv; charset=utf-8")
            filename = f"wissens-dashboard-{report.today:%Y-%m-%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        towns = [town.town for town in report.towns]
        percent_chart = grouped_percent_bars(
            _("Anteil der Prozesse je Kommune"),
            [(t.label, [t.owner_pct, t.bpmn_pct, t.overdue_pct]) for t in towns],
            [Series(str(s.label), s.color) for s in PERCENT_SERIES],
            "chart-anteile",
        )
        maturity_chart = stacked_share_bars(
            _("Reifegrad der Prozesse je Kommune"),
            [(t.label, t.maturity_list) for t in towns],
            [Series(str(s.label), s.color) for s in MATURITY_SERIES],
            "chart-reifegrad",
        )
        open_handovers = Handover.objects.exclude(status=HandoverStatus.CLOSED).select_related(
            "person"
        )
        changed = Adoption.objects.filter(origin_changed=True).select_related("copy__municipality")
        return self.render(
            report=report,
            percent_chart=percent_chart,
            maturity_chart=maturity_chart,
            open_handovers=open_handovers,
            changed_adoptions=changed,
            maturity_labels=[s.label for s in MATURITY_SERIES],
            overdue_url=reverse("knowledge_overdue:index")
            if is_knowledge_manager(request.user)
            else "",
            cycle_months=EXERCISE_CYCLE_MONTHS,
        )
