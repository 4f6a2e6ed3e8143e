"""Admin wiring of the review conversation (``prozesse.review_conversation``), imported by
prozesse/wagtail_hooks.py: the "Freigabe erbitten" button opens a dialog with a message for the
reviewers instead of submitting at once (with its small script), and the conversation's
stylesheet."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.models import WorkflowState

from prozesse.review_conversation import MAX_LENGTH, MESSAGE_FIELD

SUBMIT_LABEL = _("Freigabe erbitten")
RESUBMIT_LABEL = _("Erneut Freigabe erbitten")


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action ("action-submit"), asked through a dialog with a message."""

    template_name = "prozesse/admin/submit_for_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        resubmit = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        context["label"] = RESUBMIT_LABEL if resubmit else SUBMIT_LABEL
        context["message_field"] = MESSAGE_FIELD
        context["max_length"] = MAX_LENGTH
        return context


@hooks.register("construct_page_action_menu")
def submit_with_a_message(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if item.name == "action-submit" and not isinstance(item, SubmitForReviewMenuItem):
            menu_items[index] = SubmitForReviewMenuItem(order=item.order)


@hooks.register("insert_editor_js")
def review_submit_js():
    return format_html('<script src="{}"></script>', static("js/review-submit.js"))


@hooks.register("insert_global_admin_css")
def review_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/review.css"))
