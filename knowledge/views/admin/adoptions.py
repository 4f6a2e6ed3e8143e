"""Adopting another town's process ("Übernahmen", /admin/wissen/uebernahmen/): a copy as a
draft in one's own department, the list of adoptions, and the comparison with the original
from which its changes can be taken over (``knowledge.adoption`` and ``knowledge.comparison``
do the work).

Only a live process the user may see can be adopted, and only adoptions whose copy and
original the user may see are listed or compared.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from knowledge import adoption as adoption_service
from knowledge.comparison import compare
from knowledge.forms import AdoptForm, TakeOverForm
from knowledge.models import Adoption
from knowledge.views.admin.base import KnowledgeAdminView
from prozesse.models import ProcessPage
from prozesse.visibility import visibility_of, visible


class AdoptionAdminView(KnowledgeAdminView):
    """An adoption screen: its permissions are those of the adoption model."""

    model = Adoption
    header_icon = "copy"


class AdoptView(AdoptionAdminView):
    template_name = "knowledge/admin/adopt.html"
    page_title = gettext_lazy("Prozess übernehmen")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Only a live process the user may see can be adopted; anything else does not exist.
        self.origin = get_object_or_404(
            visible(
                request,
                ProcessPage.objects.live().select_related("municipality", "content_owner"),
            ),
            pk=kwargs["page_id"],
        )

    def get_page_subtitle(self):
        return self.origin.title

    def render_form(self, form, departments):
        existing = visible(
            self.request,
            Adoption.objects.filter(origin=self.origin).select_related("copy__municipality"),
            prefix="copy__",
        )
        person = getattr(self.request.user, "person", None)
        own_town = bool(
            person is not None
            and person.municipality_id
            and person.municipality_id == self.origin.municipality_id
        )
        return self.render(
            origin=self.origin,
            form=form,
            departments=departments,
            existing=existing,
            own_town=own_town,
        )

    def get(self, request, page_id):
        departments = adoption_service.adoptable_departments(request.user, self.origin)
        return self.render_form(AdoptForm(departments=departments), departments)

    def post(self, request, page_id):
        departments = adoption_service.adoptable_departments(request.user, self.origin)
        form = AdoptForm(request.POST, departments=departments)
        if not form.is_valid():
            return self.render_form(form, departments)
        try:
            copy = adoption_service.adopt(
                self.origin,
                form.cleaned_data["department"],
                request.user,
                session=request.session,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, departments)
        messages.success(
            request,
            _(
                "„%(title)s“ wurde als Entwurf übernommen. Passen Sie ihn an Ihre Kommune an und "
                "reichen Sie ihn zur Freigabe ein."
            )
            % {"title": copy.title},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)


class AdoptionListView(AdoptionAdminView):
    template_name = "knowledge/admin/adoption_list.html"
    permission_required = "view"
    page_title = gettext_lazy("Übernahmen")

    def get(self, request):
        visibility = visibility_of(request, for_admin=True)
        adoptions = visibility.apply(
            visibility.apply(
                Adoption.objects.select_related(
                    "copy__municipality", "origin__municipality", "adopted_by"
                ),
                "copy__",
            ),
            "origin__",
        ).order_by("-origin_changed", "-adopted_at")
        return self.render(adoptions=adoptions)


class AdoptionCompareView(AdoptionAdminView):
    template_name = "knowledge/admin/adoption_compare.html"
    page_title = gettext_lazy("Vergleich mit dem Original")
    header_icon = "history"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.adoption = get_object_or_404(
            Adoption.objects.select_related("copy", "origin__municipality", "origin_revision"),
            pk=kwargs["pk"],
        )
        if self.adoption.origin_id is None:
            raise Http404(_("Das Original gibt es nicht mehr."))
        visibility = visibility_of(request, for_admin=True)
        if not (visibility.allows(self.adoption.copy) and visibility.allows(self.adoption.origin)):
            raise Http404

    def can_take_over(self, user) -> bool:
        return self.adoption.copy.permissions_for_user(user).can_edit()

    def user_may_act(self, user) -> bool:
        """Editors of the copy, and whoever may see adoptions."""
        return self.can_take_over(user) or self.user_has_permission("view")

    def get_page_subtitle(self):
        return self.adoption.copy.title

    def render_comparison(self, comparison, form):
        return self.render(
            adoption=self.adoption,
            comparison=comparison,
            form=form,
            can_take_over=self.can_take_over(self.request.user),
        )

    def get(self, request, pk):
        comparison = compare(self.adoption)
        return self.render_comparison(comparison, TakeOverForm(comparison=comparison))

    def post(self, request, pk):
        if not self.can_take_over(request.user):
            raise PermissionDenied
        comparison = compare(self.adoption)
        form = TakeOverForm(request.POST, comparison=comparison)
        if not form.is_valid():
            return self.render_comparison(comparison, form)
        acknowledge = form.cleaned_data["action"] == "kenntnis"
        revision = adoption_service.take_over(
            self.adoption,
            fields=[] if acknowledge else form.cleaned_data["fields_"],
            steps=[] if acknowledge else form.cleaned_data["steps"],
            user=request.user,
        )
        if revision is None:
            messages.success(request, _("Die Änderungen des Originals sind zur Kenntnis genommen."))
            return redirect("knowledge_adoptions:compare", pk)
        messages.success(
            request,
            _(
                "Die gewählten Änderungen stehen jetzt in einem neuen Entwurf. Prüfen Sie ihn und "
                "reichen Sie ihn zur Freigabe ein."
            ),
        )
        return redirect("wagtailadmin_pages:edit", self.adoption.copy_id)
