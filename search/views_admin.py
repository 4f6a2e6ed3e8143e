"""Admin view "Warum dieser Treffer?" (search.explain) for editors: one page, one query.

Only for pages the user may see in the admin (the visibility rule) and may edit; another
town's or a restricted page is answered with 404, a visible page the user may not edit with
403 — neither says anything about the page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import GroupPagePermission

from prozesse.models import RegisterEntryPage
from prozesse.visibility import visibility_of
from search.explain import explain


def may_explain(user, page) -> bool:
    """Editors of the page (and administrators) may ask why it is found."""
    return page.permissions_for_user(user).can_edit()


def explain_url(page_id: int, query: str = "") -> str:
    url = reverse("search_explain", args=[page_id])
    return f"{url}?{urlencode({'q': query})}" if query else url


def add_explain_links(user, rows, query: str) -> None:
    """Set ``explain_url`` on the result rows whose page ``user`` may edit (readers without any
    page right cost no query per row)."""
    editor = user.is_authenticated and (
        user.is_superuser
        or GroupPagePermission.objects.filter(
            group__user=user, permission__codename="change_page"
        ).exists()
    )
    pages = RegisterEntryPage.objects.in_bulk([row.pk for row in rows]) if editor else {}
    for row in rows:
        page = pages.get(row.pk)
        allowed = page is not None and may_explain(user, page)
        row.explain_url = explain_url(row.pk, query) if allowed else ""


class ExplainView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/explain.html"
    page_title = gettext_lazy("Warum dieser Treffer?")
    header_icon = "search"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        page = get_object_or_404(RegisterEntryPage, pk=page_id)
        if not visibility_of(request, for_admin=True).allows(page):
            raise Http404
        if not may_explain(request.user, page):
            raise PermissionDenied
        self.page = page
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        explanation = (
            explain(
                self.page,
                query,
                user=self.request.user,
                visibility=visibility_of(self.request),
            )
            if query.strip()
            else None
        )
        context.update(page=self.page, query=query, explanation=explanation)
        return context
