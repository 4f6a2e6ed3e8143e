"""The sign-in pages: the login page with one button per provider, the start of an OpenID
Connect sign-in, the provider's return, and logout that ends the provider session too.

Refusals (unknown provider, provider unreachable, provider error, state mismatch, a token that
fails a check) lead back to the login page with a German message; the local login there keeps
working wherever it is switched on.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from mozilla_django_oidc.utils import (
    absolutify,
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)

from directory.config import ldap_directories, local_login_enabled, oidc_providers
from directory.oidc import CALLBACK_URL_NAME, SESSION_PROVIDER, ProviderUnavailable, discovery

#: Session key: state → provider key of the sign-ins under way.
SESSION_STATES = "directory_oidc_state_providers"
SESSION_NEXT = "directory_oidc_next"


def sign_in_choices(request: HttpRequest) -> dict:
    """What the login pages offer: one button per provider, and the password form when local
    accounts or LDAP directories may sign in."""
    return {
        "oidc_providers": [
            {"label": p.label, "url": reverse("directory_oidc_start", args=[p.key])}
            for p in oidc_providers().values()
        ],
        "password_form_shown": local_login_enabled() or bool(ldap_directories()),
    }


def start_url(user, next_url: str = "") -> str:
    """Where a sign-in leads: the requested page, else the start page of the user's role –
    the editorial dashboard for whoever works in the admin, the intranet home for staff. The
    bare home page counts as no request (the login redirect names it for every visitor)."""
    if next_url and next_url != "/":
        return next_url
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return resolve_url("/")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def get_success_url(self) -> str:
        return start_url(self.request.user, self.get_redirect_url())

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), **sign_in_choices(self.request)}


def _failed(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(resolve_url("login"))


@login_not_required
def oidc_start(request: HttpRequest, key: str) -> HttpResponse:
    """Send the browser to the provider's sign-in (authorization code flow with PKCE)."""
    provider = oidc_providers().get(key)
    if provider is None:
        raise Http404
    try:
        document = discovery(provider)
    except ProviderUnavailable:
        return _failed(
            request,
            _(
                "Die Anmeldung über %(provider)s ist gerade nicht erreichbar. Bitte später "
                "erneut versuchen oder die IT Ihrer Kommune fragen."
            )
            % {"provider": provider.label},
        )
    state = get_random_string(32)
    verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": provider.scopes,
        "client_id": provider.client_id,
        "redirect_uri": absolutify(request, reverse(CALLBACK_URL_NAME)),
        "state": state,
        "nonce": get_random_string(32),
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
    }
    add_state_and_verifier_and_nonce_to_session(request, state, params, verifier)
    request.session[SESSION_STATES] = {**request.session.get(SESSION_STATES, {}), state: key}
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        request.session[SESSION_NEXT] = next_url
    return HttpResponseRedirect(f"{document['authorization_endpoint']}?{urlencode(params)}")


@login_not_required
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here: check the state, exchange the code."""
    refused = _("Die Anmeldung wurde abgelehnt. Bitte erneut anmelden.")
    state = request.GET.get("state", "")
    key = request.session.get(SESSION_STATES, {}).pop(state, None)
    pending = request.session.get("oidc_states", {}).pop(state, None)
    request.session.modified = True
    if key is None or pending is None:
        return _failed(request, refused)
    if request.GET.get("error") or not request.GET.get("code"):
        return _failed(request, _("Die Anmeldung beim Verzeichnis wurde abgebrochen."))
    user = auth.authenticate(
        request=request,
        provider=key,
        nonce=pending["nonce"],
        code_verifier=pending.get("code_verifier"),
    )
    if user is None or not user.is_active:
        return _failed(request, refused)
    auth.login(request, user)
    return HttpResponseRedirect(start_url(user, request.session.pop(SESSION_NEXT, "")))


class LogoutView(auth_views.LogoutView):
    """Local logout; after a provider sign-in also at the provider (its end_session_endpoint)."""

    def post(self, request, *args, **kwargs) -> HttpResponse:
        provider = oidc_providers().get(request.session.get(SESSION_PROVIDER, ""))
        id_token = request.session.get("oidc_id_token", "")
        response = super().post(request, *args, **kwargs)
        if provider is None or not provider.end_session:
            return response
        try:
            endpoint = discovery(provider).get("end_session_endpoint")
        except ProviderUnavailable:
            return response
        if not endpoint:
            return response
        params = {
            "client_id": provider.client_id,
            "post_logout_redirect_uri": absolutify(request, resolve_url("login")),
        }
        if id_token:
            params["id_token_hint"] = id_token
        return HttpResponseRedirect(f"{endpoint}?{urlencode(params)}")
