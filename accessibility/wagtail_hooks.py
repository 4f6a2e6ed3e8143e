"""Registers the admin list of barrier reports and links the accessibility statement from
every admin page (BITV 2.0: the statement must be reachable from every page; the intranet's
own pages link it in their footer)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from accessibility.viewsets import BarrierReportViewSet

register_snippet(BarrierReportViewSet)


@hooks.register("register_admin_menu_item")
def accessibility_statement_menu_item() -> MenuItem:
    return MenuItem(
        _("Barrierefreiheit"),
        reverse("accessibility_statement"),
        name="barrierefreiheit",
        icon_name="help",
        order=10000,
    )
