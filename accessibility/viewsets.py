"""The admin list of barrier reports: each with its deadline and whether it is answered or
overdue, for the statement's contact person (who holds the model permissions)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet

from accessibility.models import ANSWER_WITHIN, BarrierReport


class BarrierReportFilterSet(WagtailFilterSet):
    stand = django_filters.ChoiceFilter(
        label=_("Stand"),
        choices=[
            ("offen", _("offen")),
            ("ueberfaellig", _("überfällig")),
            ("beantwortet", _("beantwortet")),
        ],
        method="filter_state",
        empty_label=_("alle"),
    )

    class Meta:
        model = BarrierReport
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "beantwortet":
            return queryset.filter(answered_on__isnull=False)
        open_reports = queryset.filter(answered_on__isnull=True)
        if value == "ueberfaellig":
            # Due date before today: received before (today - one month).
            cutoff = timezone.localdate() - ANSWER_WITHIN
            return open_reports.filter(Q(received_at__date__lt=cutoff))
        return open_reports


class BarrierReportViewSet(SnippetViewSet):
    model = BarrierReport
    icon = "help"
    menu_label = _("Barrieremeldungen")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["__str__", "received_at", "deadline_display", "state_label", "answered_on"]
    filterset_class = BarrierReportFilterSet
    search_fields = None
    inspect_view_enabled = False
