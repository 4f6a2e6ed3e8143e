"""``manage.py sync_directory``: every account of an LDAP directory brought in line with it.

For each account that signed in through a directory, its entry is read with the service
account: group changes become role changes (``directory.roles``), a disabled or removed
entry makes a leaver (``directory.leavers``). Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from directory.accounts import DirectoryEntry, apply_entry
from directory.config import LdapDirectory
from directory.ldap_directory import connect, entry_for
from directory.models import DirectoryAccount


@dataclass
class SyncReport:
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    accounts: int = 0


def sync_ldap(directory: LdapDirectory, *, dry_run: bool = False) -> SyncReport:
    """Sync the accounts of one directory (raises ``ldap.LDAPError`` when unreachable)."""
    report = SyncReport()
    conn = connect(directory)
    try:
        accounts: Iterable[DirectoryAccount] = (
            DirectoryAccount.objects.filter(source=directory.source)
            .select_related("user")
            .order_by("username")
        )
        for account in accounts:
            report.accounts += 1
            entry = entry_for(conn, directory, account.username)
            if entry is None:
                entry = DirectoryEntry(
                    source=directory.source, username=account.username, active=False
                )
            outcome = apply_entry(entry, dry_run=dry_run, create=False)
            report.changes += outcome.changes
            if outcome.problem:
                report.problems.append(f"{account.username}: {outcome.problem}")
    finally:
        conn.unbind_s()
    return report
