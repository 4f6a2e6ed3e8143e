"""The register list in the admin ("Prozessregister" in the menu): every process page the user
may see there, with the register's filters, a search over title and keys, and the list as
CSV or XLSX.

A Wagtail ``PageListingViewSet`` under ``/admin/prozesse/processpage/``; a title leads to the
page editor, which checks the page's own permissions. The rows follow the visibility rule for
the admin (``prozesse.visibility.admin_visible``): published pages the user may see, drafts
only where they hold page rights. The filters are the register page's
(``prozesse.filters.AdminRegisterFilterSet``), plus published or not.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.ui.tables.pages import PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageListingMixin
from wagtail.admin.viewsets.pages import PageListingViewSet

from intranet.spreadsheet import FormulaSafeExportMixin
from prozesse.filters import AdminRegisterFilterSet
from prozesse.models import ProcessPage
from prozesse.visibility import admin_visible

#: Fields the search box looks in (every word must appear in one of them).
SEARCH_FIELDS = ("title", "register_key", "service_key", "summary")


def _label(field: str) -> str:
    """A column title as Wagtail derives it from the field (the other columns' way)."""
    return capfirst(ProcessPage._meta.get_field(field).verbose_name)


class RegisterIndexView(FormulaSafeExportMixin, IndexView):
    """The list, its results fragment and its download (whose cells cannot carry formulas)."""

    #: Everyone with admin access sees the list; what it shows is limited row by row.
    any_permission_required = None
    #: The menu's name for the list, not the model's plural ("Prozesssteckbriefe").
    page_title = gettext_lazy("Prozessregister")
    #: Wagtail's results with the table in a labelled scroll region.
    results_template_name = "prozesse/admin/register_results.html"

    def get(self, request, *args, **kwargs):
        # A hand-made address with a wrong filter value shows the whole list again, saying so.
        if not self.results_only and self.filters is not None and not self.filters.is_valid():
            messages.error(
                request,
                _("Die Filterangaben in der Adresse waren ungültig; die Liste zeigt wieder alles."),
            )
            return redirect(request.path)
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[ProcessPage]:
        pages = admin_visible(
            self.request,
            ProcessPage.objects.select_related(
                "municipality", "department", "content_owner", for_specific_subqueries=True
            ),
        )
        return self.annotate_queryset(pages)

    def search_queryset(self, queryset: QuerySet[ProcessPage]) -> QuerySet[ProcessPage]:
        """A search in the database, word by word, not in the search index: register and
        service keys are found as typed, drafts included."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            found = (Q(**{f"{field}__icontains": word}) for field in SEARCH_FIELDS)
            queryset = queryset.filter(reduce(operator.or_, found))
        return queryset

    def get_ordering(self) -> str:
        # Searching does not sort by relevance here: the list keeps its order.
        ordering = self.request.GET.get("ordering", self.default_ordering)
        return ordering if ordering in self.get_valid_orderings() else self.default_ordering

    def order_queryset(self, queryset: QuerySet[ProcessPage]) -> QuerySet[ProcessPage]:
        # Skips PageListingMixin's "leave search results in relevance order".
        return super(PageListingMixin, self).order_queryset(queryset)


class ProcessRegisterViewSet(PageListingViewSet):
    """All processes of all municipalities, with filters and CSV/XLSX export."""

    model = ProcessPage
    name = "prozesse_register"
    url_prefix = "prozesse/processpage"
    index_view_class = RegisterIndexView
    icon = "list-ul"
    menu_label = gettext_lazy("Prozessregister")
    menu_order = 200
    add_to_admin_menu = True
    filterset_class = AdminRegisterFilterSet
    ordering = "path"
    list_display = [
        PageTitleColumn(
            "title", label=_label("title"), sort_key="title", classname="title", width="24%"
        ),
        "register_key",
        "municipality",
        "department",
        "category",
        "status",
        "maturity",
        "next_review_date",
        BooleanColumn("live", label=_label("live"), sort_key="live"),
    ]
    list_export = [
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
    ]
    export_filename = "prozessregister"
