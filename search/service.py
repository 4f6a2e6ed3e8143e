"""One search function for every entry point: the search page, the JSON API and commands.

:func:`search_register` searches live register entries (processes, scenarios, decisions,
articles) the user may see, with filters, disjunctive facet counts, highlighted snippets and
promotions. It starts strict (every word, exact or stemmed) and relaxes only when nothing is
found — typos allowed, then any word, then it reports how many hits there would be without the
filters — and says what it did. When the search engine cannot be reached it answers from the
database backend and says so (``degraded``). After a timeout or connection error the engine's
circuit breaker (``search.breaker``) makes the following requests fail at once, for a cool-down,
so they answer from the database without waiting for the timeout again.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.backends import get_search_backend

from intranet.page_urls import PageUrls
from prozesse.entry_types import TYPE_KEYS, type_key_for
from prozesse.models import RegisterEntryPage
from prozesse.models.base import status_labels
from prozesse.towns import home_town_ids
from prozesse.visibility import Visibility, visibility_for, visibility_of
from search.breaker import SearchEngineUnavailable, installed_exceptions
from search.facets import FACET_NAMES, FACET_TITLES, FacetCatalog, SearchFilters
from search.indexes import is_search_engine
from search.ranking import Ranking
from search.runners import (
    MAX_RESULT_WINDOW,
    DatabaseRunner,
    EngineRunner,
    RunResult,
    Sort,
    Strictness,
)
from search.snippets import highlight, marked_to_html

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
AUTOCOMPLETE_LIMIT = 8

# Letters, digits, whitespace and what register keys, norms and dates use; everything else
# (quotes, wildcards, colons, brackets, backslashes …) is no syntax here, only noise.
_UNWANTED = re.compile(r"[^\w\s§.,/&+-]")

__all__ = [
    "TYPE_KEYS",
    "SearchFilters",
    "SearchOutcome",
    "Sort",
    "autocomplete",
    "clean_query",
    "search_register",
]


#: Exceptions that mean "the search engine is unreachable or failed", for both clients.
SEARCH_ENGINE_ERRORS = (
    ConnectionError,
    TimeoutError,
    *installed_exceptions(
        "opensearchpy.exceptions.OpenSearchException",
        "elasticsearch.ApiError",
        "elastic_transport.TransportError",
    ),
)


# ---------------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Place:
    """The town or department of a hit, as far as a result row shows it."""

    pk: int
    title: str
    slug: str = ""


@dataclass
class ResultRow:
    pk: int
    title: str
    url: str
    title_html: SafeString
    type_key: str
    type_label: str
    status: str
    status_label: str
    last_change: datetime | None
    snippet_html: SafeString
    score: float | None
    municipality: Place | None = None
    department: Place | None = None
    #: "Warum dieser Treffer?" for editors of the page (set by the search page), else "".
    explain_url: str = ""

    @cached_property
    def page(self) -> RegisterEntryPage:
        """The page object, for callers that need more than the row (one query per row;
        ``search.views_admin.add_explain_links`` loads them for all rows at once)."""
        return RegisterEntryPage.objects.get(pk=self.pk)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue]


@dataclass
class Promotion:
    title: str
    url: str
    description: str


@dataclass
class SearchOutcome:
    query: str
    filters: SearchFilters
    sort: Sort = Sort.RELEVANCE
    count: int = 0
    results: list[ResultRow] = field(default_factory=list)
    page_number: int = 1
    page_size: int = PAGE_SIZE
    facets: list[Facet] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)
    #: How the query was relaxed to find anything: "", "fuzzy" or "broad".
    relaxed: str = ""
    #: A corrected query that finds something ("Meinten Sie …?"), or "".
    suggestion: str = ""
    #: With filters and no hits: how many hits there are without any filter.
    unfiltered_count: int | None = None
    degraded: bool = False
    message: str = ""
    notices: list[str] = field(default_factory=list)
    truncated: bool = False
    #: The facet counts cover only the best N hits (N), 0 when they cover every hit.
    facets_sampled: int = 0

    @property
    def last_window_page(self) -> int:
        """The deepest page that can be shown: pages stop at the first MAX_RESULT_WINDOW hits."""
        return max(1, MAX_RESULT_WINDOW // self.page_size)

    @property
    def num_pages(self) -> int:
        return max(1, min(math.ceil(self.count / self.page_size), self.last_window_page))

    @property
    def has_previous(self) -> bool:
        return self.page_number > 1

    @property
    def has_next(self) -> bool:
        return self.page_number < self.num_pages

    @property
    def first_index(self) -> int:
        return (self.page_number - 1) * self.page_size + 1


def clean_query(raw: str) -> tuple[str, bool]:
    """Normalise user input: drop syntax characters, collapse whitespace, cap the length (a
    10 kB paste is searched by its beginning). Returns the query and whether it was cut."""
    text = " ".join(_UNWANTED.sub(" ", str(raw)).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return cut, True


def _page_number(value) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, 10_000))


# ---------------------------------------------------------------------------------- search
def search_register(
    query: str,
    filters: SearchFilters | None = None,
    *,
    user=None,
    session=None,
    sort: Sort = Sort.RELEVANCE,
    page=1,
    page_size: int | None = None,
    request=None,
) -> SearchOutcome:
    """Search live register entries visible to ``user``; falls back to the database backend
    when the search engine is unreachable."""
    query, truncated = clean_query(query)
    outcome = SearchOutcome(
        query=query,
        filters=filters or SearchFilters(),
        sort=sort,
        page_number=_page_number(page),
        page_size=max(1, min(int(page_size or PAGE_SIZE), MAX_PAGE_SIZE)),
        truncated=truncated,
    )
    # The engine refuses deeper pages.
    outcome.page_number = min(outcome.page_number, outcome.last_window_page)
    if truncated:
        outcome.notices.append(
            _("Ihre Eingabe war sehr lang; gesucht wurde mit den ersten %(n)s Zeichen.")
            % {"n": MAX_QUERY_LENGTH}
        )
    if not query:
        return outcome
    visibility = _visibility(user, session, request)
    catalog = FacetCatalog.load()
    towns = home_town_ids(user, catalog.municipality_path_by_id)
    ranking = Ranking(frozenset(towns), timezone.localdate())

    runner, fallback = _runners()
    try:
        result = _run_stages(runner, outcome, visibility, catalog, ranking)
    except SEARCH_ENGINE_ERRORS as error:
        if fallback is None:
            raise
        _log_unavailable("Search engine unavailable, answering from the database: %s", error)
        outcome.degraded = True
        outcome.message = _(
            "Die Volltextsuche ist gerade nicht erreichbar. Die Ergebnisse stammen aus der "
            "einfacheren Datenbanksuche und können unvollständig sein."
        )
        outcome.relaxed, outcome.suggestion, outcome.unfiltered_count = "", "", None
        result = _run_stages(fallback(), outcome, visibility, catalog, ranking)

    outcome.count = result.count
    outcome.facets_sampled = result.facets_sampled
    outcome.results = _rows(result, query, visibility, request)
    outcome.facets = _facets(result.facet_counts, outcome.filters, catalog)
    if outcome.page_number == 1:
        outcome.promotions = _promotions(query, visibility, request)
    _explain(outcome)
    return outcome


def _visibility(user, session, request) -> Visibility:
    """The reader's visibility; the request's own (computed once per request, shared with the
    page's navigation and further searches of an export) when the search is for its user."""
    if (
        request is not None
        and getattr(request, "user", None) is user
        and getattr(request, "session", None) is session
    ):
        return visibility_of(request)
    return visibility_for(user, session)


def _log_unavailable(message: str, error: BaseException) -> None:
    """Log an engine failure; while the circuit breaker is open (it logged the outage once),
    the skipped requests only at DEBUG."""
    level = logging.DEBUG if isinstance(error, SearchEngineUnavailable) else logging.ERROR
    logger.log(level, message, error)


def _runners():
    """(first runner, a function making the fallback runner, or None)."""
    backend = get_search_backend("default")
    if not is_search_engine(backend):
        return DatabaseRunner(backend), None
    if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
        return EngineRunner(backend), None
    return EngineRunner(backend), DatabaseRunner


def _run_stages(
    runner, outcome: SearchOutcome, visibility: Visibility, catalog, ranking: Ranking
) -> RunResult:
    query, filters = outcome.query, outcome.filters

    def run(strictness: Strictness, *, suggest: bool = False) -> RunResult:
        offset = (outcome.page_number - 1) * outcome.page_size
        result = runner.run(
            query,
            strictness,
            filters,
            visibility,
            catalog,
            sort=outcome.sort,
            offset=offset,
            size=outcome.page_size,
            suggest=suggest,
            ranking=ranking,
        )
        if result.count and offset >= result.count:  # a page number past the end
            outcome.page_number = math.ceil(result.count / outcome.page_size)
            return run(strictness)
        return result

    result = run(Strictness.EXACT)
    if result.count:
        return result
    # The spelling suggestion is asked for only now, with the typo-tolerant request: most
    # searches find something at once and need none (it costs the engine a word-list lookup).
    suggestion = ""
    if runner.supports_fuzzy:
        result = run(Strictness.FUZZY, suggest=isinstance(runner, EngineRunner))
        suggestion = result.suggestion
        outcome.relaxed = "fuzzy" if result.count else ""
    if not result.count:
        result = run(Strictness.BROAD)
        outcome.relaxed = "broad" if result.count else ""
    # Suggest a correction only if it finds something the user may see: the engine's word
    # list also knows words of drafts and restricted pages.
    if (
        suggestion
        and suggestion.lower() != query.lower()
        and runner.count(suggestion, Strictness.EXACT, filters, visibility, catalog)
    ):
        outcome.suggestion = suggestion
    if not result.count and filters:
        outcome.unfiltered_count = 0
        for strictness in (Strictness.EXACT, Strictness.BROAD):
            outcome.unfiltered_count = runner.count(
                query, strictness, SearchFilters(), visibility, catalog
            )
            if outcome.unfiltered_count:
                break
    return result


def _explain(outcome: SearchOutcome) -> None:
    if outcome.count > MAX_RESULT_WINDOW:
        outcome.notices.append(
            _(
                "Gezeigt werden die ersten %(n)s Treffer. Grenzen Sie die Suche mit weiteren "
                "Wörtern oder den Filtern ein."
            )
            % {"n": number_format(MAX_RESULT_WINDOW, force_grouping=True)}
        )
    if outcome.relaxed == "fuzzy":
        outcome.notices.append(
            _(
                "Keine genauen Treffer für „%(q)s“ – gezeigt werden Treffer mit ähnlicher "
                "Schreibweise."
            )
            % {"q": outcome.query}
        )
    elif outcome.relaxed == "broad":
        outcome.notices.append(
            _(
                "Keine Seite enthält alle Suchbegriffe – gezeigt werden Treffer, die einzelne "
                "Begriffe enthalten."
            )
        )


# ---------------------------------------------------------------------------------- rendering
#: What a result row shows (page, API and templates); the rest of the rows stays unread.
ROW_FIELDS = (
    "pk",
    "title",
    "url_path",
    "content_type_id",
    "summary",
    "register_status",
    "last_published_at",
    "municipality_id",
    "municipality__title",
    "municipality__slug",
    "department_id",
    "department__title",
)


def _rows(result: RunResult, query: str, visibility: Visibility, request) -> list[ResultRow]:
    """Read the pages of one result page in one query (plus one for database snippets), as
    plain values: the rows need a few columns, not page objects. Live state and view
    restrictions are checked again in the database: an index that lags behind never shows an
    unpublished or restricted page."""
    pks = [hit.pk for hit in result.hits]
    pages = {
        values["pk"]: values
        for values in RegisterEntryPage.objects.live()
        .filter(visibility.q(), pk__in=pks)
        .values(*ROW_FIELDS)
    }
    database_texts = _database_texts(pks) if not any(hit.fragments for hit in result.hits) else {}
    labels = status_labels()
    url_of = PageUrls(request)
    rows = []
    for hit in result.hits:
        page = pages.get(hit.pk)
        if page is None:
            continue
        model = ContentType.objects.get_for_id(page["content_type_id"]).model_class()
        model = model or RegisterEntryPage
        summary = page["summary"]
        if hit.fragments and hit.from_lists and summary:
            # Matched only in a list (steps, BPMN, norms): say what the page is, then where.
            said = highlight(summary, query) or escape(Truncator(summary).chars(160))
            snippet = f"{said} … {marked_to_html(hit.fragments[0])}"
        elif hit.fragments:
            snippet = marked_to_html(" … ".join(hit.fragments))
        else:
            snippet = highlight(database_texts.get(hit.pk, ""), query) or highlight(summary, query)
            if not snippet and summary:
                snippet = escape(Truncator(summary).chars(220))
        status = page["register_status"]
        rows.append(
            ResultRow(
                pk=page["pk"],
                title=page["title"],
                url=url_of(page["url_path"]),
                title_html=marked_to_html(hit.title_marked)
                if hit.title_marked
                else escape(page["title"]),
                type_key=type_key_for(model),
                type_label=str(model._meta.verbose_name),
                status=status,
                status_label=labels.get(status, status),
                last_change=page["last_published_at"],
                snippet_html=mark_safe(snippet),  # built from escaped text only
                score=round(hit.score, 4) if isinstance(hit.score, float) else hit.score,
                municipality=_place(
                    page["municipality_id"], page["municipality__title"], page["municipality__slug"]
                ),
                department=_place(page["department_id"], page["department__title"]),
            )
        )
    return rows


def _place(pk: int | None, title: str | None, slug: str | None = "") -> Place | None:
    return Place(pk, title or "", slug or "") if pk is not None else None


def _database_texts(pks: list[int]) -> dict[int, str]:
    """Live text of the pages as Wagtail's database index stores it (PostgreSQL), if any."""
    if not pks:
        return {}
    try:
        # Local: the model exists only where Wagtail's database search backend is set up.
        from modelsearch.models import IndexEntry

        IndexEntry._meta.get_field("body_text")
    except Exception:  # other databases keep no plain text
        return {}
    rows = IndexEntry.objects.filter(
        object_id__in=[str(pk) for pk in pks],
        content_type__in=ContentType.objects.filter(app_label="prozesse"),
    ).values_list("object_id", "body_text")
    return {int(object_id): text for object_id, text in rows}


def _facets(counts: dict, filters: SearchFilters, catalog: FacetCatalog) -> list[Facet]:
    labels = catalog.labels(counts, filters)
    facets = []
    for name in FACET_NAMES:
        selected = getattr(filters, name)
        values = dict(counts.get(name, {}))
        for value in selected:  # a selected value stays visible (to deselect it), even at 0
            values.setdefault(value, 0)
        facet_values = [
            FacetValue(
                value=value,
                label=labels[name].get(value, value),
                count=count,
                selected=value in selected,
            )
            for value, count in values.items()
        ]
        facet_values.sort(key=lambda v: (not v.selected, -v.count, v.label.lower()))
        facets.append(Facet(name=name, title=str(FACET_TITLES[name]), values=facet_values))
    return facets


def _promotions(query: str, visibility: Visibility, request) -> list[Promotion]:
    """Editors' promoted results for this query (Wagtail search promotions), live and visible."""

    promotions = []
    url_of = PageUrls(request)
    for promotion in SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query)
    ).select_related("page"):
        if promotion.page is not None:
            if not promotion.page.live or not visibility.allows(promotion.page):
                continue
            url = url_of(promotion.page.url_path)
        else:
            url = promotion.external_link_url
        promotions.append(
            Promotion(title=promotion.title or url, url=url, description=promotion.description)
        )
    return promotions


