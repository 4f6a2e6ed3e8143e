"""The one check of an API token, used by the read API (``/api/v1/``) and the search API.

A token is Wagtail's ``APIToken`` (``Authorization: Bearer wagtail_…``; only an HMAC of it is
stored) with our expiry (``api.models.TokenExpiry``). It is accepted when it exists, is not
revoked, has not expired and belongs to an active user; otherwise :class:`TokenRejected` says
why, in German, and the caller answers ``401`` with that text as JSON ``detail``.

:class:`ExpiringBearerTokenAuth` is Wagtail's ``BearerTokenAuth`` (a django-ninja ``HttpBearer``:
reads the header, describes itself in the OpenAPI document, updates ``last_used_at`` at most
once a minute) with the lookup replaced by :func:`valid_token`. Validity: a new token is valid
for ``DEFAULT_VALIDITY_DAYS`` unless its owner chooses a shorter or longer time, at most
``MAX_VALIDITY_DAYS`` from the day it is created or extended.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from api.models import TokenExpiry

#: A new token is valid this many days unless its owner chooses otherwise.
DEFAULT_VALIDITY_DAYS = 90
#: No token is valid longer than this many days from its creation or last extension.
MAX_VALIDITY_DAYS = 365

#: ``WWW-Authenticate`` of every 401 answer (RFC 6750).
REALM = 'Bearer realm="prozessregister"'


class TokenRejected(Exception):
    """A bearer token was sent and is not accepted; ``detail`` says why (German)."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def default_valid_until(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)


def latest_valid_until(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=MAX_VALIDITY_DAYS)


def create_token(user, name: str, valid_until: datetime.date) -> tuple[APIToken, str]:
    """A new token for ``user`` and its plaintext, which exists only in this return value."""
    if valid_until > latest_valid_until():
        raise ValueError(f"valid_until beyond {MAX_VALIDITY_DAYS} days")
    with transaction.atomic():
        token, plaintext = APIToken.create_token(user=user, name=name)
        TokenExpiry.objects.create(token=token, valid_until=valid_until)
    return token, plaintext


def set_valid_until(token: APIToken, valid_until: datetime.date) -> None:
    TokenExpiry.objects.update_or_create(token=token, defaults={"valid_until": valid_until})


def valid_token(plaintext: str) -> APIToken:
    """The accepted token for ``plaintext`` (its user loaded), else :class:`TokenRejected`."""
    plaintext = plaintext.strip()
    if not plaintext or not APIToken.validate_token_format(plaintext):
        raise TokenRejected(_("API-Token ungültig."))
    token = (
        APIToken.objects.select_related("user", "expiry")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext))
        .first()
    )
    # An inactive owner's token is reported like an unknown one (it says nothing about them).
    if token is None or not token.user.is_active:
        raise TokenRejected(_("API-Token ungültig."))
    if token.revoked_at is not None:
        raise TokenRejected(_("API-Token widerrufen."))
    expiry = getattr(token, "expiry", None)
    if expiry is None:
        raise TokenRejected(
            _("API-Token ohne Ablaufdatum: bitte in der Verwaltung ein neues Token erstellen.")
        )
    if expiry.expired():
        raise TokenRejected(
            _("API-Token abgelaufen (gültig bis %(date)s).")
            % {"date": expiry.valid_until.strftime("%d.%m.%Y")}
        )
    return token


class ExpiringBearerTokenAuth(BearerTokenAuth):
    """Wagtail's bearer authentication with our validity rule and German reasons.

    No ``Authorization: Bearer`` header: ``None`` (the next method, e.g. the session, decides).
    A bearer token: its ``APIToken`` with ``request.user`` set to the owner, or
    :class:`TokenRejected` — a bad token never falls back to the browser session."""

    def authenticate(self, request: HttpRequest, token: str) -> APIToken:
        api_token = valid_token(token)
        request.user = api_token.user
        self._touch_last_used(api_token)
        return api_token


bearer_auth = ExpiringBearerTokenAuth()


def login_required_detail() -> str:
    return _("Anmeldung erforderlich: Sitzung oder API-Token (Authorization: Bearer …).")


def json_error(detail: str, status: int, **extra) -> JsonResponse:
    """An error answer of both APIs: JSON ``{"detail": …}`` (German text as it is)."""
    return JsonResponse(
        {"detail": detail, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def unauthorized(detail: str) -> JsonResponse:
    """The ``401`` answer of both APIs: JSON ``{"detail": …}``, never the login redirect."""
    response = json_error(detail, 401)
    response["WWW-Authenticate"] = REALM
    return response


def authenticate(request: HttpRequest) -> JsonResponse | None:
    """Sign the request in with its bearer token, else keep its session; ``None`` when the
    request may go on, the ``401`` answer otherwise (for views outside django-ninja)."""
    try:
        api_token = bearer_auth(request)
    except TokenRejected as rejected:
        return unauthorized(rejected.detail)
    if api_token is None and not request.user.is_authenticated:
        return unauthorized(login_required_detail())
    return None
