"""Confirming that a register entry is current ("Aktualität bestätigen",
/admin/wissen/bestaetigen/<page_id>/): its owner, deputy, reviewers and the town's knowledge
management confirm it and set the next review date (``knowledge.reviews``)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from knowledge.forms import ConfirmForm
from knowledge.reviews import can_confirm, confirm_current, next_review_after
from knowledge.views.admin.base import KnowledgeAdminView
from prozesse.models import RegisterEntryPage


def register_entry(page_id: int) -> RegisterEntryPage:
    """The register entry with this id, as its specific page (404 if there is none)."""
    return get_object_or_404(
        RegisterEntryPage.objects.select_related("content_owner", "municipality"), pk=page_id
    ).specific


class ConfirmView(KnowledgeAdminView):
    template_name = "knowledge/admin/confirm.html"
    page_title = gettext_lazy("Aktualität bestätigen")
    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = register_entry(kwargs["page_id"])

    def user_may_act(self, user) -> bool:
        return can_confirm(user, self.page)

    def get_page_subtitle(self):
        return self.page.title

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_home")

    def get(self, request, page_id):
        return self.render(
            page=self.page,
            form=ConfirmForm(),
            next_date=next_review_after(self.page, timezone.localdate()),
            next_url=self.next_url(),
        )

    def post(self, request, page_id):
        form = ConfirmForm(request.POST)
        if not self.page.live:
            messages.error(request, _("Nur veröffentlichte Seiten können bestätigt werden."))
            return redirect(self.next_url())
        if not form.is_valid():
            return self.render(
                page=self.page,
                form=form,
                next_date=next_review_after(self.page, timezone.localdate()),
                next_url=self.next_url(),
            )
        confirmation = confirm_current(self.page, request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _("„%(title)s“ ist als aktuell bestätigt. Nächste Überprüfung am %(date)s.")
            % {
                "title": self.page.title,
                "date": confirmation.next_review_date.strftime("%d.%m.%Y"),
            },
        )
        return redirect(self.next_url())
