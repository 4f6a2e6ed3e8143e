"""Four eyes in the admin: a clear German refusal where Wagtail would only answer 403.

The rule itself lives in the task type (``prozesse.models.approval.FourEyesApprovalTask``):
it offers no approve or reject action to the person who submitted or wrote a change. Wagtail's
workflow-action views then refuse with a bare "permission denied"; this module turns that into
the German explanation, in one place for every way to approve:

* ``FourEyesMiddleware`` answers the workflow-action and collect-data views of pages
  (``/admin/pages/workflow/action/…``) before Wagtail does: a redirect to the edit view with
  the message (403 with the message for the admin's JavaScript requests);
* ``refuse_own_approval`` (hook ``before_edit_page``) does the same for the workflow buttons
  of the edit form and tells the reviewer on opening the page why there is no approve button.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.models import Page, TaskState

from prozesse.models.approval import (
    OWN_SUBMISSION_MESSAGE,
    FourEyesApprovalTask,
    current_workflow_state,
    is_own_submission,
)

#: Wagtail's page views that carry out a workflow action (url names in "wagtailadmin_pages").
ACTION_VIEWS = ("workflow_action", "collect_workflow_action_data")


def own_review(page: Page | None, user) -> bool:
    """Whether the page waits in a four-eyes step the user reviews, on a change of their own."""
    state = current_workflow_state(page)
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return False
    task_state = state.current_task_state
    task = task_state.task.specific if task_state is not None else None
    if not isinstance(task, FourEyesApprovalTask):
        return False
    return task.may_review(page, user) and is_own_submission(state, user)


def _refusal(request: HttpRequest, page: Page) -> HttpResponse:
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"error": str(OWN_SUBMISSION_MESSAGE)}, status=403)
    messages.error(request, str(OWN_SUBMISSION_MESSAGE))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


class FourEyesMiddleware:
    """Refuse an approve/reject request on one's own submission with the German message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is None
            or "wagtailadmin_pages" not in match.namespaces
            or match.url_name not in ACTION_VIEWS
            or not request.user.is_authenticated
        ):
            return None
        task_state = TaskState.objects.filter(pk=view_kwargs.get("task_state_id")).first()
        page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
        if task_state is None or page is None:
            return None
        task = task_state.task.specific
        if not isinstance(task, FourEyesApprovalTask) or not task.may_review(page, request.user):
            return None
        if is_own_submission(task_state.workflow_state, request.user):
            return _refusal(request, page)
        return None


def refuse_own_approval(request: HttpRequest, page: Page) -> HttpResponse | None:
    """``before_edit_page``: a posted workflow action on one's own change is refused; opening
    the page tells the reviewer why approving is left to somebody else."""
    if not own_review(page, request.user):
        return None
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        return _refusal(request, page)
    if request.method == "GET":
        messages.warning(request, str(OWN_SUBMISSION_MESSAGE))
    return None
