"""The "Überfällige Prüfungen" report for knowledge management (/admin/wissen/ueberfaellig/):
every register entry whose review is overdue in the user's towns (``knowledge.overdue``),
filtered by town, department and owner (:class:`OverdueFilterSet`), with three actions per
row: remind the owner (POST, once a day), confirm the review (the existing confirmation
screen, back to the list afterwards) and give the page to another person of its town.

Only knowledge managers open it; a page outside their list (another town, not visible, not
overdue) does not exist for them (404).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView

from knowledge.forms import PersonChoiceField
from knowledge.overdue import (
    overdue_entries,
    overdue_entry,
    owner_choices,
    reassign_owner,
    remind_owner,
)
from knowledge.roles import is_knowledge_manager
from knowledge.views.admin.base import KnowledgeAdminView
from prozesse.models import DepartmentPage, MunicipalityPage, Person, RegisterEntryPage
from prozesse.towns import in_acting_towns
from prozesse.visibility import visibility_of

INDEX = "knowledge_overdue:index"


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department always with its town: 27 departments, several with the same name."""

    def label_from_instance(self, department) -> str:
        town = department.municipality_title or ""
        return f"{department.title} ({town})" if town else department.title


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person) -> str:
        town = person.municipality.title if person.municipality_id else ""
        return f"{person.name} ({town})" if town else person.name


class DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentChoiceField


class OwnerFilter(django_filters.ModelChoiceFilter):
    field_class = OwnerChoiceField


class OverdueFilterSet(WagtailFilterSet):
    """Town, department and owner; each offers only what occurs in the user's own list."""

    kommune = django_filters.ModelChoiceFilter(
        field_name="municipality", label=gettext_lazy("Kommune"),
        queryset=MunicipalityPage.objects.none(), empty_label=gettext_lazy("Alle Kommunen"),
    )  # fmt: skip
    fachbereich = DepartmentFilter(
        field_name="department", label=gettext_lazy("Fachbereich"),
        queryset=DepartmentPage.objects.none(), empty_label=gettext_lazy("Alle Fachbereiche"),
    )  # fmt: skip
    verantwortlich = OwnerFilter(
        field_name="content_owner", label=gettext_lazy("Verantwortlich"),
        queryset=Person.objects.none(), empty_label=gettext_lazy("Alle Personen"),
    )  # fmt: skip

    class Meta:
        model = RegisterEntryPage
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        entries = overdue_entries(request.user, visibility_of(request, for_admin=True))
        self.filters["kommune"].queryset = in_acting_towns(
            MunicipalityPage.objects.all(), request.user, field="pk"
        ).order_by("title")
        self.filters["fachbereich"].queryset = departments_with_town(
            DepartmentPage.objects.filter(pk__in=entries.values("department"))
        )
        self.filters["verantwortlich"].queryset = (
            Person.objects.filter(pk__in=entries.values("content_owner"))
            .select_related("municipality")
            .order_by("name")
        )


