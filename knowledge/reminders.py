"""Daily review digests (Wiedervorlage) with escalation.

Each owner gets one German digest a day listing their pages due within the lead time or
overdue. A page overdue longer than ``escalate_deputy_days`` also goes to its deputies (or,
without deputies, to the department's Freigabe group); longer than ``escalate_group_days`` also
to the Freigabe group. A page without a reachable owner goes to its deputies, else to the
Freigabe group, else to knowledge management. At most one digest per address and day
(:class:`knowledge.models.ReminderLog`).

The same digest also lists the reader's open read confirmations (Kenntnisnahmen, see
``knowledge.reading``): still one mail per person and day, never a second one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.models import ReadRequest, ReminderLog
from knowledge.notifications import (
    Recipient,
    absolute,
    admin_link,
    message,
    page_link,
    person_recipient,
    recipient_visibility,
    unique,
    user_recipient,
)
from knowledge.reviews import due_entries, policy
from knowledge.roles import knowledge_managers, reviewers_for
from prozesse.daily_mail import ReminderRun, send_once_a_day
from prozesse.models import ProcessDeputy

OWNER, ACTING, DEPUTY, REVIEWER = "owner", "acting", "deputy", "reviewer"
ROLE_LABELS = {
    OWNER: "verantwortlich",
    ACTING: "stellvertretend – keine erreichbare verantwortliche Person",
    DEPUTY: "als Vertretung",
    REVIEWER: "als Freigabe des Fachbereichs",
}


@dataclass
class DueItem:
    page: object
    due: datetime.date
    days_overdue: int
    role: str
    url: str = ""
    confirm_url: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass
class ReadItem:
    """An open read confirmation (Kenntnisnahme) of the recipient."""

    request: ReadRequest
    page: object
    due: datetime.date
    url: str = ""

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


@dataclass
class Digest:
    recipient: Recipient
    own: list[DueItem] = field(default_factory=list)
    escalated: list[DueItem] = field(default_factory=list)
    reads: list[ReadItem] = field(default_factory=list)

    @property
    def items(self) -> list[DueItem]:
        return self.own + self.escalated

    @property
    def page_ids(self) -> list[int]:
        return [item.page.pk for item in self.own]

    @property
    def escalated_page_ids(self) -> list[int]:
        return [item.page.pk for item in self.escalated]

    @property
    def read_campaign_ids(self) -> list[int]:
        return [item.request.campaign_id for item in self.reads]

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.reads)

    @property
    def subject(self) -> str:
        count = len(self.items)
        reads = ngettext(
            "%(count)d Seite zur Kenntnis nehmen",
            "%(count)d Seiten zur Kenntnis nehmen",
            len(self.reads),
        ) % {"count": len(self.reads)}
        if not count:
            return _("Kenntnisnahme: %(reads)s") % {"reads": reads}
        overdue = sum(1 for item in self.items if item.overdue)
        subject = ngettext(
            "Wiedervorlage: %(count)d Seite im Prozessregister prüfen",
            "Wiedervorlage: %(count)d Seiten im Prozessregister prüfen",
            count,
        ) % {"count": count}
        if overdue:
            subject += " " + _("(davon %(overdue)d überfällig)") % {"overdue": overdue}
        if self.reads:
            subject += " " + _("und %(reads)s") % {"reads": reads}
        return subject


def build_digests(today: datetime.date | None = None) -> list[Digest]:
    today = today or timezone.localdate()
    rules = policy()
    pages = list(
        due_entries(today, rules.lead_days).select_related(
            "content_owner", "department", "municipality"
        )
    )
    deputies: dict[int, list[Recipient]] = defaultdict(list)
    if pages:
        for link in ProcessDeputy.objects.filter(page_id__in=[p.pk for p in pages]).select_related(
            "person"
        ):
            recipient = person_recipient(link.person, today)
            if recipient is not None:
                deputies[link.page_id].append(recipient)

    reviewers_cache: dict[tuple, list[Recipient]] = {}

    def reviewers(page) -> list[Recipient]:
        key = ("department", page.department_id) if page.department_id else ("page", page.pk)
        if key not in reviewers_cache:
            found = unique(user_recipient(user) for user in reviewers_for(page))
            if not found:  # nobody approves here: knowledge management catches it
                managers = knowledge_managers(page.municipality if page.municipality_id else None)
                found = unique(user_recipient(user) for user in managers)
            reviewers_cache[key] = found
        return reviewers_cache[key]

    digests: dict[str, Digest] = {}

    def add(recipients, page, role, days_overdue, escalated=False):
        for recipient in recipients:
            digest = digests.setdefault(recipient.key, Digest(recipient))
            target = digest.escalated if escalated else digest.own
            if any(item.page.pk == page.pk for item in digest.items):
                continue
            target.append(
                DueItem(
                    page,
                    page.next_review_date,
                    days_overdue,
                    role,
                    page_link(page),
                    admin_link("knowledge_reviews:confirm", page.pk),
                )
            )

    for page in pages:
        days_overdue = (today - page.next_review_date).days
        owner = person_recipient(page.content_owner, today)
        page_deputies = unique(deputies[page.pk])
        if owner is not None:
            add([owner], page, OWNER, days_overdue)
        else:
            add(page_deputies or reviewers(page), page, ACTING, days_overdue)
        if days_overdue > rules.escalate_deputy_days:
            if page_deputies:
                add(page_deputies, page, DEPUTY, days_overdue, escalated=True)
            else:
                add(reviewers(page), page, REVIEWER, days_overdue, escalated=True)
        if days_overdue > rules.escalate_group_days:
            add(reviewers(page), page, REVIEWER, days_overdue, escalated=True)

    add_read_requests(digests)

    # A digest lists only pages its recipient may see; one that is left empty is not sent.
    result = []
    for digest in digests.values():
        visibility = recipient_visibility(digest.recipient)
        digest.own = [item for item in digest.own if visibility.allows(item.page)]
        digest.escalated = [item for item in digest.escalated if visibility.allows(item.page)]
        digest.reads = [item for item in digest.reads if visibility.allows(item.page)]
        if not digest.is_empty:
            result.append(digest)
    for digest in result:
        digest.own.sort(key=lambda item: (item.due, item.page.title))
        digest.escalated.sort(key=lambda item: (item.due, item.page.title))
        digest.reads.sort(key=lambda item: (item.due, item.page.title))
    return sorted(result, key=lambda digest: digest.recipient.key)


def add_read_requests(digests: dict[str, Digest]) -> None:
    """Put every open read request of a running campaign into its reader's digest."""
    requests = ReadRequest.objects.filter(
        confirmed_at__isnull=True, campaign__superseded=False, campaign__page__live=True
    ).select_related("user", "campaign__page")
    for request in requests:
        recipient = user_recipient(request.user)
        if recipient is None:
            continue
        page = request.campaign.page.specific_deferred
        digest = digests.setdefault(recipient.key, Digest(recipient))
        if any(item.request.campaign.page_id == page.pk for item in digest.reads):
            continue
        digest.reads.append(ReadItem(request, page, request.campaign.due_date, page_link(page)))


def send_review_reminders(
    today: datetime.date | None = None, *, dry_run: bool = False
) -> ReminderRun:
    """Send today's digests; an address that already got one today is skipped."""
    today = today or timezone.localdate()

    def mail(digest):
        context = {
            "digest": digest,
            "today": today,
            "rules": policy(),
            "dashboard_url": absolute("/admin/"),
            "tasks_url": absolute(reverse("wissen:tasks")),
        }
        return message(digest.recipient, digest.subject, "review_digest", context)

    return send_once_a_day(
        build_digests(today),
        ReminderLog,
        today,
        recipient=lambda digest: {"email": digest.recipient.key},
        address=lambda digest: digest.recipient.key,
        defaults=lambda digest: {
            "recipient_name": digest.recipient.name[:200],
            "page_ids": digest.page_ids,
            "escalated_page_ids": digest.escalated_page_ids,
            "read_campaign_ids": digest.read_campaign_ids,
        },
        message=mail,
        label="Review digest",
        dry_run=dry_run,
    )
