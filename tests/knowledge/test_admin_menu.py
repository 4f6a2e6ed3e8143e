"""The "Wissensmanagement" menu (knowledge/viewsets.py): its entries in their order, each shown
only to users with its permission, and the screens at their addresses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def knowledge_entries(rf, user) -> list[tuple[str, str]] | None:
    """(label, address) of the menu's entries for ``user``; None when the menu is hidden."""
    reverse("wagtailadmin_home")  # the admin URLs register the viewsets and their menus
    request = rf.get("/admin/")
    request.user = user
    for item in admin_menu.menu_items_for_request(request):
        if item.name == "wissensmanagement":
            return [
                (str(entry.label), entry.url) for entry in item.menu.menu_items_for_request(request)
            ]
    return None


def user_with(*permissions: str):
    user = UserFactory()
    for name in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return type(user).objects.get(pk=user.pk)


def test_knowledge_management_sees_every_entry_in_order(rf, knowledge_manager):
    assert knowledge_entries(rf, knowledge_manager) == [
        ("Dashboard", "/admin/wissen/gesundheit/"),
        ("Überfällige Prüfungen", "/admin/wissen/ueberfaellig/"),
        ("Wissensübergaben", "/admin/wissen/uebergaben/"),
        ("Übernahmen", "/admin/wissen/uebernahmen/"),
        ("Kenntnisnahmen", "/admin/wissen/kenntnisnahmen/"),
        ("Rückmeldungen", "/admin/snippets/knowledge/feedback/"),
    ]


def test_each_entry_needs_its_view_permission(rf):
    steering = user_with("knowledge.view_knowledge_dashboard")
    readers = user_with("knowledge.view_adoption", "knowledge.view_feedback")

    assert knowledge_entries(rf, steering) == [("Dashboard", "/admin/wissen/gesundheit/")]
    assert [label for label, _url in knowledge_entries(rf, readers)] == [
        "Übernahmen",
        "Rückmeldungen",
    ]
    assert knowledge_entries(rf, user_with()) is None


def test_the_screens_keep_their_addresses():
    assert reverse("knowledge_dashboard:index") == "/admin/wissen/gesundheit/"
    assert reverse("knowledge_handovers:add") == "/admin/wissen/uebergaben/neu/"
    assert (
        reverse("knowledge_handovers:close", args=[7]) == "/admin/wissen/uebergaben/7/abschliessen/"
    )
    assert reverse("knowledge_adoptions:adopt", args=[7]) == "/admin/wissen/uebernehmen/7/"
    assert reverse("knowledge_adoptions:compare", args=[7]) == "/admin/wissen/uebernahmen/7/"
    assert reverse("knowledge_reviews:confirm", args=[7]) == "/admin/wissen/bestaetigen/7/"
