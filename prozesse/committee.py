"""The committee page's listing: its decisions, filtered (``prozesse.filters.DecisionFilterSet``),
each with its traffic light and "x von y Seiten umgesetzt" (``prozesse.decision_tasks``).

Open decisions and implemented or revoked ones are two lists, each paged on its own (a council
imports thousands of papers); the filters apply to both. Filters that cannot be used give a
German message and the page answers 400 (``CommitteeSectionPage.serve``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page

from prozesse.decision_tasks import decorate_decisions
from prozesse.filters import DecisionFilterSet
from prozesse.models.decision import DecisionPage
from prozesse.pagination import PageSlice, page_of
from prozesse.visibility import visibility_of

DECISIONS_PER_PAGE = 50


def _decorated(listing: PageSlice, visibility) -> PageSlice:
    listing.page_obj.object_list = decorate_decisions(listing.page_obj.object_list, visibility)
    return listing


def committee_listing(request: HttpRequest, section: Page) -> dict:
    """Template context of a committee page: filter form, errors, both lists."""
    visibility = visibility_of(request)
    filters = DecisionFilterSet(request.GET or None, visibility=visibility, section=section)
    errors = []
    if request.GET and not filters.is_valid():
        for name, messages in filters.errors.items():
            label = filters.form.fields[name].label if name in filters.form.fields else name
            errors += [f"{label}: {message}" for message in messages]
        errors.insert(0, _("Die Filterangaben in der Adresse sind ungültig; gezeigt wird alles."))
    open_decisions = filters.applied(visibility.apply(DecisionPage.open_decisions(section)))
    closed_decisions = filters.applied(visibility.apply(DecisionPage.closed_decisions(section)))
    query = request.GET.copy()
    for param in ("seite", "erledigt"):
        query.pop(param, None)
    return {
        "filter_form": filters.form,
        "filter_errors": errors,
        "filtered": bool(query),
        "open_decisions": _decorated(
            page_of(request, open_decisions, per_page=DECISIONS_PER_PAGE), visibility
        ),
        "closed_decisions": _decorated(
            page_of(request, closed_decisions, per_page=DECISIONS_PER_PAGE, param="erledigt"),
            visibility,
        ),
    }
