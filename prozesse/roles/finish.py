"""What happens when a moderation workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail loads this function while its own models are being imported, so this module (and its
package, ``prozesse.roles``) imports nothing from Wagtail or the project at module level.
"""

from __future__ import annotations


def publish_approved(workflow_state, user=None) -> None:
    """The last approval publishes the latest revision (or schedules it for its go-live date).

    Wagtail's default checks the approver's "publish" page permission. Here nobody but
    administrators has that permission – publishing happens through approval – and the right
    to approve comes from the workflow step itself: only members of the step's groups can
    approve (``GroupApprovalTask.get_actions``). The approver is recorded as the publisher.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
