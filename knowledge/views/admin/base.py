"""What every knowledge-management screen shares: Wagtail's admin furniture and its
permission checks.

A screen names the Django permission it needs as an action of its permission policy
(``permission_required = "view"`` on a view with ``model = Handover`` means
``knowledge.view_handover``), checked by Wagtail's ``PermissionCheckedMixin``; checks on the
object a screen works on (the town of a handover, the reviewers of a page) go into
``user_may_act``. A refusal raises ``PermissionDenied``, which the admin answers with its
"no permission" message and a redirect to the dashboard.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.views import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from knowledge.models import ReviewPolicy


class DashboardPermissionPolicy(ModelPermissionPolicy):
    """The knowledge dashboard's own permission, ``knowledge.view_knowledge_dashboard`` (kept
    on the review policy model): the action "view" means that permission."""

    def _get_permission_codename(self, action: str) -> str:
        return f"{action}_knowledge_dashboard"


DASHBOARD_PERMISSIONS = DashboardPermissionPolicy(ReviewPolicy)


class KnowledgeAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    """An admin screen with Wagtail's furniture, its permission and its object checks."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_act(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_may_act(self, user) -> bool:
        """Checks on this screen's object, beyond ``permission_required``."""
        return True

    def render(self, **context):
        return self.render_to_response(self.get_context_data(**context))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, *self.extra_breadcrumbs()]

    def extra_breadcrumbs(self) -> list[dict]:
        return [{"url": "", "label": self.get_page_title()}]
