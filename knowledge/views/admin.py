"""Admin views of knowledge management (under /admin/wissen/)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from intranet.input_guards import parse_id
from knowledge import adoption as adoption_service
from knowledge import handover as handover_service
from knowledge.charts import SEQUENTIAL, Series, grouped_percent_bars, stacked_share_bars
from knowledge.forms import (
    AdoptForm,
    ConfirmForm,
    HandoverItemsForm,
    HandoverStartForm,
    InterviewEntryForm,
    TakeOverForm,
)
from knowledge.health import health_csv, health_report
from knowledge.models import (
    TOPIC_PROMPTS,
    Adoption,
    Handover,
    HandoverStatus,
    InterviewEntry,
    InterviewTopic,
)
from knowledge.reviews import can_confirm, confirm_current, next_review_after
from prozesse.towns import in_acting_towns
from prozesse.visibility import visibility_of, visible


class AdminView(WagtailAdminTemplateMixin, View):
    """An admin page with Wagtail's furniture and a permission check."""

    permission_required: str | None = None
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission(request):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, request) -> bool:
        user = request.user
        return self.permission_required is None or user.has_perm(self.permission_required)

    def render(self, **context):
        return self.render_to_response(self.get_context_data(**context))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, *self.extra_breadcrumbs()]

    def extra_breadcrumbs(self) -> list[dict]:
        return [{"url": "", "label": self.get_page_title()}]


def _register_entry(page_id: int):
    from prozesse.models import RegisterEntryPage

    return get_object_or_404(
        RegisterEntryPage.objects.select_related("content_owner", "municipality"), pk=page_id
    ).specific


# ---------------------------------------------------------------------------- review


class ConfirmView(AdminView):
    template_name = "knowledge/admin/confirm.html"
    page_title = gettext_lazy("Aktualität bestätigen")
    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = _register_entry(kwargs["page_id"])

    def has_permission(self, request) -> bool:
        return can_confirm(request.user, self.page)

    def get_page_subtitle(self):
        return self.page.title

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("wagtailadmin_home")

    def get(self, request, page_id):
        return self.render(
            page=self.page,
            form=ConfirmForm(),
            next_date=next_review_after(self.page, timezone.localdate()),
            next_url=self.next_url(),
        )

    def post(self, request, page_id):
        form = ConfirmForm(request.POST)
        if not self.page.live:
            messages.error(request, _("Nur veröffentlichte Seiten können bestätigt werden."))
            return redirect(self.next_url())
        if not form.is_valid():
            return self.render(
                page=self.page,
                form=form,
                next_date=next_review_after(self.page, timezone.localdate()),
                next_url=self.next_url(),
            )
        confirmation = confirm_current(self.page, request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _("„%(title)s“ ist als aktuell bestätigt. Nächste Überprüfung am %(date)s.")
            % {
                "title": self.page.title,
                "date": confirmation.next_review_date.strftime("%d.%m.%Y"),
            },
        )
        return redirect(self.next_url())


# ---------------------------------------------------------------------------- handover


class HandoverMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.handover = get_object_or_404(
            Handover.objects.select_related("person__municipality", "default_successor"),
            pk=kwargs["pk"],
        )

    @property
    def visibility(self):
        """Items and interview notes on pages the user may not see are left out (counted)."""
        return visibility_of(self.request, for_admin=True)

    def visible_items(self):
        return self.handover.items.filter(self.visibility.q("page__"))

    def hidden_item_count(self) -> int:
        return self.handover.items.count() - self.visible_items().count()

    def interview_entries(self):
        return self.handover.interview_entries.prefetch_related(
            Prefetch("pages", queryset=self.visibility.apply(Page.objects.all()))
        )

    def has_permission(self, request) -> bool:
        """Only knowledge management of the person's town (or of all towns)."""
        return super().has_permission(request) and handover_service.may_hand_over(
            request.user, self.handover.person
        )

    def get_page_subtitle(self):
        return self.handover.person.name

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge:handover_list"), "label": _("Wissensübergaben")},
            {
                "url": reverse("knowledge:handover_detail", args=[self.handover.pk]),
                "label": self.handover.person.name,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class HandoverListView(AdminView):
    template_name = "knowledge/admin/handover_list.html"
    permission_required = "knowledge.view_handover"
    page_title = gettext_lazy("Wissensübergaben")
    header_icon = "group"

    def get(self, request):
        handovers = in_acting_towns(
            Handover.objects.all(), request.user, field="person__municipality"
        )
        handovers = handovers.select_related("person__municipality", "default_successor").annotate(
            item_count=Count(
                "items",
                filter=Q(items__kind__in=handover_service.REASSIGNABLE_KINDS),
                distinct=True,
            ),
            done_count=Count("items", filter=Q(items__done_at__isnull=False), distinct=True),
            answer_count=Count("interview_entries", distinct=True),
        )
        return self.render(
            handovers=handovers,
            can_add=request.user.has_perm("knowledge.add_handover"),
            today=timezone.localdate(),
        )


class HandoverCreateView(AdminView):
    template_name = "knowledge/admin/handover_create.html"
    permission_required = "knowledge.add_handover"
    page_title = gettext_lazy("Wissensübergabe beginnen")
    header_icon = "group"

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge:handover_list"), "label": _("Wissensübergaben")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request):
        initial = {}
        if person_id := parse_id(request.GET.get("person")):
            initial["person"] = person_id
        return self.render(form=HandoverStartForm(initial=initial))

    def post(self, request):
        form = HandoverStartForm(request.POST)
        if not form.is_valid():
            return self.render(form=form)
        data = form.cleaned_data
        try:
            handover = handover_service.start_handover(
                data["person"],
                reason=data["reason"],
                last_working_day=data["last_working_day"],
                return_date=data.get("return_date"),
                default_successor=data.get("default_successor"),
                note=data.get("note", ""),
                user=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render(form=form)
        messages.success(
            request,
            _(
                "Wissensübergabe für %(name)s begonnen: %(count)d Einträge nennen die Person. "
                "Wählen Sie die Nachfolge und übertragen Sie dann in einem Schritt."
            )
            % {"name": handover.person.name, "count": handover.items.count()},
        )
        return redirect("knowledge:handover_detail", handover.pk)


class HandoverDetailView(HandoverMixin, AdminView):
    template_name = "knowledge/admin/handover_detail.html"
    permission_required = "knowledge.view_handover"
    page_title = gettext_lazy("Wissensübergabe")
    header_icon = "group"

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge:handover_list"), "label": _("Wissensübergaben")},
            {"url": "", "label": self.handover.person.name},
        ]

    def context(self, form):
        return {
            "handover": self.handover,
            "form": form,
            "can_change": self.request.user.has_perm("knowledge.change_handover"),
            "answers": self.handover.interview_entries.count(),
            "topics": len(InterviewTopic.values),
            "answered_topics": self.handover.interview_entries.values("topic").distinct().count(),
            "hidden_items": self.hidden_item_count(),
        }

    def get(self, request, pk):
        form = HandoverItemsForm(handover=self.handover, items=self.visible_items())
        return self.render(**self.context(form))

    def post(self, request, pk):
        if not request.user.has_perm("knowledge.change_handover"):
            return permission_denied(request)
        if self.handover.status == HandoverStatus.CLOSED:
            messages.error(request, _("Diese Wissensübergabe ist abgeschlossen."))
            return redirect("knowledge:handover_detail", pk)
        if request.POST.get("action") == "refresh":
            added, removed = handover_service.refresh_items(self.handover)
            messages.success(
                request,
                _("Einträge neu ermittelt: %(added)d hinzugekommen, %(removed)d entfallen.")
                % {"added": added, "removed": removed},
            )
            return redirect("knowledge:handover_detail", pk)
        form = HandoverItemsForm(request.POST, handover=self.handover, items=self.visible_items())
        if not form.is_valid():
            return self.render(**self.context(form))
        form.save()
        if request.POST.get("action") == "execute":
            return redirect("knowledge:handover_execute", pk)
        messages.success(request, _("Nachfolge gespeichert."))
        return redirect("knowledge:handover_detail", pk)


class HandoverExecuteView(HandoverMixin, AdminView):
    template_name = "knowledge/admin/handover_execute.html"
    permission_required = "knowledge.change_handover"
    page_title = gettext_lazy("Übergabe ausführen")
    header_icon = "group"

    def rows(self):
        return [
            (item, item.successor or self.handover.default_successor)
            for item in self.visible_items()
            .filter(
                selected=True, done_at__isnull=True, kind__in=handover_service.REASSIGNABLE_KINDS
            )
            .select_related("page", "successor")
        ]

    def errors(self):
        try:
            handover_service.validate_transfer(self.handover, visibility=self.visibility)
        except ValidationError as error:
            return error.messages
        return []

    def get(self, request, pk):
        return self.render(handover=self.handover, rows=self.rows(), errors=self.errors())

    def post(self, request, pk):
        try:
            transfer = handover_service.execute_handover(
                self.handover, request.user, visibility=self.visibility
            )
        except ValidationError as error:
            return self.render(handover=self.handover, rows=self.rows(), errors=error.messages)
        messages.success(
            request,
            _(
                "%(items)d Einträge auf %(pages)d Seiten übertragen. Veröffentlicht ist noch "
                "nichts: Jede Änderung wartet in der Freigabe ihrer Seite (siehe Liste). Die "
                "Seitenhistorie zeigt, wer was an wen übergeben hat."
            )
            % {"items": transfer.items, "pages": transfer.pages},
        )
        return redirect("knowledge:handover_detail", pk)


class HandoverCloseView(HandoverMixin, AdminView):
    permission_required = "knowledge.change_handover"

    def post(self, request, pk):
        handover_service.close_handover(self.handover)
        messages.success(request, _("Wissensübergabe abgeschlossen."))
        return redirect("knowledge:handover_detail", pk)


class InterviewView(HandoverMixin, AdminView):
    template_name = "knowledge/admin/interview.html"
    permission_required = "knowledge.change_handover"
    page_title = gettext_lazy("Übergabegespräch")
    header_icon = "edit"

    def sections(self, bound_form=None, editing=None):
        entries = self.interview_entries()
        result = []
        for topic, label in InterviewTopic.choices:
            topic_entries = [entry for entry in entries if entry.topic == topic]
            auto_id = f"id_{topic}_%s"
            if bound_form is not None and bound_form.data.get("topic") == topic:
                form = bound_form
                form.auto_id = auto_id
            elif editing is not None and editing.topic == topic:
                form = InterviewEntryForm(
                    instance=editing,
                    handover=self.handover,
                    items=self.visible_items(),
                    auto_id=auto_id,
                )
            else:
                form = InterviewEntryForm(
                    initial={"topic": topic},
                    handover=self.handover,
                    items=self.visible_items(),
                    auto_id=auto_id,
                )
            result.append(
                {
                    "topic": topic,
                    "label": label,
                    "prompt": TOPIC_PROMPTS[topic],
                    "entries": topic_entries,
                    "form": form,
                    "editing": editing if editing and editing.topic == topic else None,
                }
            )
        return result

    def get(self, request, pk):
        editing = None
        if entry_id := parse_id(request.GET.get("bearbeiten")):
            editing = get_object_or_404(InterviewEntry, pk=entry_id, handover=self.handover)
        return self.render(handover=self.handover, sections=self.sections(editing=editing))

    def post(self, request, pk):
        if request.POST.get("delete", "").isdigit():
            InterviewEntry.objects.filter(
                pk=int(request.POST["delete"]), handover=self.handover
            ).delete()
            messages.success(request, _("Antwort gelöscht."))
            return redirect("knowledge:handover_interview", pk)
        instance = None
        if request.POST.get("entry", "").isdigit():
            instance = get_object_or_404(
                InterviewEntry, pk=int(request.POST["entry"]), handover=self.handover
            )
        form = InterviewEntryForm(
            request.POST, instance=instance, handover=self.handover, items=self.visible_items()
        )
        if not form.is_valid():
            return self.render(
                handover=self.handover, sections=self.sections(bound_form=form, editing=instance)
            )
        entry = form.save(commit=False)
        entry.handover = self.handover
        entry.save()
        form.save_m2m()
        messages.success(request, _("Antwort gespeichert."))
        return redirect(reverse("knowledge:handover_interview", args=[pk]) + f"#{entry.topic}")


class HandoverPrintView(HandoverMixin, AdminView):
    """The Wissensübergabe-Protokoll, printable (no admin furniture)."""

    template_name = "knowledge/handover_print.html"
    permission_required = "knowledge.view_handover"

    def get(self, request, pk):
        entries = self.interview_entries()
        sections = [
            {
                "label": label,
                "prompt": TOPIC_PROMPTS[topic],
                "entries": [entry for entry in entries if entry.topic == topic],
            }
            for topic, label in InterviewTopic.choices
        ]
        items = self.visible_items().select_related("page", "successor", "revision")
        return self.render(
            handover=self.handover,
            sections=sections,
            items=items.order_by("kind", "pk"),
            hidden_items=self.hidden_item_count(),
            printed_at=timezone.now(),
        )


# ---------------------------------------------------------------------------- adoption


class AdoptView(AdminView):
    template_name = "knowledge/admin/adopt.html"
    page_title = gettext_lazy("Prozess übernehmen")
    header_icon = "copy"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from prozesse.models import ProcessPage

        # Only a live process the user may see can be adopted; anything else does not exist.
        self.origin = get_object_or_404(
            visible(
                request,
                ProcessPage.objects.live().select_related("municipality", "content_owner"),
            ),
            pk=kwargs["page_id"],
        )

    def get_page_subtitle(self):
        return self.origin.title

    def render_form(self, form, departments):
        existing = visible(
            self.request,
            Adoption.objects.filter(origin=self.origin).select_related("copy__municipality"),
            prefix="copy__",
        )
        person = getattr(self.request.user, "person", None)
        own_town = bool(
            person is not None
            and person.municipality_id
            and person.municipality_id == self.origin.municipality_id
        )
        return self.render(
            origin=self.origin,
            form=form,
            departments=departments,
            existing=existing,
            own_town=own_town,
        )

    def get(self, request, page_id):
        departments = adoption_service.adoptable_departments(request.user, self.origin)
        return self.render_form(AdoptForm(departments=departments), departments)

    def post(self, request, page_id):
        departments = adoption_service.adoptable_departments(request.user, self.origin)
        form = AdoptForm(request.POST, departments=departments)
        if not form.is_valid():
            return self.render_form(form, departments)
        try:
            copy = adoption_service.adopt(
                self.origin,
                form.cleaned_data["department"],
                request.user,
                session=request.session,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, departments)
        messages.success(
            request,
            _(
                "„%(title)s“ wurde als Entwurf übernommen. Passen Sie ihn an Ihre Kommune an und "
                "reichen Sie ihn zur Freigabe ein."
            )
            % {"title": copy.title},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)


class AdoptionListView(AdminView):
    template_name = "knowledge/admin/adoption_list.html"
    permission_required = "knowledge.view_adoption"
    page_title = gettext_lazy("Übernahmen")
    header_icon = "copy"

    def get(self, request):
        visibility = visibility_of(request, for_admin=True)
        adoptions = visibility.apply(
            visibility.apply(
                Adoption.objects.select_related(
                    "copy__municipality", "origin__municipality", "adopted_by"
                ),
                "copy__",
            ),
            "origin__",
        ).order_by("-origin_changed", "-adopted_at")
        return self.render(adoptions=adoptions)


class AdoptionCompareView(AdminView):
    template_name = "knowledge/admin/adoption_compare.html"
    page_title = gettext_lazy("Vergleich mit dem Original")
    header_icon = "history"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.adoption = get_object_or_404(
            Adoption.objects.select_related("copy", "origin__municipality", "origin_revision"),
            pk=kwargs["pk"],
        )
        if self.adoption.origin_id is None:
            raise Http404(_("Das Original gibt es nicht mehr."))
        visibility = visibility_of(request, for_admin=True)
        if not (visibility.allows(self.adoption.copy) and visibility.allows(self.adoption.origin)):
            raise Http404

    def can_take_over(self, user) -> bool:
        return self.adoption.copy.permissions_for_user(user).can_edit()

    def has_permission(self, request) -> bool:
        user = request.user
        return self.can_take_over(user) or user.has_perm("knowledge.view_adoption")

    def get_page_subtitle(self):
        return self.adoption.copy.title

    def render_comparison(self, comparison, form):
        return self.render(
            adoption=self.adoption,
            comparison=comparison,
            form=form,
            can_take_over=self.can_take_over(self.request.user),
        )

    def get(self, request, pk):
        comparison = adoption_service.compare(self.adoption)
        return self.render_comparison(comparison, TakeOverForm(comparison=comparison))

    def post(self, request, pk):
        if not self.can_take_over(request.user):
            return permission_denied(request)
        comparison = adoption_service.compare(self.adoption)
        form = TakeOverForm(request.POST, comparison=comparison)
        if not form.is_valid():
            return self.render_comparison(comparison, form)
        acknowledge = form.cleaned_data["action"] == "kenntnis"
        revision = adoption_service.take_over(
            self.adoption,
            fields=[] if acknowledge else form.cleaned_data["fields_"],
            steps=[] if acknowledge else form.cleaned_data["steps"],
            user=request.user,
        )
        if revision is None:
            messages.success(request, _("Die Änderungen des Originals sind zur Kenntnis genommen."))
            return redirect("knowledge:adoption_compare", pk)
        messages.success(
            request,
            _(
                "Die gewählten Änderungen stehen jetzt in einem neuen Entwurf. Prüfen Sie ihn und "
                "reichen Sie ihn zur Freigabe ein."
            ),
        )
        return redirect("wagtailadmin_pages:edit", self.adoption.copy_id)


# ---------------------------------------------------------------------------- health


MATURITY_SERIES = [
    Series(label, color)
    for label, color in zip(
        [
            gettext_lazy("0 – offline"),
            gettext_lazy("1 – Information"),
            gettext_lazy("2 – Formular"),
            gettext_lazy("3 – Online-Antrag"),
            gettext_lazy("4 – vollständig digital"),
            gettext_lazy("ohne Angabe"),
        ],
        SEQUENTIAL,
        strict=True,
    )
]
PERCENT_SERIES = [
    Series(gettext_lazy("mit Verantwortlichen"), "#004b87"),
    Series(gettext_lazy("mit BPMN"), "#2e6b30"),
    Series(gettext_lazy("Prüfung überfällig"), "#a4000f"),
]


class HealthView(AdminView):
    template_name = "knowledge/admin/health.html"
    permission_required = "knowledge.view_knowledge_dashboard"
    page_title = gettext_lazy("Wissens-Dashboard")
    header_icon = "table"

    def get(self, request):
        report = health_report(visibility_of(request, for_admin=True))
        if request.GET.get("format") == "csv":
            response = HttpResponse(health_csv(report), content_type="text/csv; charset=utf-8")
            filename = f"wissens-dashboard-{report.today:%Y-%m-%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        towns = [town.town for town in report.towns]
        percent_chart = grouped_percent_bars(
            _("Anteil der Prozesse je Kommune"),
            [(t.label, [t.owner_pct, t.bpmn_pct, t.overdue_pct]) for t in towns],
            [Series(str(s.label), s.color) for s in PERCENT_SERIES],
            "chart-anteile",
        )
        maturity_chart = stacked_share_bars(
            _("Reifegrad der Prozesse je Kommune"),
            [(t.label, t.maturity_list) for t in towns],
            [Series(str(s.label), s.color) for s in MATURITY_SERIES],
            "chart-reifegrad",
        )
        open_handovers = Handover.objects.exclude(status=HandoverStatus.CLOSED).select_related(
            "person"
        )
        changed = Adoption.objects.filter(origin_changed=True).select_related("copy__municipality")
        return self.render(
            report=report,
            percent_chart=percent_chart,
            maturity_chart=maturity_chart,
            open_handovers=open_handovers,
            changed_adoptions=changed,
            maturity_labels=[s.label for s in MATURITY_SERIES],
        )
