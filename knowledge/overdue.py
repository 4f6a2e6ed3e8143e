"""Overdue reviews ("Überfällige Prüfungen") for knowledge management: which entries are
overdue in the user's towns, and the three things done about one of them.

* :func:`overdue_entries` – live register entries of every type whose next review date has
  passed, in the towns the user acts for (``prozesse.towns``: one town for "Wissensmanagement
  <Kommune>", all for the central group), reduced by the visibility rule;
* :func:`remind_owner` – one mail to whoever answers for the page (owner, else deputies, else
  the department's Freigabe group; ``knowledge.notifications.page_contacts``), at most once a
  day per page, recorded in the page history;
* confirming the review is ``knowledge.reviews.confirm_current`` (its own screen);
* :func:`reassign_owner` – a new owner of the page's town who has not left, proposed as a
  revision through the page's own workflow (``knowledge.revisions.propose_change``), so the
  department approves it like any change; recorded in the page history.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from knowledge.notifications import admin_link, page_contacts, page_link, send
from knowledge.reviews import reviewable_entries
from knowledge.revisions import Proposal, propose_change
from knowledge.roles import is_knowledge_manager
from prozesse.models import Person, RegisterEntryPage
from prozesse.towns import in_acting_towns, may_act_for
from prozesse.visibility import Visibility

REMIND_ACTION = "knowledge.remind_owner"
REASSIGN_ACTION = "knowledge.reassign_owner"


def overdue_entries(
    user, visibility: Visibility, today: datetime.date | None = None
) -> QuerySet[RegisterEntryPage]:
    """Overdue entries the user (a knowledge manager) answers for and may see, oldest first."""
    if not is_knowledge_manager(user):
        return RegisterEntryPage.objects.none()
    today = today or timezone.localdate()
    entries = reviewable_entries().filter(next_review_date__lt=today)
    return (
        visibility.apply(in_acting_towns(entries, user))
        .select_related("municipality", "department", "content_owner")
        .order_by("next_review_date", "title")
    )


def overdue_entry(user, visibility: Visibility, page_id: int) -> RegisterEntryPage | None:
    """The overdue entry with this id if it is in the user's list, as its specific page."""
    entry = overdue_entries(user, visibility).filter(pk=page_id).first()
    return entry.specific if entry is not None else None


def reminded_on(page: Page, day: datetime.date) -> bool:
    """Whether the page's owner was already reminded on ``day``."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return PageLogEntry.objects.filter(
        page_id=page.pk,
        action=REMIND_ACTION,
        timestamp__gte=start,
        timestamp__lt=start + datetime.timedelta(days=1),
    ).exists()


def remind_owner(page: RegisterEntryPage, user, today: datetime.date | None = None) -> list[str]:
    """Mail whoever answers for ``page`` that its review is overdue; returns the addresses
    reached. Raises ValidationError (German) when the page was already reminded today or
    nobody can be written to."""
    if not (is_knowledge_manager(user) and may_act_for(user, page.municipality_id)):
        raise PermissionDenied
    today = today or timezone.localdate()
    with transaction.atomic():
        # One reminder a day: the page row serialises two clicks at the same moment.
        Page.objects.select_for_update().filter(pk=page.pk).first()
        if reminded_on(page, today):
            raise ValidationError(
                _("Zu „%(title)s“ wurde heute schon erinnert. Morgen geht es wieder.")
                % {"title": page.title}
            )
        recipients = page_contacts(page, today)
        context = {
            "page": page,
            "page_url": page_link(page),
            "confirm_url": admin_link("knowledge_reviews:confirm", page.pk),
            "sender": user.get_full_name() or user.get_username(),
            "days_overdue": (today - page.next_review_date).days,
        }
        subject = _("Prüfung überfällig: „%(title)s“") % {"title": page.title}
        sent = send(recipients, subject, "review_reminder", context, about=[page])
        if not sent:
            raise ValidationError(
                _(
                    "Für „%(title)s“ ist niemand mit E-Mail-Adresse erreichbar. Bitte weisen "
                    "Sie die Seite einer anderen Person zu."
                )
                % {"title": page.title}
            )
        log(instance=page, action=REMIND_ACTION, user=user, data={"recipients": len(sent)})
    return sent


def owner_choices(page: RegisterEntryPage, today: datetime.date | None = None) -> QuerySet:
    """People who may take the page over: of the page's town, not left, not the owner."""
    today = today or timezone.localdate()
    people = Person.objects.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
    if page.municipality_id:
        people = people.filter(municipality_id=page.municipality_id)
    if page.content_owner_id:
        people = people.exclude(pk=page.content_owner_id)
    return people.select_related("municipality", "department").order_by("name")


def reassign_owner(page: RegisterEntryPage, person: Person, user) -> Proposal | None:
    """Propose ``person`` as the page's owner (through the page's workflow) and record it."""
    if not (is_knowledge_manager(user) and may_act_for(user, page.municipality_id)):
        raise PermissionDenied
    if not owner_choices(page).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(name)s kann „%(title)s“ nicht übernehmen.")
            % {"name": person.name, "title": page.title}
        )
    previous = page.content_owner.name if page.content_owner_id else ""

    def mutate(draft) -> set[str]:
        if draft.content_owner_id == person.pk:
            return set()
        draft.content_owner = person
        return {"content_owner"}

    proposal = propose_change(page, mutate, user=user)
    log(
        instance=page,
        action=REASSIGN_ACTION,
        user=user,
        revision=proposal.revision if proposal is not None else None,
        data={
            "from": previous,
            "to": person.name,
            "waiting_at": proposal.waiting_at if proposal is not None else "",
        },
    )
    return proposal
