"""The admin screen "Rollen und Freigabe": administrators provision departments, the committee
or everything from the Wagtail admin with the same functions as the provision_* commands, and
see every department's groups and workflow, the steps lacking a second reviewer and the
permission table.

``RolesViewSet`` registers it (``register_admin_viewset`` in ``prozesse.roles.wagtail_hooks``)
at /admin/rollen/ (URL name ``prozesse_roles:index``), with its item in the settings menu,
shown to administrators only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from intranet.input_guards import parse_id
from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles.matrix import ACTIONS, MATRIX_NOTES, permission_rows
from prozesse.roles.overview import department_overview, steps_without_second_reviewer
from prozesse.roles.provisioning import provision_all, provision_committee, provision_department
from prozesse.roles.report import ProvisioningError, Report


class DepartmentForm(forms.Form):
    municipality = forms.ModelChoiceField(
        MunicipalityPage.objects.order_by("title"), label=_("Kommune")
    )
    title = forms.CharField(label=_("Fachbereich"), max_length=255)
    code = forms.CharField(
        label=_("Kürzel"),
        max_length=8,
        required=False,
        help_text=_(
            "2–8 Großbuchstaben oder Ziffern, z. B. BB. Findet einen umbenannten Fachbereich "
            "wieder; leer lassen, um es aus dem Namen abzuleiten."
        ),
    )


class RolesView(WagtailAdminTemplateMixin, TemplateView):
    """Overview of roles per department, the permission table, and provisioning actions."""

    template_name = "prozesse/admin/roles.html"
    page_title = _("Rollen und Freigabe")
    header_icon = "group"
    jobs = ("department", "committee", "all")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def department_form(self, data=None) -> DepartmentForm:
        initial = {}
        department_id = parse_id(self.request.GET.get("fachbereich"))
        department = (
            DepartmentPage.objects.filter(pk=department_id).first() if department_id else None
        )
        if department is not None:
            municipality = MunicipalityPage.objects.ancestor_of(department).first()
            initial = {"municipality": municipality, "title": department.title}
            initial["code"] = department.code
        return DepartmentForm(data, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("department_form", self.department_form())
        context["overview"] = department_overview()
        context["short_steps"] = steps_without_second_reviewer()
        context["actions"] = list(ACTIONS.values())
        context["permission_rows"] = permission_rows()
        context["matrix_notes"] = [note.replace("**", "") for note in MATRIX_NOTES]
        return context

    def post(self, request, *args, **kwargs):
        job = request.POST.get("job")
        if job not in self.jobs:
            return self.get(request, *args, **kwargs)
        report = Report()
        form = self.department_form(request.POST) if job == "department" else None
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(department_form=form))
        try:
            with transaction.atomic():
                if job == "department":
                    provision_department(
                        form.cleaned_data["municipality"],
                        form.cleaned_data["title"],
                        code=form.cleaned_data["code"] or None,
                        report=report,
                    )
                elif job == "committee":
                    provision_committee(report=report)
                else:
                    provision_all(report)
        except ProvisioningError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(department_form=form))
        if report.changes:
            messages.success(
                request, _("Eingerichtet: %(count)s Änderungen.") % {"count": len(report.changes)}
            )
        else:
            messages.success(request, _("Keine Änderungen: alles war bereits eingerichtet."))
        return self.render_to_response(
            self.get_context_data(changes=report.changes, department_form=form)
        )


class SuperuserMenuItem(MenuItem):
    """A menu item only administrators see."""

    def is_shown(self, request):
        return request.user.is_superuser


class RolesViewSet(ViewSet):
    """The screen "Rollen und Freigabe" in the settings menu, for administrators."""

    name = "prozesse_roles"
    url_prefix = "rollen"
    icon = "group"
    menu_label = _("Rollen und Freigabe")
    menu_order = 250
    add_to_settings_menu = True
    menu_item_class = SuperuserMenuItem

    def get_urlpatterns(self):
        return [path("", self.construct_view(RolesView), name="index")]

    @property
    def index_url_name(self) -> str:
        return self.get_url_name("index")


roles_viewset = RolesViewSet()
