"""``/api/v1/``: the django-ninja API object, its German error answers and its URL patterns.

Authentication, in this order: an ``Authorization: Bearer`` token (``api.tokens``; a bad one
is refused, never passed on to the session), else the intranet session of a signed-in browser
(as the search API). Neither: ``401`` with JSON ``{"detail": …}``. Every answer is JSON, GET
only, and never cached. ``openapi.json`` needs the same authentication; the HTML description
(``docs``, Swagger UI from django-ninja's bundled files, no CDN) is a page of the intranet and
sends anonymous browsers to the login.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import SessionAuth

from api import tokens
from api.endpoints import router

API_DESCRIPTION = """Lesezugriff auf das Prozessregister: Prozesssteckbriefe, Notfallszenarien,
Beschlüsse, Wiki-Artikel, Kommunen und Fachbereiche. Jede Antwort enthält nur veröffentlichte
Seiten, die der Besitzer des Tokens (bzw. die angemeldete Person) sehen darf.

**Anmeldung:** `Authorization: Bearer wagtail_…` mit einem API-Token, das Sie in der Verwaltung
unter *Einstellungen → API-Tokens* selbst erstellen, benennen, befristen und widerrufen; oder die
Sitzung eines angemeldeten Browsers. Ein fehlendes, unbekanntes, widerrufenes oder abgelaufenes
Token ergibt `401` mit `{"detail": "…"}`.

Die Such-API (`/api/search/`) nimmt dieselben Tokens an."""


class UnicodeJSONRenderer(JSONRenderer):
    """German text as it is ("Bürgerbüro", not "B\\u00fcrgerb\\u00fcro"), like the search API."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Prozessregister – Lese-API",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api_v1",
    auth=[tokens.bearer_auth, SessionAuth()],
    renderer=UnicodeJSONRenderer(),
)
api.add_router("/", router)


@api.exception_handler(tokens.TokenRejected)
def _token_rejected(request: HttpRequest, exc: tokens.TokenRejected) -> JsonResponse:
    return tokens.unauthorized(exc.detail)


@api.exception_handler(AuthenticationError)
def _not_signed_in(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    return tokens.unauthorized(tokens.login_required_detail())


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
    return tokens.json_error(_("Seite nicht gefunden."), 404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    errors = [
        {"parameter": str(error["loc"][-1]) if error.get("loc") else "", "type": error["type"]}
        for error in exc.errors
    ]
    return tokens.json_error(
        _("Ungültige Angabe in: %(names)s.") % {"names": ", ".join(names) or "?"},
        422,
        errors=errors,
    )


def _openapi_authenticated(view):
    """The OpenAPI document with the API's own authentication."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        refusal = tokens.authenticate(request)
        return refusal if refusal is not None else view(request, *args, **kwargs)

    return login_not_required(wrapper)


def _api_root(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """``/api/v1/``: where everything is (the OpenAPI document describes it in full)."""
    refusal = tokens.authenticate(request)
    if refusal is not None:
        return refusal
    names = {
        "entries": "entry_list",
        "processes": "process_list",
        "scenarios": "scenario_list",
        "decisions": "decision_list",
        "articles": "article_list",
        "towns": "town_list",
        "departments": "department_list",
        "openapi": "openapi-json",
        "docs": "openapi-view",
    }
    return JsonResponse(
        {key: request.build_absolute_uri(reverse(f"api_v1:{name}")) for key, name in names.items()}
    )


def _patterns() -> list[URLPattern]:
    """django-ninja's patterns, each GET view marked as not needing the login redirect (it
    answers 401 itself) and never cached; ninja's own root (a 404 HTML page) becomes an index."""
    patterns = []
    for pattern in api.urls[0]:
        name = pattern.name
        if name == "api-root":
            # The name stays: ninja reverses it to find the API's prefix for the OpenAPI paths.
            patterns.append(path("", login_not_required(never_cache(_api_root)), name=name))
        elif name == "openapi-json":
            patterns.append(
                path(str(pattern.pattern), never_cache(_openapi_authenticated(pattern.callback)),
                     name=name)
            )  # fmt: skip
        elif name == "openapi-view":
            patterns.append(pattern)  # an intranet page: the login middleware applies
        else:
            patterns.append(
                path(str(pattern.pattern), login_not_required(never_cache(pattern.callback)),
                     name=name)
            )  # fmt: skip
    return patterns


urlpatterns = _patterns()
app_name = "api_v1"
