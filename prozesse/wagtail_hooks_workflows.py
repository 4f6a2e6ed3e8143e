"""Admin wiring for roles and moderation (imported by prozesse/wagtail_hooks.py): the
"Rollen und Freigabe" view for administrators, a button on department pages, and the tag
snippets that knowledge management maintains."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prozesse.models import DepartmentPage
from prozesse.workflows_admin import RolesView


@hooks.register("register_admin_urls")
def register_roles_url():
    return [path("rollen/", RolesView.as_view(), name="prozesse_roles")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_roles_menu_item():
    return SuperuserMenuItem(
        _("Rollen und Freigabe"), reverse("prozesse_roles"), icon_name="group", order=250
    )


@hooks.register("register_page_header_buttons")
def roles_button_on_departments(page, user, view_name, next_url=None):
    if user.is_superuser and page.specific_class is DepartmentPage:
        yield Button(
            _("Rollen und Freigabe"),
            url=reverse("prozesse_roles") + f"?fachbereich={page.pk}",
            icon_name="group",
            priority=60,
        )


class TagViewSet(SnippetViewSet):
    """Tags (Schlagwörter) of register entries, maintained by knowledge management."""

    model = Tag
    icon = "tag"
    menu_label = _("Schlagwörter")
    menu_order = 320
    add_to_admin_menu = True
    panels = [FieldPanel("name")]
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TagViewSet)
