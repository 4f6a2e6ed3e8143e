"""Admin wiring: snippets for people and IT systems, and the register list for editors.

People and IT systems belong to a town: knowledge management of a town lists and edits only
its own (``prozesse.towns``); "Wissensmanagement (alle Kommunen)" and administrators all,
including IT systems shared by every town (no town set), which only they edit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from prozesse.models import ITSystem, Law, LawParagraph, Person, ProcessPage
from prozesse.towns import acting_towns, acts_for_all_towns, in_acting_towns, may_act_for

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
register_permission_policy(ITSystem, TownPermissionPolicy(ITSystem))


class TownScopedViewSet(SnippetViewSet):
    """Lists only records of the user's towns (see TownPermissionPolicy)."""

    #: Whether records without a town are listed to users of one town (read only).
    list_shared = False

    def get_queryset(self, request):
        return in_acting_towns(self.model.objects.all(), request.user, shared=self.list_shared)


class PersonViewSet(TownScopedViewSet):
    model = Person
    edit_handler = ObjectList(Person.panels, base_form_class=TownForm)
    icon = "user"
    menu_label = _("Personen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "municipality", "department", "email", "left_on"]
    list_filter = ["municipality", "department"]
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


class ProcessRegisterAdmin(ModelAdmin):
    """All processes of all municipalities with filters and CSV/XLSX export."""

    model = ProcessPage
    menu_label = _("Prozessregister")
    menu_icon = "list-ul"
    menu_order = 200
    add_to_settings_menu = False
    exclude_from_explorer = False
    list_display = (
        "title",
        "register_key",
        "municipality",
        "department",
        "category",
        "status",
        "maturity",
        "next_review_date",
        "live",
    )
    list_filter = ("municipality", "category", "status", "maturity", "live", "department")
    search_fields = ("title", "register_key", "service_key", "summary")
    list_export = (
        "register_key",
        "title",
        "municipality",
        "department",
        "category",
        "status",
        "maturity",
        "service_key",
        "content_owner",
        "case_volume",
        "processing_minutes",
        "rto_hours",
        "next_review_date",
        "live",
    )
    export_filename = "prozessregister"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("municipality", "department", "content_owner")
        )


modeladmin_register(ProcessRegisterAdmin)

# Roles, rights and moderation workflows (prozesse/workflows.py): admin view, buttons, tags.
from prozesse import wagtail_hooks_workflows  # noqa: E402, F401
