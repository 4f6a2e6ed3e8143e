"""Admin wiring for roles and moderation, imported by prozesse/wagtail_hooks.py (Wagtail
autoloads only an app's own ``wagtail_hooks`` module): the screen "Rollen und Freigabe" for
administrators and its button on department pages, the four-eyes rule in the page editor and
its log entry, and the tag snippets that knowledge management maintains."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from prozesse.admin_visibility import VisibleSnippetViewSet, visible_tags
from prozesse.four_eyes import refuse_own_approval
from prozesse.models import DepartmentPage
from prozesse.models.approval import SUPERUSER_APPROVAL_ACTION
from prozesse.roles.views import RolesViewSet, roles_viewset


@hooks.register("register_admin_viewset")
def register_roles_viewset() -> RolesViewSet:
    return roles_viewset


@hooks.register("register_page_header_buttons")
def roles_button_on_departments(page, user, view_name, next_url=None):
    if user.is_superuser and page.specific_class is DepartmentPage:
        yield Button(
            _("Rollen und Freigabe"),
            url=reverse(roles_viewset.index_url_name) + f"?fachbereich={page.pk}",
            icon_name="group",
            priority=60,
        )


@hooks.register("before_edit_page")
def four_eyes_on_edit(request, page):
    return refuse_own_approval(request, page)


@hooks.register("register_log_actions")
def register_four_eyes_log_actions(actions):
    @actions.register_action(SUPERUSER_APPROVAL_ACTION)
    class SuperuserApproval(LogFormatter):
        label = _("Freigabe durch die Administration")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            verb = (
                gettext("freigegeben")
                if data.get("action") == "approve"
                else gettext("Änderungen angefordert")
            )
            return gettext(
                "Administration hat im Schritt „%(task)s“ %(verb)s, ohne Mitglied der "
                "Prüfgruppe zu sein (eingereicht von %(requester)s)"
            ) % {
                "task": data.get("task", "–"),
                "verb": verb,
                "requester": data.get("requested_by") or "–",
            }


class TagViewSet(VisibleSnippetViewSet):
    """Tags (Schlagwörter) of register entries, maintained by knowledge management."""

    model = Tag
    icon = "tag"
    menu_label = _("Schlagwörter")
    menu_order = 320
    add_to_admin_menu = True
    panels = [FieldPanel("name")]
    list_display = ["name", "slug"]
    search_fields = ["name"]

    def visible(self, request):
        # A tag used only by pages the user may not see is not theirs (its name is content).
        return visible_tags(request)


register_snippet(TagViewSet)
