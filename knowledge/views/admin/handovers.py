"""Knowledge handovers ("Wissensübergaben", /admin/wissen/uebergaben/): when a person leaves,
their entries are listed, successors chosen and everything handed over in one step, with an
interview on what they know and a printable record (``knowledge.handover`` does the work).

Only knowledge management of the person's town, or of all towns, opens a handover
(``knowledge.handover.may_hand_over``); items and interview notes on pages the user may not
see are left out and counted.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page

from intranet.input_guards import parse_id
from knowledge import handover as handover_service
from knowledge.forms import (
    HandoverItemsForm,
    HandoverStartForm,
)
from knowledge.interview import InterviewForm
from knowledge.models import (
    TOPIC_PROMPTS,
    Handover,
    HandoverStatus,
    InterviewTopic,
)
from knowledge.views.admin.base import KnowledgeAdminView
from prozesse.towns import in_acting_towns
from prozesse.visibility import visibility_of


class HandoverAdminView(KnowledgeAdminView):
    """A handover screen: its permissions are those of the handover model."""

    model = Handover


class HandoverMixin:
    """A screen on one handover (``pk``), for knowledge management of the person's town."""

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

    def user_may_act(self, user) -> bool:
        """Only knowledge management of the person's town (or of all towns)."""
        return handover_service.may_hand_over(user, self.handover.person)

    def get_page_subtitle(self):
        return self.handover.person.name

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge_handovers:index"), "label": _("Wissensübergaben")},
            {
                "url": reverse("knowledge_handovers:detail", args=[self.handover.pk]),
                "label": self.handover.person.name,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class HandoverListView(HandoverAdminView):
    template_name = "knowledge/admin/handover_list.html"
    permission_required = "view"
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
            can_add=self.user_has_permission("add"),
            today=timezone.localdate(),
        )


class HandoverCreateView(HandoverAdminView):
    template_name = "knowledge/admin/handover_create.html"
    permission_required = "add"
    page_title = gettext_lazy("Wissensübergabe beginnen")
    header_icon = "group"

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge_handovers:index"), "label": _("Wissensübergaben")},
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
        return redirect("knowledge_handovers:detail", handover.pk)


class HandoverDetailView(HandoverMixin, HandoverAdminView):
    template_name = "knowledge/admin/handover_detail.html"
    permission_required = "view"
    page_title = gettext_lazy("Wissensübergabe")
    header_icon = "group"

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("knowledge_handovers:index"), "label": _("Wissensübergaben")},
            {"url": "", "label": self.handover.person.name},
        ]

    def context(self, form):
        return {
            "handover": self.handover,
            "form": form,
            "can_change": self.user_has_permission("change"),
            "answers": self.handover.interview_entries.count(),
            "topics": len(InterviewTopic.values),
            "answered_topics": self.handover.interview_entries.values("topic").distinct().count(),
            "hidden_items": self.hidden_item_count(),
        }

    def get(self, request, pk):
        form = HandoverItemsForm(handover=self.handover, items=self.visible_items())
        return self.render(**self.context(form))

    def post(self, request, pk):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        if self.handover.status == HandoverStatus.CLOSED:
            messages.error(request, _("Diese Wissensübergabe ist abgeschlossen."))
            return redirect("knowledge_handovers:detail", pk)
        if request.POST.get("action") == "refresh":
            added, removed = handover_service.refresh_items(self.handover)
            messages.success(
                request,
                _("Einträge neu ermittelt: %(added)d hinzugekommen, %(removed)d entfallen.")
                % {"added": added, "removed": removed},
            )
            return redirect("knowledge_handovers:detail", pk)
        form = HandoverItemsForm(request.POST, handover=self.handover, items=self.visible_items())
        if not form.is_valid():
            return self.render(**self.context(form))
        form.save()
        if request.POST.get("action") == "execute":
            return redirect("knowledge_handovers:execute", pk)
        messages.success(request, _("Nachfolge gespeichert."))
        return redirect("knowledge_handovers:detail", pk)


class HandoverExecuteView(HandoverMixin, HandoverAdminView):
    template_name = "knowledge/admin/handover_execute.html"
    permission_required = "change"
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
        return redirect("knowledge_handovers:detail", pk)


class HandoverCloseView(HandoverMixin, HandoverAdminView):
    permission_required = "change"

    def post(self, request, pk):
        handover_service.close_handover(self.handover)
        messages.success(request, _("Wissensübergabe abgeschlossen."))
        return redirect("knowledge_handovers:detail", pk)


class InterviewView(HandoverMixin, HandoverAdminView):
    """The whole interview as one form (``knowledge.interview.InterviewForm``): one save keeps
    every answer; a failed check shows every box again with what was typed."""

    template_name = "knowledge/admin/interview.html"
    permission_required = "change"
    page_title = gettext_lazy("Übergabegespräch")
    header_icon = "edit"

    def interview_form(self, data=None) -> InterviewForm:
        return InterviewForm(
            self.handover,
            entries=self.interview_entries(),
            items=self.visible_items(),
            data=data,
        )

    def get(self, request, pk):
        return self.render(handover=self.handover, interview=self.interview_form())

    def post(self, request, pk):
        interview = self.interview_form(request.POST)
        if not interview.is_valid():
            messages.error(
                request,
                _(
                    "Nicht gespeichert: bitte prüfen Sie die markierten Antworten. "
                    "Alles Geschriebene steht noch in den Feldern."
                ),
            )
            return self.render(handover=self.handover, interview=interview)
        saved, deleted = interview.save()
        if saved or deleted:
            messages.success(
                request,
                _(
                    "Übergabegespräch gespeichert: %(saved)s Antworten gespeichert, "
                    "%(deleted)s gelöscht."
                )
                % {"saved": saved, "deleted": deleted},
            )
        else:
            messages.info(request, _("Es gab keine Änderungen zu speichern."))
        return redirect("knowledge_handovers:interview", pk)


class HandoverPrintView(HandoverMixin, HandoverAdminView):
    """The Wissensübergabe-Protokoll, printable (no admin furniture)."""

    template_name = "knowledge/handover_print.html"
    permission_required = "view"

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
