"""One directory entry applied to its account: the common step of sign-in and sync.

An LDAP bind, an OpenID Connect token and ``manage.py sync_directory`` each describe the
person as a :class:`DirectoryEntry`; :func:`apply_entry` finds or makes the account, applies
the mapping (``directory.roles``), links the person (``directory.people``) and handles a
leaver (``directory.leavers``). Every change is returned as a German line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from directory.leavers import deactivate_leaver
from directory.models import DirectoryAccount
from directory.people import link_person, take_contact_data
from directory.roles import RoleDecision, apply_roles, decide


class ForeignAccount(Exception):
    """The user name belongs to a local account or another directory's account."""


@dataclass
class DirectoryEntry:
    source: str
    username: str
    external_id: str = ""
    dn: str = ""
    groups: list[str] = field(default_factory=list)
    active: bool = True
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    town_code: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass
class Outcome:
    user: object | None
    changes: list[str]
    decision: RoleDecision | None = None

    @property
    def problem(self) -> str:
        return self.decision.problem if self.decision else ""


def find_account(source: str, username: str, external_id: str = "") -> DirectoryAccount | None:
    accounts = DirectoryAccount.objects.select_related("user").filter(source=source)
    if external_id:
        account = accounts.filter(external_id=external_id).first()
        if account is not None:
            return account
    return accounts.filter(username__iexact=username).first()


def _account_for(entry: DirectoryEntry, user=None) -> tuple[DirectoryAccount, bool]:
    """The entry's account, made on first sign-in (``user``: the account the LDAP bind just
    made). A user name already held by a local account or by another directory's account is
    refused, never taken over."""
    account = find_account(entry.source, entry.username, entry.external_id)
    if account is not None:
        return account, False
    if user is None:
        users = get_user_model()
        if users.objects.filter(username__iexact=entry.username).exists():
            raise ForeignAccount(entry.username)
        user = users(username=entry.username)
        user.set_unusable_password()
        user.save()
    account = DirectoryAccount.objects.create(
        user=user, source=entry.source, username=entry.username
    )
    return account, True


@transaction.atomic
def apply_entry(
    entry: DirectoryEntry, *, user=None, dry_run: bool = False, create: bool = True
) -> Outcome:
    """Bring the account of ``entry`` in line with the directory (see module docstring)."""
    if not entry.active:
        account = find_account(entry.source, entry.username, entry.external_id)
        if account is None:
            return Outcome(None, [])
        return Outcome(account.user, deactivate_leaver(account, dry_run=dry_run))
    if dry_run or not create:
        account = find_account(entry.source, entry.username, entry.external_id)
        if account is None:
            return Outcome(None, [])
        created = False
    else:
        account, created = _account_for(entry, user)
    user = account.user
    changes = [f"{user.username}: Konto angelegt"] if created else []
    if account.deactivated_at is not None and not user.is_active:
        changes.append(f"{user.username}: im Verzeichnis wieder aktiv – Konto entsperrt")
        if not dry_run:
            user.is_active = True
            account.deactivated_at = None
    for attribute, value in (
        ("first_name", entry.first_name),
        ("last_name", entry.last_name),
        ("email", entry.email),
    ):
        if value and getattr(user, attribute) != value and not dry_run:
            setattr(user, attribute, value)
    decision = decide(entry.source, entry.groups, entry.town_code)
    changes += apply_roles(user, decision, dry_run=dry_run)
    person, linked = link_person(user, email=entry.email, dry_run=dry_run)
    changes += linked
    if person is not None and decision.take_contact_data:
        changes += take_contact_data(
            person, name=entry.full_name, email=entry.email, phone=entry.phone, dry_run=dry_run
        )
    if not dry_run:
        user.save()
        account.username = entry.username
        account.external_id = entry.external_id or account.external_id
        account.dn = entry.dn
        account.directory_groups = entry.groups
        account.last_seen = timezone.now()
        account.save()
    return Outcome(user, changes, decision)
