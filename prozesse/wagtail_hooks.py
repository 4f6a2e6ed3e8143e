"""Admin wiring: snippets for people and IT systems, and the register list for editors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from intranet.spreadsheet import FormulaSafeExportMixin
from prozesse.models import ITSystem, Law, LawParagraph, Person, ProcessPage


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "municipality", "department", "email", "left_on"]
    list_filter = ["municipality", "department"]
    search_fields = ["name", "role", "email"]


class ITSystemViewSet(SnippetViewSet):
    model = ITSystem
    icon = "cogs"
    menu_label = _("Fachverfahren")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "vendor"]
    search_fields = ["name", "vendor"]


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


class ProcessRegisterIndexView(FormulaSafeExportMixin, IndexView):
    """The register list; its CSV/XLSX export cannot carry formulas."""


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
    index_view_class = ProcessRegisterIndexView

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("municipality", "department", "content_owner")
        )


modeladmin_register(ProcessRegisterAdmin)

# Roles, rights and moderation workflows (prozesse/workflows.py): admin view, buttons, tags.
from prozesse import wagtail_hooks_workflows  # noqa: E402, F401
