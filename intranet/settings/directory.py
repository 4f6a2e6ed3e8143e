"""Sign-in through the towns' directories, from the environment (README "Anmelden über das
Verzeichnis"): LDAP directories / Active Directory (``LDAP_DIRECTORIES`` and
``LDAP_<KEY>_*``), OpenID Connect providers (``OIDC_PROVIDERS`` and ``OIDC_<KEY>_*``) and
whether the local login stays (``LOCAL_LOGIN``). Produces the settings ``DIRECTORY_LDAP``,
``DIRECTORY_OIDC``, ``LOCAL_LOGIN`` and the authentication backends to add.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_list, env_str

KEY = re.compile(r"^[a-z][a-z0-9]{0,30}$")


def _keys(variable: str) -> list[str]:
    keys = [key.lower() for key in env_list(variable, [])]
    for key in keys:
        if not KEY.match(key):
            raise ImproperlyConfigured(
                f"{variable}: '{key}' – nur Kleinbuchstaben und Ziffern, mit einem Buchstaben vorn."
            )
    return keys


def _required(name: str) -> str:
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"{name} fehlt.")
    return value


def ldap_from_env() -> dict[str, dict]:
    directories = {}
    for key in _keys("LDAP_DIRECTORIES"):
        p = f"LDAP_{key.upper()}_"
        options = {
            "label": env_str(p + "LABEL", key),
            "url": _required(p + "URL"),
            "user_base": _required(p + "USER_BASE"),
            "user_filter": env_str(p + "USER_FILTER", "(uid=%(user)s)"),
            "bind_dn": env_str(p + "BIND_DN", ""),
            "bind_password": env_str(p + "BIND_PASSWORD", ""),
            "start_tls": env_bool(p + "START_TLS", False),
            "ca_file": env_str(p + "CA_FILE", ""),
            "active_filter": env_str(p + "ACTIVE_FILTER", ""),
            "group_base": env_str(p + "GROUP_BASE", ""),
            "groups_from": env_str(p + "GROUPS_FROM", "member"),
            "id_attribute": env_str(p + "ID_ATTRIBUTE", "entryUUID"),
            "username_attribute": env_str(p + "USERNAME_ATTRIBUTE", "uid"),
            "town": env_str(p + "TOWN", ""),
            "timeout": int(env_str(p + "TIMEOUT", "5")),
            "attributes": {
                field: env_str(p + "ATTR_" + field.upper(), default)
                for field, default in (
                    ("first_name", "givenName"),
                    ("last_name", "sn"),
                    ("email", "mail"),
                    ("phone", "telephoneNumber"),
                )
            },
        }
        directories[key] = options
    return directories


def oidc_from_env() -> dict[str, dict]:
    providers = {}
    for key in _keys("OIDC_PROVIDERS"):
        p = f"OIDC_{key.upper()}_"
        providers[key] = {
            "label": env_str(p + "LABEL", key),
            "issuer": _required(p + "ISSUER").rstrip("/"),
            "client_id": _required(p + "CLIENT_ID"),
            "client_secret": _required(p + "CLIENT_SECRET"),
            "scopes": env_str(p + "SCOPES", "openid email profile"),
            "groups_claim": env_str(p + "GROUPS_CLAIM", "groups"),
            "town": env_str(p + "TOWN", ""),
            "end_session": env_bool(p + "END_SESSION", True),
            "verify_tls": env_bool(p + "VERIFY_TLS", True),
            "timeout": int(env_str(p + "TIMEOUT", "5")),
        }
    return providers


def ldap_backends(directories: dict[str, dict]) -> list[str]:
    return [f"directory.backends.ldap_{key}" for key in directories]


def provider_origins(providers: dict[str, dict]) -> list[str]:
    """The providers' origins: logout is a form whose answer redirects to the provider's
    end-session endpoint, which the Content-Security-Policy's form-action must allow."""
    origins = []
    for options in providers.values():
        parts = urlsplit(options["issuer"])
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))
