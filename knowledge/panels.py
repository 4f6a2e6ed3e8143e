"""Admin dashboard panels: "Meine Wiedervorlagen" and the knowledge-management summary."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from knowledge.health import departed_flags
from knowledge.models import Adoption, Handover, HandoverStatus
from knowledge.overdue import overdue_entries
from knowledge.reviews import (
    due_entries,
    entries_for_person_ids,
    policy,
    user_persons,
)
from knowledge.roles import is_knowledge_manager, reviewed_paths
from prozesse.towns import in_acting_towns
from prozesse.visibility import Visibility, visibility_of

PANEL_LIMIT = 25


def reviewed_subtrees(user) -> Q | None:
    """Pages under the departments (and committee sections) whose changes the user approves."""
    paths = reviewed_paths(user)
    if not paths:
        return None
    return reduce(or_, (Q(path__startswith=path) for path in paths))


def my_reviews(user, visibility: Visibility, today: datetime.date | None = None) -> dict:
    """Due pages the user owns or deputises, due pages in the areas they approve, and their
    adopted processes whose original has changed — what the user may see."""
    today = today or timezone.localdate()
    persons = user_persons(user)
    due = visibility.apply(due_entries(today, policy().lead_days)).select_related(
        "municipality", "department"
    )
    own = (
        list(due.filter(entries_for_person_ids(persons)).distinct()[:PANEL_LIMIT])
        if persons
        else []
    )
    area = reviewed_subtrees(user)
    reviewing = []
    if area is not None:
        reviewing = list(due.filter(area).exclude(pk__in=[p.pk for p in own])[:PANEL_LIMIT])
    changed = []
    if persons:
        changed = list(
            visibility.apply(
                Adoption.objects.filter(origin_changed=True, copy__content_owner_id__in=persons),
                "copy__",
            )
            .select_related("copy")
            .order_by("-origin_changed_at")[:PANEL_LIMIT]
        )
    for page in own + reviewing:
        page.days_overdue = (today - page.next_review_date).days
    return {"own": own, "reviewing": reviewing, "changed_adoptions": changed, "today": today}


class MyReviewsPanel(Component):
    """ "Meine Wiedervorlagen"; with ``show_empty`` (the editorial start page) it also says so
    when nothing is due, otherwise it is left out then."""

    name = "knowledge_my_reviews"
    template_name = "knowledge/admin/panels/my_reviews.html"
    order = 105

    def __init__(self, show_empty: bool = False):
        self.show_empty = show_empty

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = my_reviews(request.user, visibility_of(request, for_admin=True))
        context["request"] = request
        return context

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["own"] or context["reviewing"] or context["changed_adoptions"]):
            if not self.show_empty:
                return ""
            context["nothing_due"] = True

        return render_to_string(self.template_name, context)


class KnowledgeManagementPanel(Component):
    name = "knowledge_management"
    template_name = "knowledge/admin/panels/knowledge_management.html"
    order = 106

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        visibility = visibility_of(parent_context["request"], for_admin=True)
        adoptions = visibility.apply(Adoption.objects.filter(origin_changed=True), "copy__")
        return {
            "overdue": overdue_entries(parent_context["request"].user, visibility, today).count(),
            "flags": len(departed_flags(today, visibility)),
            "open_handovers": in_acting_towns(
                Handover.objects.exclude(status=HandoverStatus.CLOSED),
                parent_context["request"].user,
                field="person__municipality",
            ).count(),
            "changed_adoptions": visibility.apply(adoptions, "origin__").count(),
        }

    def render_html(self, parent_context=None):
        if not is_knowledge_manager(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)
