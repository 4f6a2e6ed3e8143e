"""Admin wiring: snippets for people and IT systems, and the register list for editors.

People and IT systems belong to a town: knowledge management of a town lists and edits only
its own (``prozesse.towns``); "Wissensmanagement (alle Kommunen)" and administrators all,
including IT systems shared by every town (no town set), which only they edit.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.models import PageViewRestriction, get_page_models
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from prozesse import privacy
from prozesse.admin_help import HelpView, initials_avatar
from prozesse.choices import DepartmentChoiceField, present_people
from prozesse.file_access import may_download_document
from prozesse.models import DepartmentPage, ITSystem, Law, LawParagraph, MunicipalityPage, Person
from prozesse.towns import acting_towns, acts_for_all_towns, in_acting_towns, may_act_for
from prozesse.views.page_editing import page_viewsets
from prozesse.views.privacy import AudienceView
from prozesse.views.register_listing import ProcessRegisterViewSet
from prozesse.visibility import admin_visible, visibility_of

OTHER_TOWN_MESSAGE = _("Dieser Eintrag gehört zu einer anderen Kommune.")


class TownPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, limited to records of the towns the user acts for (records
    without a town: only for those acting for all towns)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_act_for(
            user, instance.municipality_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_act_for(
            user, instance.municipality_id
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return in_acting_towns(self.model.objects.all(), user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return in_acting_towns(self.model.objects.all(), user)


class TownForm(WagtailAdminModelForm):
    """The town field offers only the user's towns; for them it is required."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("municipality")
        if field is None or for_user is None or acts_for_all_towns(for_user):
            return
        field.queryset = acting_towns(for_user).order_by("title")
        field.required = True
        field.empty_label = None


register_permission_policy(Person, TownPermissionPolicy(Person))


class _PresentPeople:
    """Choosing a person (owner, alarm chain, deputy) offers nobody who has left."""

    def get_object_list(self):
        return present_people(super().get_object_list().select_related("municipality"))


class PersonChooseView(_PresentPeople, ChooseView):
    pass


class PersonChooseResultsView(_PresentPeople, ChooseResultsView):
    pass


class PersonChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


register_permission_policy(ITSystem, TownPermissionPolicy(ITSystem))


class TownScopedViewSet(SnippetViewSet):
    """Lists only records of the user's towns (see TownPermissionPolicy)."""

    #: Whether records without a town are listed to users of one town (read only).
    list_shared = False

    def get_queryset(self, request):
        return in_acting_towns(self.model.objects.all(), request.user, shared=self.list_shared)


class DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentChoiceField


class PersonFilterSet(WagtailFilterSet):
    """The people list's filters; departments named with their town (``prozesse.choices``)."""

    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=MunicipalityPage.objects.order_by("title")
    )
    department = DepartmentFilter(
        label=_("Fachbereich"), queryset=DepartmentPage.objects.order_by("path")
    )

    class Meta:
        model = Person
        fields = ["municipality", "department"]