def departments_with_town(departments: QuerySet[DepartmentPage]) -> QuerySet[DepartmentPage]:
    """``departments`` with their town's title (``municipality_title``), sorted by town."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - DepartmentPage.steplen)
    town = MunicipalityPage.objects.filter(path=parent_path).values("title")[:1]
    return departments.annotate(municipality_title=Subquery(town)).order_by(
        "municipality_title", "title"
    )


class LabelledColumn(Column):
    """A cell that names its column (``data-label``), so rows can stack on a phone."""

    cell_template_name = "knowledge/admin/overdue/cell.html"


class PlaceColumn(LabelledColumn):
    """Town and department of an entry."""

    def get_value(self, instance):
        parts = [
            instance.municipality.title if instance.municipality_id else "",
            instance.department.title if instance.department_id else "",
        ]
        return " – ".join(part for part in parts if part) or "–"


class OverdueColumn(LabelledColumn):
    cell_template_name = "knowledge/admin/overdue/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["days"] = (timezone.localdate() - instance.next_review_date).days
        return context


class ActionsColumn(LabelledColumn):
    cell_template_name = "knowledge/admin/overdue/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        back = reverse(INDEX)
        query = parent_context["request"].GET.urlencode()
        context.update(
            page=instance,
            next_url=f"{back}?{query}" if query else back,
            csrf_token=parent_context.get("csrf_token"),
        )
        return context


class EntryTitleColumn(LabelledColumn):
    cell_template_name = "knowledge/admin/overdue/title_cell.html"


class OverdueReportView(ReportView):
    template_name = "knowledge/admin/overdue/index.html"
    page_title = gettext_lazy("Überfällige Prüfungen")
    header_icon = "date"
    index_url_name = INDEX
    index_results_url_name = "knowledge_overdue:index_results"
    filterset_class = OverdueFilterSet
    paginate_by = 50
    table_classname = "listing overdue-listing"
    columns = [
        EntryTitleColumn("title", label=gettext_lazy("Seite")),
        LabelledColumn("type_label", label=gettext_lazy("Art")),
        PlaceColumn("place", label=gettext_lazy("Kommune – Fachbereich")),
        LabelledColumn(
            "content_owner",
            label=gettext_lazy("Verantwortlich"),
            accessor=lambda page: page.content_owner.name if page.content_owner_id else "–",
        ),
        OverdueColumn("next_review_date", label=gettext_lazy("Fällig seit")),
        ActionsColumn("actions", label=gettext_lazy("Aktionen")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_knowledge_manager(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = overdue_entries(self.request.user, visibility_of(self.request, for_admin=True))
        return self.filter_queryset(queryset)

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return _("Mit diesen Filtern ist keine Prüfung überfällig.")
        return _("Keine Prüfung ist überfällig. Gut gemacht!")


def _entry_or_404(request, page_id: int) -> RegisterEntryPage:
    entry = overdue_entry(request.user, visibility_of(request, for_admin=True), page_id)
    if entry is None:
        raise Http404(_("Diese Seite steht nicht in Ihrer Liste überfälliger Prüfungen."))
    return entry


class OverdueActionView(KnowledgeAdminView):
    """An action on one row: knowledge managers only, the page from their own list."""

    def user_may_act(self, user) -> bool:
        return is_knowledge_manager(user)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = None

    def entry(self) -> RegisterEntryPage:
        if self.page is None:
            self.page = _entry_or_404(self.request, self.kwargs["page_id"])
        return self.page

    def back(self):
        return get_valid_next_url_from_request(self.request) or reverse(INDEX)

    def extra_breadcrumbs(self) -> list[dict]:
        return [
            {"url": reverse(INDEX), "label": _("Überfällige Prüfungen")},
            {"url": "", "label": self.get_page_title()},
        ]


@method_decorator(require_POST, name="dispatch")
class RemindView(OverdueActionView):
    def post(self, request, page_id):
        page = self.entry()
        try:
            sent = remind_owner(page, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Erinnerung zu „%(title)s“ verschickt an: %(to)s.")
                % {"title": page.title, "to": ", ".join(sent)},
            )
        return redirect(self.back())


class ReassignForm(forms.Form):
    person = PersonChoiceField(
        label=_("Neue verantwortliche Person"),
        queryset=Person.objects.none(),
        error_messages={
            "required": gettext_lazy("Bitte wählen Sie die Person aus, die die Seite übernimmt."),
            "invalid_choice": gettext_lazy(
                "Diese Person kann die Seite nicht übernehmen. Bitte wählen Sie aus der Liste."
            ),
        },
        help_text=gettext_lazy(
            "Nur Personen der Kommune dieser Seite, die nicht ausgeschieden sind."
        ),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = owner_choices(page)


class ReassignView(OverdueActionView):
    template_name = "knowledge/admin/overdue/reassign.html"
    page_title = gettext_lazy("Neu zuweisen")
    header_icon = "user"

    def get_page_subtitle(self):
        return self.entry().title

    def get(self, request, page_id):
        page = self.entry()
        return self.render(page=page, form=ReassignForm(page=page), next_url=self.back())

    def post(self, request, page_id):
        page = self.entry()
        form = ReassignForm(request.POST, page=page)
        if not form.is_valid():
            return self.render(page=page, form=form, next_url=self.back())
        person = form.cleaned_data["person"]
        try:
            proposal = reassign_owner(page, person, request.user)
        except ValidationError as error:
            form.add_error("person", error)
            return self.render(page=page, form=form, next_url=self.back())
        where = proposal.waiting_at if proposal is not None else _("schon so eingetragen")
        messages.success(
            request,
            _("„%(title)s“ wird %(name)s zugewiesen. Die Änderung wartet auf: %(where)s.")
            % {"title": page.title, "name": person.name, "where": where},
        )
        return redirect(self.back())
