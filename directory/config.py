"""The configured directories (LDAP) and identity providers (OpenID Connect).

Both come from the environment through ``intranet.settings.directory`` as the settings
``DIRECTORY_LDAP`` and ``DIRECTORY_OIDC``: dictionaries from a short key (``kreis``,
``nordstadt``) to that source's options. This module gives the rest of the app typed access
and the choices the mapping offers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class LdapDirectory:
    """One LDAP directory or Active Directory (see README "Anmelden über das Verzeichnis")."""

    key: str
    label: str
    url: str
    user_base: str
    user_filter: str = "(uid=%(user)s)"
    bind_dn: str = ""
    bind_password: str = ""
    start_tls: bool = False
    ca_file: str = ""
    #: An LDAP filter an active account matches (AD: not userAccountControl bit 2).
    active_filter: str = ""
    group_base: str = ""
    #: "member": search groups whose member is the user (groupOfNames); "memberOf": read the
    #: user's memberOf attribute (Active Directory, OpenLDAP with the memberof overlay).
    groups_from: str = "member"
    #: Attribute that identifies the person for good (entryUUID, objectGUID, employeeNumber).
    id_attribute: str = "entryUUID"
    username_attribute: str = "uid"
    #: Code of the town every account of this directory belongs to (blank: from the mapping).
    town: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    timeout: int = 5

    @property
    def source(self) -> str:
        return f"ldap:{self.key}"


@dataclass(frozen=True)
class OidcProvider:
    """One OpenID Connect provider (Keycloak realm, Azure AD/Entra ID, any other)."""

    key: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    groups_claim: str = "groups"
    town: str = ""
    #: Sign out at the provider too (its end_session_endpoint), where it has one.
    end_session: bool = True
    verify_tls: bool = True
    timeout: int = 5

    @property
    def source(self) -> str:
        return f"oidc:{self.key}"


def ldap_directories() -> dict[str, LdapDirectory]:
    return {
        key: LdapDirectory(key=key, **options)
        for key, options in getattr(settings, "DIRECTORY_LDAP", {}).items()
    }


def oidc_providers() -> dict[str, OidcProvider]:
    return {
        key: OidcProvider(key=key, **options)
        for key, options in getattr(settings, "DIRECTORY_OIDC", {}).items()
    }


def source_choices() -> list[tuple[str, str]]:
    """The sources a mapping row may be limited to (blank: every source)."""
    choices = [(d.source, f"LDAP: {d.label}") for d in ldap_directories().values()]
    choices += [(p.source, f"OpenID Connect: {p.label}") for p in oidc_providers().values()]
    return choices


def local_login_enabled() -> bool:
    return bool(getattr(settings, "LOCAL_LOGIN", True))
