"""Four eyes: the approval step type of every provisioned workflow.

``FourEyesApprovalTask`` is Wagtail's GroupApprovalTask (members of the step's groups approve
or request changes) with one rule on top: nobody approves, or requests changes as approver
of, a submission they made themselves or whose content they wrote – not the person who
submitted it, not the author of the submitted revision, and not anybody who saved a revision
of the page while it was in the workflow (an approval publishes the latest revision, so that
content would go live unchecked). This holds for administrators too.

The rule is enforced where Wagtail asks a task what a user may do (``get_actions``: the
approve and reject buttons, the dashboard queue, the workflow-action view) and once more
where the action is carried out (``on_action``). The queue keeps showing such items, as
waiting for a second person. An administrator who approves outside the step's groups is
recorded in the page history (log action ``prozesse.superuser_approval``).

``IntermunicipalApprovalTask`` is the conditional second step of every department workflow
("Interkommunale Freigabe (Lenkungskreis)"): a four-eyes step that applies only to content
flagged for other towns (``share_intermunicipal``) and is skipped for everything else. The
step decides in ``start()`` when the workflow reaches it; the four-eyes steps before it let it
settle in advance – when the workflow starts or resumes and before each of their approvals –
so the workflow history shows the skip from the submission on and an approval that ends the
workflow is logged as such.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Revision, TaskState, WorkflowState

from prozesse.review_forms import ACTION_FORMS

#: The refusal every user sees (dashboard, edit view, workflow action).
OWN_SUBMISSION_MESSAGE = _(
    "Sie haben diese Änderung selbst eingereicht oder verfasst. Eine zweite Person muss sie "
    "freigeben."
)
#: Shown in the reviewer's queue instead of the approve and reject buttons.
WAITING_FOR_SECOND_PERSON = _("Wartet auf eine zweite Person")
SUPERUSER_APPROVAL_ACTION = "prozesse.superuser_approval"
#: The reviewer's two actions (docs/vocabulary-workflow.md).
REQUEST_CHANGES_LABEL = _("Änderungen anfordern")
APPROVE_LABEL = _("Freigeben")
#: The comment of a skipped intermunicipal step (shown in the workflow history).
INTERMUNICIPAL_SKIP_COMMENT = (
    "Entfällt: Der Inhalt ist nicht zur interkommunalen Freigabe markiert."
)
#: The field of a page (process) that makes the intermunicipal step apply.
INTERMUNICIPAL_FIELD = "share_intermunicipal"


def current_workflow_state(obj) -> WorkflowState | None:
    """The running (or changes-requested) workflow of ``obj``, if any."""
    if obj is None or getattr(obj, "pk", None) is None:
        return None
    state = getattr(obj, "current_workflow_state", None)
    return state


def is_own_submission(workflow_state: WorkflowState | None, user) -> bool:
    """Whether ``user`` submitted the content of ``workflow_state`` or wrote part of it: the
    requester, the author of the revision the current step reviews, or anybody who saved a
    revision of the object since the workflow started."""
    if workflow_state is None or user is None or not user.is_authenticated:
        return False
    if workflow_state.requested_by_id == user.pk:
        return True
    # Read through queries, not workflow_state.current_task_state: caching that relation here
    # would hand Wagtail a stale task state when it updates the workflow after the action.
    reviewed = Revision.objects.filter(
        task_states__pk=workflow_state.current_task_state_id, user_id=user.pk
    )
    if workflow_state.current_task_state_id and reviewed.exists():
        return True
    obj = workflow_state.content_object
    revisions = getattr(obj, "revisions", None)
    if revisions is None:
        return False
    return revisions.filter(created_at__gte=workflow_state.created_at, user_id=user.pk).exists()


class FourEyesApprovalTask(GroupApprovalTask):
    """A group approval step in which nobody approves their own submission (see module)."""

    class Meta:
        verbose_name = _("Freigabe durch eine zweite Person")
        verbose_name_plural = _("Freigaben durch eine zweite Person")

    @classmethod
    def get_description(cls):
        return _(
            "Mitglieder der gewählten Gruppen geben frei oder fordern Änderungen an – aber nie "
            "eine Änderung, die sie selbst eingereicht oder verfasst haben."
        )

    def _user_in_groups(self, user) -> bool:
        """Whether ``user`` is in one of this step's groups, answered for every step at once.

        Wagtail asks each step separately, one query per step and request, and its dashboard
        asks every active step of the installation (one per department: hundreds in a large
        register). The first question here reads all approval steps the user's groups belong
        to in one query and keeps them on the user object for the request."""
        if not user.is_authenticated:
            return False
        task_ids = getattr(user, "_approval_task_ids", None)
        if task_ids is None:
            task_ids = frozenset(
                GroupApprovalTask.groups.through.objects.filter(group__user=user).values_list(
                    "groupapprovaltask_id", flat=True
                )
            )
            user._approval_task_ids = task_ids
        return self.pk in task_ids

    def may_review(self, obj, user) -> bool:
        """Whether ``user`` is a reviewer of this step (member or administrator)."""
        return bool(user.is_superuser or self._user_in_groups(user))

    def is_own(self, obj, user) -> bool:
        return is_own_submission(current_workflow_state(obj), user)

    def get_actions(self, obj, user):
        """Two actions, each with its dialog (``prozesse.review_forms``): "Änderungen
        anfordern" with the message the editor needs, and "Freigeben" – a confirmation with an
        optional message instead of Wagtail's instant approval and its "approve with comment"
        twin (one word per action, docs/vocabulary-workflow.md)."""
        if not self.may_review(obj, user) or self.is_own(obj, user):
            return []
        return [
            ("reject", REQUEST_CHANGES_LABEL, True),
            ("approve", APPROVE_LABEL, True),
        ]

    def get_form_for_action(self, action):
        return ACTION_FORMS.get(action) or super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "prozesse/admin/review_action_modal.html"

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # The workflow starts or resumes here: a later intermunicipal step settles in advance.
        IntermunicipalApprovalTask.settle(workflow_state)
        return task_state

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        workflow_state = task_state.workflow_state
        if action_name in ("approve", "reject") and is_own_submission(workflow_state, user):
            raise PermissionDenied(str(OWN_SUBMISSION_MESSAGE))
        if action_name == "approve":
            # Before Wagtail logs the approval with the step that comes next.
            IntermunicipalApprovalTask.settle(workflow_state)
        if user is not None and user.is_superuser and not self._user_in_groups(user):
            log(
                instance=workflow_state.content_object,
                action=SUPERUSER_APPROVAL_ACTION,
                user=user,
                data={
                    "task": self.name,
                    "action": action_name,
                    "requested_by": (
                        workflow_state.requested_by.get_username()
                        if workflow_state.requested_by_id
                        else None
                    ),
                },
                content_changed=False,
            )
        return super().on_action(task_state, user, action_name, **kwargs)


def shares_intermunicipal(workflow_state: WorkflowState) -> bool:
    """Whether the submitted content (its latest revision) is flagged for other towns."""
    obj = workflow_state.content_object
    revision = obj.get_latest_revision() if obj is not None else None
    return bool(revision and revision.content.get(INTERMUNICIPAL_FIELD))


class IntermunicipalApprovalTask(FourEyesApprovalTask):
    """The Lenkungskreis approves content shared with other towns; for anything else the step
    is skipped (see module). Provisioning makes one and appends it to every department
    workflow."""

    class Meta:
        verbose_name = _("Interkommunale Freigabe")
        verbose_name_plural = _("Interkommunale Freigaben")

    @classmethod
    def get_description(cls):
        return _(
            "Wie die Freigabe durch eine zweite Person, aber nur für Inhalte, die zur "
            "interkommunalen Freigabe markiert sind; bei allen anderen entfällt der Schritt."
        )

    def _states(self, workflow_state: WorkflowState):
        return TaskState.objects.filter(workflow_state=workflow_state, task=self)

    def applies_to(self, workflow_state: WorkflowState) -> bool:
        """Whether the step reviews this workflow: its content is flagged for other towns, or
        the step has already dealt with it (e.g. requested changes, so it reviews the
        resubmission too)."""
        return (
            shares_intermunicipal(workflow_state)
            or self._states(workflow_state).exclude(status=TaskState.STATUS_CANCELLED).exists()
        )

    def _skip(self, workflow_state: WorkflowState) -> TaskState:
        """A finished, skipped state: counts as done for Wagtail (``get_next_task``), sends no
        notification and shows in the workflow history with its comment."""
        return TaskState.objects.create(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            comment=INTERMUNICIPAL_SKIP_COMMENT,
        )

    def start(self, workflow_state, user=None):
        if not self.applies_to(workflow_state):
            return self._skip(workflow_state)
        return super().start(workflow_state, user=user)

    @classmethod
    def settle(cls, workflow_state: WorkflowState) -> None:
        """Decide in advance for the intermunicipal step of a running workflow: skip it unless
        its content is flagged; withdraw an earlier skip once the content is flagged (a
        resubmission, or an edit during review), so the Lenkungskreis reviews it."""
        if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            return
        step = cls.objects.filter(workflow_tasks__workflow_id=workflow_state.workflow_id).first()
        if step is None:
            return
        states = step._states(workflow_state)
        if shares_intermunicipal(workflow_state):
            states.filter(status=TaskState.STATUS_SKIPPED).delete()
        elif not states.exclude(status=TaskState.STATUS_CANCELLED).exists():
            step._skip(workflow_state)
