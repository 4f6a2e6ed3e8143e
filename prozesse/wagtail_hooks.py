"""Admin wiring: snippets for people and IT systems, and the register list for editors."""

from __future__ import annotations

from django.contrib.admin import RelatedFieldListFilter
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from intranet.spreadsheet import FormulaSafeExportMixin
from prozesse import privacy
from prozesse.file_access import may_download_document
from prozesse.models import ITSystem, Law, LawParagraph, Person, ProcessPage
from prozesse.views.privacy import AudienceView
from prozesse.visibility import admin_visible


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


class VisiblePageListFilter(RelatedFieldListFilter):
    """A filter over related pages (town, department) that offers only pages the user may see."""

    def field_choices(self, field, request, model_admin):
        pages = admin_visible(request, field.related_model.objects.all()).order_by("title")
        return [(page.pk, page.title) for page in pages]


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
    list_filter = (
        ("municipality", VisiblePageListFilter),
        "category",
        "status",
        "maturity",
        "live",
        ("department", VisiblePageListFilter),
    )
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
        # Live processes the user may see, drafts only where the user holds page rights.
        return admin_visible(
            request,
            super()
            .get_queryset(request)
            .select_related("municipality", "department", "content_owner"),
        )


modeladmin_register(ProcessRegisterAdmin)


# ------------------------------------------------------------------ the visibility rule
@hooks.register("before_serve_page", order=-10)
def restricted_pages_are_absent(page, request, serve_args, serve_kwargs):
    """A signed-in reader outside a page's groups gets "not found", not a login form: the
    page does not exist for them. Shared-password pages keep Wagtail's password form."""
    if not request.user.is_authenticated:
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


@hooks.register("register_admin_urls")
def register_audience_url():
    return [path("sichtbarkeit/<int:page_id>/", AudienceView.as_view(), name="prozesse_audience")]


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


@hooks.register("construct_page_chooser_queryset")
def choosers_offer_visible_pages(pages, request):
    """Choosing a related page offers what the editor may see, never another town's drafts or
    restricted pages."""
    return admin_visible(request, pages)


# Roles, rights and moderation workflows (prozesse/workflows.py): admin view, buttons, tags;
# XProzess 2.0 downloads of processes, departments and towns (prozesse/wagtail_hooks_exports.py).
from prozesse import wagtail_hooks_exports, wagtail_hooks_workflows  # noqa: E402, F401
