"""Staff-facing views of read confirmations and "Meine Aufgaben" (under /wissen/).

* ``aufgaben/`` – everything waiting for the signed-in user (``knowledge.my_tasks``);
* ``kenntnisnahme/<id>/`` – POST: "Zur Kenntnis genommen" for one campaign. A campaign the
  user was not asked by, that has ended or whose page they may not see does not exist (404);
  confirming twice changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledge.models import ReadRequest
from knowledge.my_tasks import Visibilities, tasks_for
from knowledge.reading import confirm_reading
from prozesse.visibility import visibility_of


def my_tasks(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    seen = Visibilities(visibility_of(request), visibility_of(request, for_admin=True))
    groups = tasks_for(request.user, seen)
    return TemplateResponse(
        request,
        "knowledge/my_tasks.html",
        {"groups": groups, "total": sum(group.count for group in groups)},
    )


@require_POST
def read_confirm(request: HttpRequest, campaign_id: int) -> HttpResponse:
    try:
        confirmation, created = confirm_reading(campaign_id, request.user)
    except ReadRequest.DoesNotExist:
        raise Http404(_("Diese Kenntnisnahme gibt es für Sie nicht (mehr).")) from None
    if created:
        messages.success(
            request,
            _("Danke! Sie haben „%(title)s“ (%(version)s) zur Kenntnis genommen.")
            % {"title": confirmation.page_title, "version": confirmation.version_label},
        )
    else:
        messages.info(request, _("Diese Fassung haben Sie bereits zur Kenntnis genommen."))
    page = confirmation.campaign.page if confirmation.campaign_id else None
    return redirect(page.url if page is not None and page.url else "wissen:tasks")
