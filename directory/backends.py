"""Authentication backends: one django-auth-ldap backend per configured LDAP directory.

``AUTHENTICATION_BACKENDS`` names them ``directory.backends.ldap_<key>``; this module makes
the class on first use (module ``__getattr__``), with the directory's options handed to
django-auth-ldap as its settings. Before the password is checked, the service account looks
the entry up: a disabled or removed entry is a leaver (``directory.leavers``) and is refused.
After the bind, the entry is applied to the account (``directory.accounts.apply_entry``).
An unreachable directory is noted on the request, so the login page can say so.
"""

from __future__ import annotations

import logging

import ldap
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import LDAPSearch, LDAPSettings

from directory.accounts import DirectoryEntry, ForeignAccount, apply_entry, find_account
from directory.config import LdapDirectory, ldap_directories
from directory.ldap_directory import DirectoryUnavailable, connect, connection_options, entry_for

logger = logging.getLogger("directory")

#: Attribute of the request listing the sources that could not be reached (login page).
UNREACHABLE_ATTRIBUTE = "directory_unreachable"


def note_unreachable(request, label: str) -> None:
    if request is not None:
        labels = getattr(request, UNREACHABLE_ATTRIBUTE, [])
        setattr(request, UNREACHABLE_ATTRIBUTE, [*labels, label])


class DirectoryLDAPBackend(LDAPBackend):
    """Sign-in by bind against one directory (``key``)."""

    key = ""

    @property
    def directory(self) -> LdapDirectory:
        return ldap_directories()[self.key]

    @property
    def settings(self) -> LDAPSettings:
        directory = self.directory
        defaults = {
            "SERVER_URI": directory.url,
            "BIND_DN": directory.bind_dn,
            "BIND_PASSWORD": directory.bind_password,
            "START_TLS": directory.start_tls,
            "CONNECTION_OPTIONS": connection_options(directory),
            "USER_SEARCH": LDAPSearch(
                directory.user_base, ldap.SCOPE_SUBTREE, directory.user_filter
            ),
            "ALWAYS_UPDATE_USER": False,
            "CACHE_TIMEOUT": 0,
        }
        # No Django setting carries this prefix: every value comes from the defaults.
        return LDAPSettings(f"DIRECTORY_LDAP_{self.key.upper()}_UNUSED_", defaults)

    @settings.setter
    def settings(self, value) -> None:  # django-auth-ldap's API allows setting it
        pass

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or self.key not in ldap_directories():
            return None
        directory = self.directory
        try:
            conn = connect(directory)
            try:
                entry = entry_for(conn, directory, username.strip())
            finally:
                conn.unbind_s()
        except DirectoryUnavailable as error:
            logger.warning("Directory %s unreachable: %s", directory.key, error)
            note_unreachable(request, directory.label)
            return None
        if entry is None or not entry.active:
            self._refuse_leaver(entry, username.strip())
            return None
        user = super().authenticate(request, username=entry.username, password=password)
        if user is None:
            return None
        try:
            outcome = apply_entry(entry, user=user)
        except ForeignAccount:
            return None
        for change in outcome.changes:
            logger.info("%s", change)
        if outcome.problem and request is not None and hasattr(request, "_messages"):
            messages.warning(request, outcome.problem)
        return outcome.user if outcome.user is not None and outcome.user.is_active else None

    def _refuse_leaver(self, entry: DirectoryEntry | None, username: str) -> None:
        if entry is None:
            account = find_account(self.directory.source, username)
            if account is None:
                return
            entry = DirectoryEntry(
                source=self.directory.source, username=account.username, active=False
            )
        apply_entry(entry)

    def get_or_build_user(self, username, ldap_user):
        account = find_account(self.directory.source, username)
        if account is not None:
            return account.user, False
        model = get_user_model()
        if model.objects.filter(username__iexact=username).exists():
            # A local account or another directory's: never taken over by a bind.
            raise ldap_user.AuthenticationFailed(f"user name {username} is taken")
        return model(username=username), True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def backend_path(key: str) -> str:
    return f"directory.backends.ldap_{key}"


def __getattr__(name: str) -> type[DirectoryLDAPBackend]:
    if name.startswith("ldap_"):
        key = name.removeprefix("ldap_")
        backend = type(f"DirectoryLDAPBackend_{key}", (DirectoryLDAPBackend,), {"key": key})
        globals()[name] = backend
        return backend
    raise AttributeError(name)


class PermissionsOnlyBackend(ModelBackend):
    """The model backend without passwords (``LOCAL_LOGIN=false``): it still answers for the
    permissions of every account, but no local password signs anyone in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None
