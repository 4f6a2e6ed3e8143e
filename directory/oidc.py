"""Sign-in through OpenID Connect providers (mozilla-django-oidc), several at once.

mozilla-django-oidc is written for one provider in the settings; :class:`ProviderBackend`
takes the provider's options per sign-in instead (``directory.config.OidcProvider``, its
endpoints from the provider's discovery document). On top of the library's checks (signature,
expiry, nonce) it refuses an ID token whose issuer or audience is not this provider and this
client. The claims become a :class:`directory.accounts.DirectoryEntry`, so roles come from
the same mapping as for LDAP.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from directory.accounts import DirectoryEntry, ForeignAccount, apply_entry
from directory.config import OidcProvider, oidc_providers

logger = logging.getLogger("directory")

#: Session key: the provider the current session signed in with (for logout).
SESSION_PROVIDER = "directory_oidc_provider"
CALLBACK_URL_NAME = "directory_oidc_callback"


class ProviderUnavailable(Exception):
    """The provider's discovery document cannot be fetched."""


def discovery(provider: OidcProvider) -> dict:
    """The provider's OpenID configuration (cached for an hour)."""
    key = f"directory-oidc-discovery:{provider.issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                f"{provider.issuer}/.well-known/openid-configuration",
                timeout=provider.timeout,
                verify=provider.verify_tls,
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable(str(error)) from error
        cache.set(key, document, 3600)
    return document


def audience_ok(payload: dict, provider: OidcProvider) -> bool:
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if provider.client_id not in audiences:
        return False
    return not (len(audiences) > 1 and payload.get("azp") != provider.client_id)


class ProviderBackend(OIDCAuthenticationBackend):
    """One backend for every configured provider (``provider`` names it per sign-in)."""

    def __init__(self, *args, **kwargs) -> None:
        # The library reads one provider from the settings here; ours come per sign-in.
        self.UserModel = get_user_model()
        self.provider: OidcProvider | None = None

    def get_settings(self, attr, *args):
        own = {
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_STORE_ID_TOKEN": True,
            "OIDC_USE_NONCE": True,
            "OIDC_CREATE_USER": True,
        }
        if self.provider is not None:
            own |= {
                "OIDC_RP_SCOPES": self.provider.scopes,
                "OIDC_VERIFY_SSL": self.provider.verify_tls,
                "OIDC_TIMEOUT": self.provider.timeout,
            }
        if attr in own:
            return own[attr]
        return import_from_settings(attr, *args)

    def use(self, provider: OidcProvider) -> None:
        document = discovery(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, provider=None, **kwargs):
        if provider is None or provider not in oidc_providers():
            return None
        try:
            self.use(oidc_providers()[provider])
            return super().authenticate(request, **kwargs)
        except ProviderUnavailable:
            return None
        except (requests.RequestException, SuspiciousOperation) as error:
            logger.warning("OpenID Connect sign-in via %s refused: %s", provider, error)
            return None

    def verify_token(self, token, **kwargs):
        """The library's checks (signature, expiry, nonce), then issuer and audience."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:  # expired, not yet valid, malformed
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("ID token of another issuer")
        if not audience_ok(payload, self.provider):
            raise SuspiciousOperation("ID token for another audience")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        entry = entry_from_claims(self.provider, claims)
        try:
            outcome = apply_entry(entry)
        except ForeignAccount:
            logger.warning("OpenID Connect user name %s is taken locally", entry.username)
            return None
        if outcome.problem and hasattr(self.request, "_messages"):
            messages.warning(self.request, outcome.problem)
        if outcome.user is not None:
            self.request.session[SESSION_PROVIDER] = self.provider.key
        return outcome.user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def entry_from_claims(provider: OidcProvider, claims: dict) -> DirectoryEntry:
    groups = claims.get(provider.groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    return DirectoryEntry(
        source=provider.source,
        username=claims.get("preferred_username") or claims["sub"],
        external_id=claims["sub"],
        groups=[str(group) for group in groups],
        first_name=claims.get("given_name", ""),
        last_name=claims.get("family_name", ""),
        email=claims.get("email", ""),
        phone=claims.get("phone_number", ""),
        town_code=provider.town,
    )
