"""Review cadence (Wiedervorlage): the one owner of when a register entry is due for review.

* a new entry's first date follows the policy for its type (:func:`schedule_new_entry`), unless
  an editor chose a date or an interval; the page model only fills in its plain default;
* a publication counts as a review (:func:`count_publication_as_review`);
* "Aktualität bestätigen" sets the next date from today (:func:`confirm_current`);
* which entries are due (:func:`due_entries`).

The receivers that call the first two are connected per page type in ``knowledge.signals``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from knowledge.models import ReviewPolicy
from knowledge.revisions import set_review_dates
from knowledge.roles import is_knowledge_manager, is_reviewer_of
from prozesse.models import (
    ArticlePage,
    DecisionPage,
    EmergencyScenarioPage,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryPage,
)
from prozesse.towns import may_act_for

CONFIRM_ACTION = "knowledge.confirm_current"

#: Register statuses that end the review cadence: archived content, implemented or revoked
#: decisions ("Beschlüsse bis zur Umsetzung").
FINISHED_STATUSES = ("archiviert", "umgesetzt", "aufgehoben")


def policy() -> ReviewPolicy:
    return ReviewPolicy.load()


def interval_months(page, rules: ReviewPolicy | None = None) -> int:
    """Months between two reviews of ``page``: its own interval, else its type's default."""
    if page.review_interval_months:
        return page.review_interval_months
    rules = rules or policy()
    specific = page.specific_deferred if type(page) is RegisterEntryPage else page
    if isinstance(specific, ProcessPage):
        return rules.process_months
    if isinstance(specific, EmergencyScenarioPage):
        if len(specific.alarm_chain):
            return min(rules.scenario_months, rules.alarm_chain_months)
        return rules.scenario_months
    if isinstance(specific, DecisionPage):
        return rules.decision_months
    if isinstance(specific, ArticlePage):
        return rules.article_months
    return specific.default_review_months


def next_review_after(page, day: datetime.date, rules: ReviewPolicy | None = None):
    return day + relativedelta(months=interval_months(page, rules))


def schedule_new_entry(page: RegisterEntryPage) -> None:
    """Before a new register entry is first saved: its first review follows the interval
    knowledge management configured for its type, unless an editor chose a date (one other
    than the model's plain default) or an interval of their own."""
    if page.review_interval_months or page.last_reviewed_at:
        return
    today = timezone.localdate()
    if page.next_review_date == page.default_review_date(today):
        page.next_review_date = next_review_after(page, today)


def count_publication_as_review(page: RegisterEntryPage, revision) -> None:
    """A published revision went through the department's approval: it counts as a review.
    The next review date follows from it unless the editor set one themselves."""
    today = timezone.localdate()
    next_date = page.next_review_date
    try:
        previous = revision.get_previous() if revision is not None else None
    except revision.DoesNotExist:
        previous = None
    if previous is not None:
        before = previous.content.get("next_review_date")
        now = next_date.isoformat() if next_date else None
        if before == now:
            next_date = next_review_after(page, today)
    if page.last_reviewed_at == today and page.next_review_date == next_date:
        return
    set_review_dates(page, last_reviewed_at=today, next_review_date=next_date)
    page.last_reviewed_at, page.next_review_date = today, next_date


def reviewable_entries() -> QuerySet:
    """Live register entries that are still on a review cadence."""
    return (
        RegisterEntryPage.objects.live()
        .filter(alias_of__isnull=True)
        .exclude(register_status__in=FINISHED_STATUSES)
    )


def due_entries(today: datetime.date | None = None, lead_days: int | None = None) -> QuerySet:
    """Entries due within ``lead_days`` or overdue, earliest first."""
    today = today or timezone.localdate()
    lead_days = policy().lead_days if lead_days is None else lead_days
    return (
        reviewable_entries()
        .filter(next_review_date__lte=today + datetime.timedelta(days=lead_days))
        .order_by("next_review_date", "title")
    )


@dataclass(frozen=True)
class Confirmation:
    reviewed_on: datetime.date
    next_review_date: datetime.date


def user_persons(user) -> list[int]:
    person = getattr(user, "person", None) if user is not None else None
    return [person.pk] if person is not None else []


def can_confirm(user, page) -> bool:
    """Owners, deputies, the page's reviewers (its department's Freigabe group, for decisions
    the Lenkungskreis) and knowledge management of the page's town (or of all towns) may
    confirm a page as still current."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if is_knowledge_manager(user) and may_act_for(user, page.municipality_id):
        return True
    persons = user_persons(user)
    if persons and page.content_owner_id in persons:
        return True
    if persons and ProcessDeputy.objects.filter(page_id=page.pk, person_id__in=persons).exists():
        return True
    return is_reviewer_of(user, page)


def confirm_current(page, user, *, note: str = "", today=None) -> Confirmation:
    """ "Aktualität bestätigen": record who confirmed when in the page history and set the next
    review date from today. No new revision, no workflow round, no draft is published."""
    if not page.live:
        raise PermissionDenied(_("Nur veröffentlichte Seiten können als aktuell bestätigt werden."))
    if not can_confirm(user, page):
        raise PermissionDenied(_("Sie dürfen die Aktualität dieser Seite nicht bestätigen."))
    today = today or timezone.localdate()
    next_date = next_review_after(page, today)
    previous = page.next_review_date
    set_review_dates(page, last_reviewed_at=today, next_review_date=next_date)
    log(
        instance=page,
        action=CONFIRM_ACTION,
        user=user,
        data={
            "reviewed_on": today.isoformat(),
            "next_review_date": next_date.isoformat(),
            "previous_next_review_date": previous.isoformat() if previous else None,
            "note": note[:500],
        },
        content_changed=False,
    )
    page.last_reviewed_at, page.next_review_date = today, next_date
    return Confirmation(today, next_date)


def entries_for_person_ids(person_ids) -> Q:
    """Register entries that name one of the persons as owner or (processes) deputy."""
    return Q(content_owner_id__in=person_ids) | Q(processpage__deputies__person_id__in=person_ids)