# ---------------------------------------------------------------------------------- autocomplete
@dataclass
class Completion:
    title: str
    url: str
    type_label: str
    municipality: str


def autocomplete(
    prefix: str, *, user=None, session=None, request=None, limit=AUTOCOMPLETE_LIMIT
) -> tuple[list[Completion], bool]:
    """Titles of visible live entries that start with the typed words; (completions,
    degraded)."""
    prefix, _truncated = clean_query(prefix)
    if len(prefix) < 2:
        return [], False
    visibility = visibility_for(user, session)
    queryset = visibility.apply(RegisterEntryPage.objects.live()).select_related("municipality")
    degraded = False
    try:
        pages = list(
            get_search_backend("default").autocomplete(prefix, queryset, operator="and")[:limit]
        )
    except SEARCH_ENGINE_ERRORS as error:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        _log_unavailable("Search engine unavailable for autocomplete: %s", error)
        degraded = True
        pages = list(
            get_search_backend("fallback").autocomplete(prefix, queryset, operator="and")[:limit]
        )
    completions = []
    url_of = PageUrls(request)
    for page in pages:
        model = page.specific_class or RegisterEntryPage
        completions.append(
            Completion(
                title=page.title,
                url=url_of(page.url_path),
                type_label=str(model._meta.verbose_name),
                municipality=page.municipality.title if page.municipality else "",
            )
        )
    return completions, degraded
