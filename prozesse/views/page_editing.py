"""Editing pages in the admin: a save based on an outdated version is refused, never a silent
overwrite.

Wagtail's edit form posts the revision it was loaded with (``loaded_revision_id`` and its time)
and compares it with the latest revision (``EditView.is_out_of_date``), but refuses only
autosave requests. Two editors saving the same page within seconds would lose the first one's
change. This view refuses every outdated save with a German message and shows the form again
with the user's input, so they can compare (history) and save once more on top of the newer
version. It is the edit view of every page type of the intranet (``PageViewSet`` per model,
registered in ``prozesse/wagtail_hooks.py``). Newer revisions by the same user (an autosave still
in flight, a second tab) are no conflict and go through.

The edit and create views also carry the review conversation (``prozesse.review_conversation``):
they keep the message of the "Freigabe erbitten" dialog with the submission, show the running
review as a banner above the form, and after "Freigeben" or "Änderungen anfordern" say what
happened; the workflow-action view (dashboard queue) does the same.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState

from prozesse.review_conversation import (
    MESSAGE_FIELD,
    attach_submission_message,
    clean_message,
    submitting,
)

OUTDATED_MESSAGE = _(
    "Nicht gespeichert: Jemand hat diese Seite gespeichert, nachdem Sie sie geöffnet haben. "
    "Ihre Eingaben stehen noch im Formular. Sehen Sie sich die neuere Fassung in der Historie "
    "an und speichern Sie dann erneut – Ihre Fassung ersetzt dann die neuere."
)

WORKFLOW_ACTION_NOT_AUTOSAVED = gettext_lazy(
    "Die Aktion wird ausgeführt; automatisch gespeichert wird dabei nicht."
)


class OutdatedSaveRefusingEditView(EditView):
    @cached_property
    def is_changed_by_someone_else(self) -> bool:
        """Outdated, and a newer revision comes from another person. The user's own newer
        revisions (Wagtail's autosave still in flight when the form was sent, a second tab)
        are no conflict: refusing them would tell a user that "someone" saved in between."""
        if not self.is_out_of_date:
            return False
        loaded = self.request.POST.get("overwrite_revision_id") or self.request.POST.get(
            "loaded_revision_id"
        )
        try:
            loaded_id = int(loaded)
        except (TypeError, ValueError):
            return True
        newer = self.page.revisions.filter(pk__gt=loaded_id)
        if not newer.exists():
            # The loaded revision itself was overwritten (Wagtail's autosave by its author).
            newer = self.page.revisions.filter(pk=loaded_id)
        return newer.exclude(user=self.request.user).exists()

    def post(self, request, *args, **kwargs):
        if (
            self.expects_json_response
            or self.is_cancelling_workflow
            or self.page.alias_of_id
            or not self.is_changed_by_someone_else
        ):
            return super().post(request, *args, **kwargs)
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        messages.error(request, str(OUTDATED_MESSAGE))
        # The form now carries the latest revision: a second save is a deliberate choice.
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class SubmissionMessageMixin:
    """A submission keeps the message of the "Freigabe erbitten" dialog: quoted by the mail to
    the reviewers (sent while Wagtail starts the step) and stored with the submission's log
    entry (history, banner, later mails)."""

    def post(self, request, *args, **kwargs):
        message = clean_message(request.POST.get(MESSAGE_FIELD))
        since = timezone.now()
        with submitting(message):
            response = super().post(request, *args, **kwargs)
        page = getattr(self, "page", None)
        if message and request.POST.get("action-submit") and getattr(page, "pk", None):
            attach_submission_message(page, request.user, message, since)
        return response


def action_done_message(action: str | None, task_state: TaskState | None) -> str:
    """What the reviewer is told after an action of a four-eyes step ("" for other actions)."""
    if task_state is None or action not in ("approve", "reject"):
        return ""
    task_state.refresh_from_db()
    page = task_state.workflow_state.content_object
    title = page.get_admin_display_title() if hasattr(page, "get_admin_display_title") else page
    if action == "reject" and task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "Änderungen angefordert: Die Redaktion sieht Ihre Nachricht zu „%(title)s“ im "
            "Bearbeitungsformular und bekommt sie per E-Mail."
        ) % {"title": title}
    if action != "approve" or task_state.status != TaskState.STATUS_APPROVED:
        return ""
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    if workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        step = workflow_state.current_task_state.task.name
        return _("Freigegeben: „%(title)s“ liegt jetzt im Schritt „%(step)s“ zur Prüfung.") % {
            "title": title,
            "step": step,
        }
    return _("Freigegeben: „%(title)s“ ist jetzt veröffentlicht.") % {"title": title}


class PageEditView(SubmissionMessageMixin, OutdatedSaveRefusingEditView):
    """The edit view of every page type: outdated saves refused, the review conversation as a
    banner (``templates/prozesse/admin/page_edit.html``), the reviewer told what happened."""

    def post(self, request, *args, **kwargs):
        # Wagtail's autosave sends the form when the workflow dialog adds its hidden fields, at
        # the same moment the dialog submits it: the action would run twice (the second request
        # fails or, for an approval, leaves a revision by the reviewer). Only the real
        # submission acts; the autosave request changes nothing.
        if self.expects_json_response and request.POST.get("action-workflow-action"):
            return self.json_error_response("workflow_action", str(WORKFLOW_ACTION_NOT_AUTOSAVED))
        return super().post(request, *args, **kwargs)

    def get_template_names(self):
        names = super().get_template_names()
        if names == ["wagtailadmin/pages/edit.html"]:
            return ["prozesse/admin/page_edit.html"]
        return names

    def perform_workflow_action(self):
        task_state = self.page.current_workflow_task_state
        self._review_action = (self.workflow_action, task_state)
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        action, task_state = getattr(self, "_review_action", (None, None))
        message = action_done_message(action, task_state)
        if message:
            messages.success(self.request, message)
            return
        super().add_save_confirmation_message()


class PageCreateView(SubmissionMessageMixin, CreateView):
    """Creating a page: a first submission keeps its message too."""


class PageWorkflowActionView(WorkflowActionView):
    """Approving or requesting changes from the review queue: the reviewer is told what
    happened (Wagtail says nothing there)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = action_done_message(self.action_name, self.task_state)
        if message:
            messages.success(request, message)
        return response


def page_viewsets(models) -> list[PageViewSet]:
    """One admin viewset per page model, each with the views above."""
    return [
        PageViewSet(
            name=f"{model._meta.app_label}_{model._meta.model_name}_pages",
            model=model,
            edit_view_class=PageEditView,
            add_view_class=PageCreateView,
            workflow_action_view_class=PageWorkflowActionView,
        )
        for model in models
    ]
