"""Read confirmations in the admin ("Kenntnisnahmen", /admin/wissen/kenntnisnahmen/): asking
for them on a page, the campaigns a user follows, one campaign per department and reader, and
its CSV/XLSX export (``knowledge.reading`` does the work).

A campaign on a page the user may not see, or that they may not follow, does not exist for
them (404).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from intranet.table_export import FORMATS, table_download
from knowledge.forms import ReadCampaignForm
from knowledge.models import ReadCampaign
from knowledge.reading import (
    campaign_status,
    campaigns_overseen,
    can_request_reading,
    may_oversee,
    readers,
    start_campaign,
)
from knowledge.views.admin.base import KnowledgeAdminView
from prozesse.models import RegisterEntryPage
from prozesse.visibility import visibility_of


class ReadingAdminView(KnowledgeAdminView):
    model = ReadCampaign
    header_icon = "tick-inverse"


class CampaignListView(ReadingAdminView):
    template_name = "knowledge/admin/read_campaign_list.html"
    permission_required = "view"
    page_title = gettext_lazy("Kenntnisnahmen")

    def get(self, request):
        rows = [(c, campaign_status(c)) for c in campaigns_overseen(request.user)]
        return self.render(rows=rows)


class CampaignMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.campaign = get_object_or_404(
            ReadCampaign.objects.select_related("page__municipality"), pk=kwargs["pk"]
        )
        if not may_oversee(request.user, self.campaign):
            raise Http404


class CampaignDetailView(CampaignMixin, ReadingAdminView):
    template_name = "knowledge/admin/read_campaign_detail.html"
    permission_required = "view"
    page_title = gettext_lazy("Kenntnisnahme")

    def get_page_subtitle(self):
        return self.campaign.page_title

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge_reading:index"), "label": _("Kenntnisnahmen")},
            {"url": "", "label": self.campaign.page_title},
        ]

    def get(self, request, pk):
        return self.render(campaign=self.campaign, status=campaign_status(self.campaign))


class CampaignExportView(CampaignMixin, ReadingAdminView):
    permission_required = "view"

    def get(self, request, pk):
        export_format = request.GET.get("format", "csv")
        if export_format not in FORMATS:
            export_format = "csv"
        status = campaign_status(self.campaign)
        headers = [
            _("Seite"),
            _("Angeforderte Version"),
            _("Kommune"),
            _("Fachbereich"),
            _("Name"),
            _("Stand"),
            _("Bestätigte Version"),
            _("Zur Kenntnis genommen am"),
            _("Zur Kenntnis bis"),
        ]
        rows = [
            [
                self.campaign.page_title,
                self.campaign.version_label,
                row.municipality_name,
                row.department_name,
                row.user.get_full_name() or row.user.get_username(),
                _("bestätigt") if row.confirmed_at else _("offen"),
                row.confirmation.version_label if row.confirmation else "",
                timezone.localtime(row.confirmed_at) if row.confirmed_at else None,
                self.campaign.due_date,
            ]
            for row in status.rows
        ]
        return table_download(
            export_format,
            f"kenntnisnahme-{self.campaign.pk}",
            _("Kenntnisnahme"),
            headers,
            rows,
        )


class RequestReadingView(ReadingAdminView):
    """Ask for read confirmations of a page's live version (header button of the page)."""

    template_name = "knowledge/admin/read_campaign_request.html"
    permission_required = "add"
    page_title = gettext_lazy("Kenntnisnahme anfordern")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        page = get_object_or_404(
            RegisterEntryPage.objects.live().select_related("municipality"), pk=kwargs["page_id"]
        )
        if not visibility_of(request, for_admin=True).allows(page):
            raise Http404
        self.page = page.specific

    def user_may_act(self, user) -> bool:
        return can_request_reading(user, self.page)

    def get_page_subtitle(self):
        return self.page.title

    def get(self, request, page_id):
        return self.render(page=self.page, form=ReadCampaignForm(user=request.user))

    def post(self, request, page_id):
        form = ReadCampaignForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(page=self.page, form=form)
        targets = {
            name: form.cleaned_data[name]
            for name in ("municipalities", "departments", "groups", "roles")
        }
        if not readers(self.page, **targets):
            form.add_error(
                None,
                _(
                    "Die Auswahl erreicht niemanden, der diese Seite sehen darf. Bitte erweitern "
                    "Sie sie."
                ),
            )
            return self.render(page=self.page, form=form)
        campaign = start_campaign(
            self.page,
            request.user,
            due_date=form.cleaned_data["due_date"],
            note=form.cleaned_data["note"],
            **targets,
        )
        messages.success(
            request,
            _("Kenntnisnahme angefordert: %(count)d Personen werden gebeten, „%(title)s“ zu lesen.")
            % {"count": campaign.requests.count(), "title": campaign.page_title},
        )
        return redirect("knowledge_reading:detail", campaign.pk)
