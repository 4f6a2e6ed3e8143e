"""The start page of editors and reviewers: the admin dashboard made for their daily work.

Wagtail builds the dashboard from panels (``construct_homepage_panels``, registered in
``knowledge.wagtail_hooks``). For a user who may create pages somewhere (Redaktion, Freigabe,
Lenkungskreis) the dashboard shows, in this order:

* "Mein Fachbereich" (:class:`MyDepartmentPanel`): each department (with its town) or committee
  section where the user may create pages, with one "Neu anlegen" button per entry type;
* "Zur Freigabe" (:class:`ReviewQueuePanel`): Wagtail's "awaiting your review" panel without
  the changes the user submitted or wrote themselves (four eyes: a second person approves);
* "Meine Wiedervorlagen" (``knowledge.panels.MyReviewsPanel``), also when nothing is due;
* "Meine Entwürfe" (:class:`MyDraftsPanel`): unpublished changes the user made that are not in
  a review.

Wagtail's "recent edits" panel gives way to the drafts. Everything follows the visibility rule
for the admin (``prozesse.visibility``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupPagePermission, Page, WorkflowState

from prozesse.models import DepartmentPage
from prozesse.models.approval import is_own_submission
from prozesse.visibility import visibility_of

DRAFT_LIMIT = 15
#: Wagtail's default panels that the editorial start page replaces.
REPLACED_PANELS = frozenset({"recent_edits", "workflow_objects_to_moderate"})


@dataclass
class NewEntry:
    label: str
    url: str


@dataclass
class Area:
    """A page the user creates entries under, with its town and what may be created there."""

    page: Page
    town: str
    new_entries: list[NewEntry]

    @property
    def explore_url(self) -> str:
        return reverse("wagtailadmin_explore", args=[self.page.pk])


def creating_pages(user) -> list[Page]:
    """Pages where one of the user's groups may create pages (their departments, for the
    steering committee its section), in tree order."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return []
    page_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="add_page"
    ).values("page_id")
    return list(Page.objects.filter(pk__in=page_ids).order_by("path").specific())


def is_editorial(user) -> bool:
    """Editors, reviewers and the steering committee: whoever may create pages somewhere."""
    return bool(creating_pages(user))


def _town_title(page: Page) -> str:
    if isinstance(page, DepartmentPage):
        parent = page.get_parent()
        return parent.title if parent is not None else ""
    return ""


def areas_of(user) -> list[Area]:
    """The user's departments (or committee sections) with the entry types they may create."""
    areas = []
    for page in creating_pages(user):
        if not page.permissions_for_user(user).can_add_subpage():
            continue
        entries = [
            NewEntry(
                str(model._meta.verbose_name),
                reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, page.pk],
                ),
            )
            for model in page.specific_class.creatable_subpage_models()
            if model.can_create_at(page)
        ]
        areas.append(Area(page, _town_title(page), entries))
    return areas


def my_drafts(request, pages: list[Page]) -> list[Page]:
    """Unpublished changes the user made in their areas that are not in a review, newest first."""
    if not pages:
        return []
    user = request.user
    in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).annotate(
        object_pk=Cast("object_id", output_field=IntegerField())
    )
    area = reduce(or_, (Q(path__startswith=page.path) for page in pages))
    drafts = (
        Page.objects.filter(area, has_unpublished_changes=True)
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .exclude(Exists(in_review.filter(object_pk=OuterRef("pk"))))
        .order_by("-latest_revision_created_at")
    )
    return list(visibility_of(request, for_admin=True).apply(drafts)[:DRAFT_LIMIT].specific())


class MyDepartmentPanel(Component):
    name = "start_my_department"
    template_name = "knowledge/admin/panels/my_department.html"
    order = 50

    class Media:
        css = {"all": ["knowledge/start.css"]}

    def get_context_data(self, parent_context):
        return {"areas": areas_of(parent_context["request"].user)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return render_to_string(self.template_name, context) if context["areas"] else ""


class MyDraftsPanel(Component):
    name = "start_my_drafts"
    template_name = "knowledge/admin/panels/my_drafts.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"drafts": my_drafts(request, creating_pages(request.user))}

    def render_html(self, parent_context=None):
        return render_to_string(self.template_name, self.get_context_data(parent_context))


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's queue of changes awaiting the user's review, without their own changes."""

    name = "start_review_queue"
    order = 100

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        visibility = visibility_of(parent_context["request"], for_admin=True)
        context["states"] = [
            state
            for state in context["states"]
            if not is_own_submission(state["task_state"].workflow_state, user)
            and (not isinstance(state["obj"], Page) or visibility.allows(state["obj"]))
        ]
        return context
