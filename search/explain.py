""" "Warum dieser Treffer?" — why a page is (or is not) found for a query, in plain German.

For editors: the query's words as the engine analyses them at search time, the page's fields as
it analysed them at index time, which word matched in which field, which word has no
counterpart on the page, where the page ranks in the search the user would run, and the
engine's own score breakdown (``_explain``) summed per field and word. Needs the search engine:
the database fallback cannot explain its ranking, and this says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from prozesse.models import RegisterEntryPage
from prozesse.towns import home_town_ids
from prozesse.visibility import Visibility
from search import ranking as factors
from search.indexes import is_search_engine
from search.runners import EngineRunner, Strictness
from search.service import SEARCH_ENGINE_ERRORS, clean_query, search_register

#: Results searched for the page's rank.
RANK_DEPTH = 50
#: Characters of the page's further text that are analysed (the engine caps analysed tokens).
TEXT_LIMIT = 20_000
#: Tokens shown per field.
TOKENS_SHOWN = 60

_WEIGHT = re.compile(r"^weight\(([^:\s]+):(\S+?) in ")


@dataclass
class WordMatch:
    word: str
    tokens: list[str]
    #: Labels of the fields that contain one of ``tokens``.
    fields: list[str]


@dataclass
class FieldTokens:
    label: str
    tokens: list[str]
    more: int = 0


@dataclass
class Explanation:
    query: str
    available: bool = True
    message: str = ""
    matches: bool = False
    rank: int | None = None
    total: int = 0
    relaxed: str = ""
    words: list[WordMatch] = field(default_factory=list)
    fields: list[FieldTokens] = field(default_factory=list)
    score: float | None = None
    #: (plain-German line, points) per field and word, largest first.
    contributions: list[tuple[str, float]] = field(default_factory=list)
    #: Ranking factors that apply to the page (label, factor).
    factors: list[tuple[str, float]] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [match.word for match in self.words if not match.fields]


def explain(
    page: RegisterEntryPage, raw_query: str, *, user, visibility: Visibility
) -> Explanation:
    """Explain ``page`` for ``raw_query`` as ``user`` would search it."""
    query, _truncated = clean_query(raw_query)
    outcome = Explanation(query=query)
    backend = get_search_backend("default")
    if not is_search_engine(backend):
        return _unavailable(outcome)
    if not query:
        return outcome
    try:
        _fill(outcome, backend, page, user, visibility)
    except SEARCH_ENGINE_ERRORS:
        return _unavailable(outcome)
    return outcome


def _unavailable(outcome: Explanation) -> Explanation:
    outcome.available = False
    outcome.message = _(
        "Die Erklärung braucht die Volltextsuche (Suchmaschine). Sie ist hier nicht "
        "eingerichtet oder gerade nicht erreichbar; die einfache Datenbanksuche kann nicht "
        "sagen, warum sie eine Seite findet."
    )
    return outcome


def _fill(outcome, backend, page, user, visibility) -> None:
    result = search_register(outcome.query, user=user, page_size=RANK_DEPTH)
    if result.degraded:
        _unavailable(outcome)
        return
    outcome.total, outcome.relaxed = result.count, result.relaxed
    outcome.rank = next((n for n, row in enumerate(result.results, 1) if row.pk == page.pk), None)
    index = backend.get_index_for_model(RegisterEntryPage).name
    words = _query_words(backend.es, index, outcome.query)
    fields = _page_fields(backend.es, index, page)
    outcome.fields = [
        FieldTokens(label, sorted(tokens)[:TOKENS_SHOWN], max(0, len(tokens) - TOKENS_SHOWN))
        for label, tokens in fields
    ]
    outcome.words = [
        WordMatch(word, tokens, [label for label, found in fields if found & set(tokens)])
        for word, tokens in words.items()
    ]
    ranking = factors.Ranking(frozenset(home_town_ids(user)), timezone.localdate())
    raw = EngineRunner(backend).explain(
        outcome.query, Strictness.EXACT, visibility, page.pk, ranking
    )
    outcome.matches = bool(raw.get("matched"))
    if outcome.matches:
        outcome.score = raw["explanation"]["value"]
        outcome.contributions = _contributions(raw["explanation"])
    outcome.factors = _factors(page, ranking)


def _analyze(es, index: str, analyzer: str, text: str) -> list[dict]:
    body = {"analyzer": analyzer, "text": text}
    return es.indices.analyze(index=index, body=body)["tokens"]


def _query_words(es, index: str, query: str) -> dict[str, list[str]]:
    """Each word of the query → the tokens the search-time analyzer makes of it."""
    words: dict[str, list[str]] = {}
    for token in _analyze(es, index, "default_search", query):
        word = query[token["start_offset"] : token["end_offset"]]
        words.setdefault(word, [])
        if token["token"] not in words[word]:
            words[word].append(token["token"])
    return words


def _page_fields(es, index: str, page: RegisterEntryPage) -> list[tuple[str, set[str]]]:
    specific = page.specific
    further = " ".join(
        text for text in _texts(specific) if text not in (specific.title, specific.summary)
    )
    fields = [
        (_("Titel"), specific.title),
        (_("Kurzbeschreibung"), getattr(specific, "summary", "") or ""),
        (_("Weiterer Text"), further[:TEXT_LIMIT]),
    ]
    return [
        (label, {t["token"] for t in _analyze(es, index, "default", text)} if text else set())
        for label, text in fields
    ]


def _texts(page) -> list[str]:
    """The text the index holds for ``page``: every search field's value, flattened."""
    backend = get_search_backend("default")
    document = backend.mapping_class(type(page)).get_document(page)
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(strip_tags(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for key, value in document.items():
        if key not in ("pk", "_django_content_type", "_edgengrams"):
            walk(value)
    return [text for text in texts if text.strip()]


def field_label(column: str) -> str:
    name = column.split(".")[0].rsplit("__", 1)[-1]
    label = {
        "title": _("Titel"),
        "summary": _("Kurzbeschreibung"),
        "decision_number": _("Beschlussnummer"),
        "register_key": _("Registerschlüssel"),
    }.get(name, _("Gesamter Text") if name.startswith("_all_text") else _("Weiterer Text"))
    if column.endswith(".stem"):
        return _("%(field)s (Wortstamm)") % {"field": label}
    return label


def _contributions(explanation: dict) -> list[tuple[str, float]]:
    points: dict[tuple[str, str], float] = defaultdict(float)

    def walk(node):
        match = _WEIGHT.match(node.get("description", ""))
        if match:
            points[(field_label(match.group(1)), match.group(2))] += node["value"]
            return
        for child in node.get("details", []):
            walk(child)

    walk(explanation)
    lines = [
        (_("„%(word)s“ im Feld %(field)s") % {"word": word, "field": label}, value)
        for (label, word), value in points.items()
    ]
    return sorted(lines, key=lambda line: -line[1])


def _factors(page: RegisterEntryPage, ranking: factors.Ranking) -> list[tuple[str, float]]:
    applied = []
    if page.municipality_id in ranking.home_town_ids:
        applied.append((_("Seite Ihrer eigenen Kommune"), factors.HOME_TOWN))
    if page.review_overdue:
        applied.append((_("Überprüfung überfällig"), factors.OVERDUE))
    if page.register_status == factors.ARCHIVED_STATUS:
        applied.append((_("archiviert"), factors.ARCHIVED))
    return applied
