"""Template tags that put knowledge panels into register pages and the search page.

``{% load knowledge_tags %}``

* ``{% person_status person %}`` – "ausgeschieden" badge after the last working day (no query).
* ``{% knowledge_process_header page %}`` – "übernommen von <Kommune> (Stand …)" and the
  "Original wurde geändert" notice.
* ``{% knowledge_process_panels page %}`` – the same process elsewhere, adoptions, feedback.
* ``{% expert_facet query %}`` – people who know about the search topic (search page facet).
* ``{% read_notice page %}`` – the reader's open read confirmation (Kenntnisnahme) with what
  changed since the version they last confirmed, and the button to confirm.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from knowledge.experts import experts_for
from knowledge.forms import FeedbackForm
from knowledge.peers import process_knowledge
from knowledge.reading import open_notice
from prozesse.models import RegisterEntryPage
from prozesse.visibility import may_view, visibility_of

register = template.Library()


@register.filter
def departed(person) -> bool:
    """True after the person's last working day."""
    left_on = getattr(person, "left_on", None)
    return bool(left_on and left_on < timezone.localdate())


@register.inclusion_tag("knowledge/tags/person_status.html")
def person_status(person):
    return {"person": person, "departed": departed(person)}


@register.inclusion_tag("knowledge/tags/process_header.html", takes_context=True)
def knowledge_process_header(context, page):
    return {"page": page, **process_knowledge(page, visibility_of(context["request"]))}


def _offers_adoption(request, page) -> bool:
    """Another town's process that is released for adoption (own-town staff cannot adopt)."""
    if not page.share_intermunicipal:
        return False
    user = getattr(request, "user", None)
    person = getattr(user, "person", None) if user is not None else None
    return person is None or person.municipality_id != page.municipality_id


@register.inclusion_tag("knowledge/tags/read_notice.html", takes_context=True)
def read_notice(context, page):
    """Only on a live register entry the signed-in reader may view, and only when asked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    notice = None
    if (
        isinstance(page, RegisterEntryPage)
        and user is not None
        and user.is_authenticated
        and may_view(request, page)
    ):
        notice = open_notice(user, page)
    return {"notice": notice, "page": page, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("knowledge/tags/process_panels.html", takes_context=True)
def knowledge_process_panels(context, page):
    request = context.get("request")
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "feedback_form": FeedbackForm(),
        "offers_adoption": _offers_adoption(request, page),
        # Hints on what to add are for those who may edit the page, not for every reader.
        "may_edit": _may_edit(request, page),
        **process_knowledge(page, visibility_of(request)),
    }


def _may_edit(request, page) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # Editing happens in the administration: without access to it (most readers) there is
    # nothing to ask the page's permissions (two queries) about.
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return page.permissions_for_user(user).can_edit()


@register.inclusion_tag("knowledge/tags/expert_facet.html", takes_context=True)
def expert_facet(context, query, limit=5):
    visibility = visibility_of(context["request"])
    hits = experts_for(query, visibility, limit=limit, with_pages=False) if query else []
    return {"query": query, "hits": hits}
