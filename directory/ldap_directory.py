"""Reading an LDAP directory or Active Directory with the service account.

Finds an entry by user name, lists the entries of the accounts to sync, tells whether an
entry is active (the directory's ``active_filter``) and which groups it belongs to, and turns
it into a :class:`directory.accounts.DirectoryEntry`. Binding as the person to check a password
is django-auth-ldap's job (``directory.backends``).
"""

from __future__ import annotations

import ldap
from ldap.filter import escape_filter_chars

from directory.accounts import DirectoryEntry
from directory.config import LdapDirectory

#: Raised when the directory cannot be reached or refuses the service account.
DirectoryUnavailable = ldap.LDAPError


def connection_options(directory: LdapDirectory) -> dict:
    options = {
        ldap.OPT_NETWORK_TIMEOUT: directory.timeout,
        ldap.OPT_TIMEOUT: directory.timeout,
        ldap.OPT_REFERRALS: 0,
    }
    if directory.ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = directory.ca_file
        options[ldap.OPT_X_TLS_REQUIRE_CERT] = ldap.OPT_X_TLS_DEMAND
        options[ldap.OPT_X_TLS_NEWCTX] = 0
    return options


def connect(directory: LdapDirectory):
    """A connection bound as the service account (anonymous without one)."""
    conn = ldap.initialize(directory.url)
    for option, value in connection_options(directory).items():
        conn.set_option(option, value)
    if directory.start_tls:
        conn.start_tls_s()
    conn.simple_bind_s(directory.bind_dn, directory.bind_password)
    return conn


def _text(attrs: dict, name: str) -> str:
    if not name:
        return ""
    for key, values in attrs.items():
        if key.lower() == name.lower() and values:
            value = values[0]
            if isinstance(value, bytes):
                try:
                    return value.decode("utf-8")
                except UnicodeDecodeError:  # binary ids such as objectGUID
                    return value.hex()
            return str(value)
    return ""


def _user_filter(directory: LdapDirectory, username: str) -> str:
    return directory.user_filter % {"user": escape_filter_chars(username)}


def find(conn, directory: LdapDirectory, username: str) -> tuple[str, dict] | None:
    """(DN, attributes) of the entry called ``username``, or None."""
    results = conn.search_s(
        directory.user_base, ldap.SCOPE_SUBTREE, _user_filter(directory, username), ["*", "+"]
    )
    results = [(dn, attrs) for dn, attrs in results if dn]
    return results[0] if len(results) == 1 else None


def is_active(conn, directory: LdapDirectory, dn: str) -> bool:
    if not directory.active_filter:
        return True
    found = conn.search_s(dn, ldap.SCOPE_BASE, directory.active_filter, ["1.1"])
    return bool([entry for entry, _ in found if entry])


def group_dns(conn, directory: LdapDirectory, dn: str, attrs: dict) -> list[str]:
    if directory.groups_from.lower() == "memberof":
        return [
            value.decode("utf-8") if isinstance(value, bytes) else value
            for key, values in attrs.items()
            if key.lower() == "memberof"
            for value in values
        ]
    base = directory.group_base or directory.user_base
    found = conn.search_s(
        base,
        ldap.SCOPE_SUBTREE,
        f"(|(member={escape_filter_chars(dn)})(uniqueMember={escape_filter_chars(dn)}))",
        ["1.1"],
    )
    return sorted(group for group, _ in found if group)


def entry_for(conn, directory: LdapDirectory, username: str) -> DirectoryEntry | None:
    """The directory's view of ``username``; None when the entry does not exist."""
    found = find(conn, directory, username)
    if found is None:
        return None
    dn, attrs = found
    names = directory.attributes
    return DirectoryEntry(
        source=directory.source,
        username=_text(attrs, directory.username_attribute) or username,
        external_id=_text(attrs, directory.id_attribute),
        dn=dn,
        groups=group_dns(conn, directory, dn, attrs),
        active=is_active(conn, directory, dn),
        first_name=_text(attrs, names.get("first_name", "givenName")),
        last_name=_text(attrs, names.get("last_name", "sn")),
        email=_text(attrs, names.get("email", "mail")),
        phone=_text(attrs, names.get("phone", "telephoneNumber")),
        town_code=directory.town,
    )
