"""The three mails of the review conversation, in the project's words (docs/vocabulary-workflow.md):

* "Freigabe erbeten: <Titel> (<Typ>, <Fachbereich>) – von <Name>" to the reviewers of the step,
  with the editor's message and direct links (review in the editor, preview, comparison);
* "Änderungen erbeten: …" to the editor who asked, with the reviewer's message and the link to
  the edit form – never "abgelehnt", only changes were asked for;
* "Freigegeben: …" to the editor who asked, with the reviewer's message if any.

They are Wagtail's own notifiers (``wagtail.admin.mail``) with our templates
(``templates/prozesse/emails/review_*``) and one more rule on the recipients: the visibility
rule (``prozesse.visibility``) – nobody is mailed about a page they may not see. Reviewers who
submitted or wrote the change are not asked to approve it (four eyes). Content that is not a
page (a snippet in a workflow) keeps Wagtail's mails.

``connect()`` (from ``ProzesseConfig.ready``) puts them in place of Wagtail's receivers: same
signals, senders and ``dispatch_uid``, so whichever app is ready first, only ours stay connected.
Mails are plain text (``WAGTAILADMIN_NOTIFICATION_USE_HTML`` stays off).
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from wagtail.admin import mail as wagtail_mail
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.models.approval import is_own_submission
from prozesse.review_conversation import person_name, submission_message
from prozesse.visibility import visibility_for


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def _ancestor(page: Page, model) -> Page | None:
    return model.objects.filter(path__in=_ancestor_paths(page)).order_by("-depth").first()


def _ancestor_paths(page: Page) -> list[str]:
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def page_context(page: Page) -> dict:
    """Title, type, department and town of ``page``, and the links a mail offers."""
    page = page.specific
    department = _ancestor(page, DepartmentPage)
    town = _ancestor(page, MunicipalityPage)
    unit = department or page.get_parent()
    live_revision = page.live_revision_id
    latest = page.latest_revision_id
    compare_url = ""
    if live_revision and latest and live_revision != latest:
        compare_url = absolute(
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", latest])
        )
    return {
        "title": page.get_admin_display_title(),
        "kind": str(page._meta.verbose_name),
        "department": unit.title if unit is not None else "",
        "town": town.title if town is not None else "",
        "edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "history_url": absolute(reverse("wagtailadmin_pages:history", args=[page.pk])),
        "compare_url": compare_url,
        "live_url": page.full_url if page.live else "",
    }


def may_see(user, page: Page) -> bool:
    return visibility_for(user, for_admin=True).allows(page)


class ReviewMailMixin:
    """Our templates and context, Wagtail's sending; recipients limited to who may see the page."""

    mail_name = ""

    def page_of(self, instance) -> Page | None:
        is_workflow = isinstance(instance, WorkflowState)
        workflow_state = instance if is_workflow else instance.workflow_state
        obj = workflow_state.content_object
        return obj if isinstance(obj, Page) else None

    def __call__(self, instance=None, **kwargs):
        if (
            instance is not None
            and self.can_handle(instance, **kwargs)
            and not self.page_of(instance)
        ):
            return self.wagtail_notifier(instance=instance, **kwargs)
        return super().__call__(instance=instance, **kwargs)

    def get_template_set(self, instance, **kwargs):
        base = f"prozesse/emails/review_{self.mail_name}"
        # Text only: WAGTAILADMIN_NOTIFICATION_USE_HTML is off.
        return {"subject": f"{base}_subject.txt", "text": f"{base}.txt", "html": f"{base}.txt"}

    def get_valid_recipients(self, instance, **kwargs):
        page = self.page_of(instance)
        return {
            user for user in super().get_valid_recipients(instance, **kwargs) if may_see(user, page)
        }

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        context.update(page_context(self.page_of(instance)))
        return context


class SubmittedMail(ReviewMailMixin, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    """ "Freigabe erbeten" to the reviewers of the step that starts."""

    mail_name = "submitted"
    wagtail_notifier = wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier()

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        workflow_state = task_state.workflow_state
        return [
            user
            for user in super().get_recipient_users(task_state, **kwargs)
            if not is_own_submission(workflow_state, user)
        ]

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        workflow_state = task_state.workflow_state
        page = self.page_of(task_state)
        context.update(
            {
                "requested_by": person_name(workflow_state.requested_by),
                "message": submission_message(workflow_state),
                "step": task_state.task.name,
                "preview_url": absolute(
                    reverse(
                        "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
                    )
                ),
                "resubmitted": TaskState.objects.filter(
                    workflow_state=workflow_state, status=TaskState.STATUS_REJECTED
                ).exists(),
            }
        )
        return context


class ChangesRequestedMail(ReviewMailMixin, wagtail_mail.WorkflowStateRejectionEmailNotifier):
    """ "Änderungen erbeten" to the editor who asked for approval."""

    mail_name = "changes_requested"
    wagtail_notifier = wagtail_mail.WorkflowStateRejectionEmailNotifier()

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        context.update(
            {
                "reviewer": person_name(task_state.finished_by) if task_state else "",
                "message": task_state.comment if task_state else "",
                "step": task_state.task.name if task_state else "",
            }
        )
        return context


class ApprovedMail(ReviewMailMixin, wagtail_mail.WorkflowStateApprovalEmailNotifier):
    """ "Freigegeben" to the editor who asked for approval."""

    mail_name = "approved"
    wagtail_notifier = wagtail_mail.WorkflowStateApprovalEmailNotifier()

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        last = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .select_related("finished_by")
            .order_by("-finished_at", "-pk")
            .first()
        )
        context.update(
            {
                "reviewer": person_name(last.finished_by) if last else "",
                "message": last.comment if last else "",
            }
        )
        return context


#: (signal, sender, Wagtail's dispatch_uid, our notifier)
RECEIVERS = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        SubmittedMail(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        ChangesRequestedMail(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        ApprovedMail(),
    ),
)


def connect() -> None:
    """Our mails in place of Wagtail's (see module)."""
    for signal, sender, dispatch_uid, notifier in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid, weak=False)
