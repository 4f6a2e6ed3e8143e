"""Template tags of decision tracking: which decisions changed a page, for this reader."""

from __future__ import annotations

from django import template

from prozesse.decision_tasks import changing_decisions
from prozesse.visibility import visibility_of

register = template.Library()


@register.simple_tag(takes_context=True)
def changed_by_decisions(context, page) -> list:
    """The live decisions the page names under "Geändert durch Beschluss" that the reader
    may see (``prozesse.visibility``); none without a request."""
    request = context.get("request")
    if request is None or page is None or not getattr(page, "pk", None):
        return []
    return changing_decisions(page, visibility_of(request))
