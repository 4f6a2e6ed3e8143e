"""Admin view "Sichtbarkeit": the department restricts a page to an audience (prozesse.privacy)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from prozesse import privacy


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("Wer darf diese Seite lesen?"),
        choices=privacy.Audience.CHOICES,
        widget=forms.RadioSelect,
    )
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gruppen"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Nur bei „ausgewählte Gruppen“."),
    )

    def __init__(self, *args, page: Page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = privacy.choosable_groups(page)
        self.fields["audience"].choices = privacy.available_audiences(page)


class AudienceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "prozesse/admin/audience.html"
    page_title = gettext_lazy("Sichtbarkeit")
    header_icon = "view"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not privacy.may_edit_audience(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def initial(self) -> dict:
        setting = privacy.current_setting(self.page)
        return {"audience": setting.audience, "groups": list(setting.groups)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AudienceForm(initial=self.initial(), page=self.page))
        context.update(
            page=self.page,
            current=privacy.audience_label(self.page),
            may_widen=privacy.may_widen(self.request.user, self.page),
            subpages=self.page.get_descendants().count(),
        )
        return context

    def post(self, request, page_id: int):
        form = AudienceForm(request.POST, page=self.page)
        if form.is_valid():
            try:
                privacy.set_audience(
                    self.page,
                    request.user,
                    form.cleaned_data["audience"],
                    form.cleaned_data["groups"],
                )
            except (ValueError, PermissionDenied) as error:
                form.add_error(None, str(error.args[0]) if error.args else str(error))
            else:
                messages.success(
                    request,
                    _("Sichtbarkeit gespeichert: %(who)s")
                    % {"who": privacy.audience_label(self.page)},
                )
                return redirect("wagtailadmin_pages:edit", self.page.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)
