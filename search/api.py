"""JSON search API: ``GET /api/search/`` (search) and ``GET /api/search/suggest/`` (titles for
the autocomplete). Same service as the search page, another rendering.

Authentication: the intranet session (a signed-in browser) or an API token sent as
``Authorization: Bearer wagtail_…`` — the same tokens and the same check as the read API
(``api.tokens``: created in the admin under "API-Tokens", with an expiry). Without either, or
with a bad token, the answer is ``401`` with a JSON body — never the login page a browser would
be redirected to.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from api.tokens import authenticate
from search.facets import SearchFilters
from search.service import SearchOutcome, autocomplete, search_register
from search.views import sort_from


def api_view(view):
    """GET only, no caching, session or token required, 401 JSON otherwise (``api.tokens``)."""

    @login_not_required
    @never_cache
    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        refusal = authenticate(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return wrapper


@api_view
def search_api(request: HttpRequest) -> JsonResponse:
    try:
        page_size = int(request.GET["page_size"])
    except (KeyError, ValueError):
        page_size = None
    outcome = search_register(
        request.GET.get("q", ""),
        SearchFilters.from_querydict(request.GET),
        user=request.user,
        session=request.session,
        sort=sort_from(request.GET.get("sort", request.GET.get("sortierung", ""))),
        page=request.GET.get("page", request.GET.get("seite", 1)),
        page_size=page_size,
        request=request,
    )
    return JsonResponse(
        outcome_as_json(outcome, request), json_dumps_params={"ensure_ascii": False}
    )


def outcome_as_json(outcome: SearchOutcome, request: HttpRequest) -> dict:
    def value(value: str, label: str) -> dict | None:
        return {"value": value, "label": label} if value else None

    return {
        "query": outcome.query,
        "count": outcome.count,
        "page": outcome.page_number,
        "pages": outcome.num_pages,
        "page_size": outcome.page_size,
        "sort": outcome.sort.value,
        "results": [
            {
                "id": row.pk,
                "title": row.title,
                "url": request.build_absolute_uri(row.url) if row.url else None,
                "type": value(row.type_key, row.type_label),
                "kommune": value(row.municipality.slug, row.municipality.title)
                if row.municipality
                else None,
                "fachbereich": value(str(row.department.pk), row.department.title)
                if row.department
                else None,
                "status": value(row.status, row.status_label),
                "last_change": row.last_change.isoformat() if row.last_change else None,
                "snippet": str(row.snippet_html),
                "score": row.score,
            }
            for row in outcome.results
        ],
        "facets": {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ]
            for facet in outcome.facets
        },
        "promotions": [
            {
                "title": p.title,
                "url": request.build_absolute_uri(p.url) if p.url.startswith("/") else p.url,
                "description": p.description,
            }
            for p in outcome.promotions
        ],
        # The facet counts cover only the best N hits (N), or every hit (null).
        "facets_sample": outcome.facets_sampled or None,
        "relaxed": outcome.relaxed or None,
        "suggestion": outcome.suggestion or None,
        "unfiltered_count": outcome.unfiltered_count,
        "notices": outcome.notices,
        "degraded": outcome.degraded,
        "message": outcome.message,
    }


@api_view
def suggest_api(request: HttpRequest) -> JsonResponse:
    completions, degraded = autocomplete(
        request.GET.get("q", ""), user=request.user, session=request.session, request=request
    )
    return JsonResponse(
        {
            "results": [
                {
                    "title": c.title,
                    "url": c.url,
                    "type": c.type_label,
                    "kommune": c.municipality,
                }
                for c in completions
            ],
            "degraded": degraded,
        },
        json_dumps_params={"ensure_ascii": False},
    )
