"""The admin's help in German, and an avatar that needs no image file.

* :class:`HelpView` (``/admin/hilfe/``, "Hilfe" in the admin menu): the daily steps of editors,
  reviewers and knowledge management in plain German. It replaces the links to Wagtail's
  English editor guide in the help menu and on the dashboard (``prozesse.wagtail_hooks``,
  ``templates/wagtailadmin/home/account_summary.html``).
* :func:`initials_avatar` – the avatar of a user without an uploaded picture: their initials
  in an inline SVG (``data:`` URI, allowed by the Content-Security-Policy). No gravatar
  request, no static file that can be missing.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.html import escape
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class HelpView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "prozesse/admin/help.html"
    page_title = gettext_lazy("Hilfe")
    header_icon = "help"


def initials(user) -> str:
    """One or two capitals from the user's name (or user name)."""
    names = [user.first_name, user.last_name] if (user.first_name or user.last_name) else []
    letters = "".join(name.strip()[:1] for name in names if name.strip())
    return (letters or (user.get_username() or "?")[:1]).upper()[:2]


def initials_avatar(user, size: int = 50) -> str | None:
    """A ``data:`` URI with the user's initials, unless they uploaded a picture or there is no
    user (history entries written by the system): then Wagtail's default avatar."""
    if user is None:
        return None
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">'
        '<rect width="40" height="40" fill="#1d4e89"/>'
        '<text x="20" y="25.5" font-family="sans-serif" font-size="16" font-weight="600" '
        f'fill="#ffffff" text-anchor="middle">{escape(initials(user))}</text></svg>'
    )
    return "data:image/svg+xml;charset=utf-8," + quote(svg)