class PersonViewSet(TownScopedViewSet):
    model = Person
    chooser_viewset_class = PersonChooserViewSet
    edit_handler = ObjectList(Person.panels, base_form_class=TownForm)
    icon = "user"
    menu_label = _("Personen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "municipality", "department", "email", "left_on"]
    filterset_class = PersonFilterSet
    search_fields = ["name", "role", "email"]


class ITSystemViewSet(TownScopedViewSet):
    model = ITSystem
    edit_handler = ObjectList(ITSystem.panels, base_form_class=TownForm)
    icon = "cogs"
    menu_label = _("Fachverfahren")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "vendor", "municipality"]
    search_fields = ["name", "vendor"]
    list_shared = True


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def refuse_other_towns_records(request, instance):
    """Editing or deleting a person or IT system of another town is refused (403)."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Person | ITSystem) and not may_act_for(
            request.user, obj.municipality_id
        ):
            raise PermissionDenied(OTHER_TOWN_MESSAGE)


class LawViewSet(SnippetViewSet):
    model = Law
    icon = "doc-full"
    menu_label = _("Gesetze")
    list_display = ["abbreviation", "title", "slug"]
    search_fields = ["abbreviation", "title"]


class LawParagraphViewSet(SnippetViewSet):
    model = LawParagraph
    icon = "doc-full-inverse"
    menu_label = _("Paragrafen")
    list_display = ["__str__", "law", "repealed"]
    list_filter = ["law"]


register_snippet(PersonViewSet)
register_snippet(ITSystemViewSet)
register_snippet(LawViewSet)
register_snippet(LawParagraphViewSet)


@hooks.register("register_admin_viewset")
def register_list_viewset():
    """The register list for editors: all processes with filters and CSV/XLSX export."""
    return ProcessRegisterViewSet()


# ------------------------------------------------------------------ the visibility rule
@hooks.register("before_serve_page", order=-10)
def restricted_pages_are_absent(page, request, serve_args, serve_kwargs):
    """A signed-in reader outside a page's groups gets "not found", not a login form: the
    page does not exist for them. Shared-password pages keep Wagtail's password form."""
    if not request.user.is_authenticated:
        return None
    if page.alias_of_id is None and visibility_of(request).allows_path(page.path):
        # The request's visibility (computed once, used by the page's lists too) already
        # passed every restriction on the page and its ancestors: no query of our own. (An
        # alias follows its original's restrictions, so it takes the long way.)
        return None
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.GROUPS and not (
            restriction.accept_request(request)
        ):
            raise Http404
    return None


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    """A document used only by pages the reader may not see does not exist for them."""
    if not may_download_document(request, document):
        raise Http404


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def add_button_labels():
    """ "+ Prozessschritt" instead of an unlabelled ⊕ (prozesse/edit_panels.py)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-add-labels.js"))


@hooks.register("register_admin_urls")
def register_audience_url():
    return [
        path("sichtbarkeit/<int:page_id>/", AudienceView.as_view(), name="prozesse_audience"),
        path("hilfe/", HelpView.as_view(), name="prozesse_help"),
    ]


@hooks.register("construct_help_menu")
def german_help_only(request, menu_items):
    """Our German help instead of Wagtail's English editor guide and release notes."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in {"editor-guide"} and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.insert(
        0, MenuItem(_("Hilfe zum Prozessregister"), reverse("prozesse_help"), icon_name="help")
    )


@hooks.register("get_avatar_url")
def avatar_without_image_file(user, size):
    return initials_avatar(user, size)


@hooks.register("register_page_header_buttons")
def audience_button(page, user, view_name, next_url=None):
    if page.depth > 2 and privacy.may_edit_audience(user, page):
        yield Button(
            _("Sichtbarkeit"),
            url=reverse("prozesse_audience", args=[page.pk]),
            icon_name="view",
            priority=55,
        )


@hooks.register("before_edit_page")
def show_the_audience_while_editing(request, page):
    """Editors and reviewers see in the edit form (where they also approve) who may read it."""
    if request.method == "GET" and page.get_view_restrictions().exists():
        messages.info(request, _("Sichtbarkeit: %(who)s") % {"who": privacy.audience_label(page)})


@hooks.register("register_admin_viewset")
def page_editing_refuses_outdated_saves():
    """Every page type of the intranet is edited with the view that refuses a save based on an
    outdated version (prozesse/views/page_editing.py)."""
    return page_viewsets(
        model for model in get_page_models() if model._meta.app_label in ("home", "prozesse")
    )


@hooks.register("construct_reports_menu")
def tree_wide_reports_for_administrators(request, menu_items):
    """The page types report counts and names pages of the whole tree: administrators only
    (``SUPERUSER_ONLY_ADMIN_VIEWS``)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def choosers_offer_visible_pages(pages, request):
    """Choosing a related page offers what the editor may see, never another town's drafts or
    restricted pages."""
    return admin_visible(request, pages)


# Roles, rights and moderation workflows (prozesse/roles/): admin screen, buttons, tags;
# XProzess 2.0 downloads of processes, departments and towns (prozesse/wagtail_hooks_exports.py);
# the review conversation (prozesse/wagtail_hooks_review.py).
from prozesse import wagtail_hooks_exports, wagtail_hooks_review  # noqa: E402, F401
from prozesse.roles import wagtail_hooks as roles_wagtail_hooks  # noqa: E402, F401
