"""Leavers from the directory: "Management des Ausscheidens" from the directory, not memory.

An account disabled or removed in the directory is deactivated at the next sync or sign-in
attempt, its sessions end, and a handover of its person is started as a draft ("In
Vorbereitung") for the knowledge management of the person's town, listing everything the
person owns (``knowledge.handover.refresh_items``). Nothing is reassigned or published here:
knowledge management chooses successors and carries the handover out
(``knowledge.handover.execute_handover``), every change then waits in its page's workflow.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.models import Session
from django.utils import timezone

from directory.models import DirectoryAccount
from knowledge.handover import refresh_items
from knowledge.models import Handover, HandoverReason, HandoverStatus
from prozesse.models import Person

logger = logging.getLogger("directory")

HANDOVER_NOTE = (
    "Begonnen durch den Verzeichnisabgleich am {date}: Das Konto {username} ist im Verzeichnis "
    "deaktiviert oder gelöscht. Bitte Anlass, letzten Arbeitstag und Nachfolge prüfen, bevor "
    "die Zuständigkeiten übertragen werden."
)


def end_sessions(user) -> int:
    """Delete every unexpired session of ``user``; the number ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def draft_handover(person: Person, username: str) -> Handover | None:
    """A handover in preparation for ``person``, unless one is already open."""
    if Handover.objects.filter(person=person).exclude(status=HandoverStatus.CLOSED).exists():
        return None
    today = timezone.localdate()
    handover = Handover.objects.create(
        person=person,
        # Not a permanent reason: that would mark the person as departed before anyone
        # confirmed it; knowledge management sets the real reason.
        reason=HandoverReason.ABSENCE,
        last_working_day=today,
        note=HANDOVER_NOTE.format(date=today.strftime("%d.%m.%Y"), username=username),
        started_by=None,
    )
    refresh_items(handover)
    return handover


def deactivate_leaver(account: DirectoryAccount, *, dry_run: bool = False) -> list[str]:
    """Deactivate the account of a leaver, end its sessions, draft a handover; the changes."""
    user = account.user
    changes: list[str] = []
    if user.is_active:
        changes.append(f"{user.username}: im Verzeichnis deaktiviert – Konto gesperrt")
    person = Person.objects.filter(user=user).first()
    open_handover = (
        person is not None
        and Handover.objects.filter(person=person).exclude(status=HandoverStatus.CLOSED).exists()
    )
    if person is not None and not open_handover and account.deactivated_at is None:
        changes.append(f"{user.username}: Wissensübergabe für „{person.name}“ als Entwurf begonnen")
    if dry_run:
        return changes
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    if ended:
        changes.append(f"{user.username}: {ended} Sitzung(en) beendet")
    if person is not None and account.deactivated_at is None:
        draft_handover(person, user.username)
    if account.deactivated_at is None:
        account.deactivated_at = timezone.now()
        account.save(update_fields=["deactivated_at"])
    logger.info("Directory leaver %s deactivated", user.username)
    return changes
