"""The two ways a register search is answered, behind one interface.

:class:`EngineRunner` sends one hand-built request to Elasticsearch/OpenSearch: Wagtail
compiles the German text query and the queryset filters (live, view restrictions, content
type); we add facet filters as ``post_filter``, one filtered aggregation per facet, highlights
and a spelling suggestion. Wagtail's results API has no highlights and no multi-facet
aggregations, hence the raw request.

:class:`DatabaseRunner` answers from Wagtail's database backend (PostgreSQL full text) when the
engine is unreachable: the text search yields ranked ids, filters and facet counts are then
computed from the database.

Both return ids of one result page, never page objects; the service loads those in one query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from django.conf import settings
from wagtail.search.backends import get_search_backend

from prozesse.entry_types import TYPE_KEYS
from prozesse.models import (
    EmergencyScenarioPage,
    ProcessPage,
    RegisterEntryPage,
    RegisterEntryTag,
)
from prozesse.visibility import Visibility
from search.backends.german import FACET_CATEGORY_FIELD, FACET_TAGS_FIELD, GermanText
from search.facets import FACET_NAMES, FacetCatalog, SearchFilters
from search.ranking import Ranking, boosted
from search.snippets import MARK_END, MARK_START

FACET_SIZES = {
    "kommune": 50,
    "fachbereich": 100,
    "typ": 10,
    "status": 20,
    "kategorie": 20,
    "schlagwort": 25,
}
#: Deep pages are not useful and engines refuse from+size beyond 10 000.
MAX_RESULT_WINDOW = 1000
#: The best hits whose order the phrase bonus refines (``rescore``); deeper hits keep the
#: order of the query without it.
RESCORE_WINDOW = 200
#: Facets of a search that matches more entries than this count the best this many hits only
#: (``sampler``): on queries matching half the register, counting every match for six facets
#: cost more than the search itself. Setting ``SEARCH_FACET_SAMPLE_SIZE``.
DEFAULT_FACET_SAMPLE_SIZE = 5000


def facet_sample_size() -> int:
    return int(getattr(settings, "SEARCH_FACET_SAMPLE_SIZE", DEFAULT_FACET_SAMPLE_SIZE))


class Strictness(Enum):
    EXACT = "exact"  # every word, exactly or stemmed
    FUZZY = "fuzzy"  # every word, typos allowed
    BROAD = "broad"  # any word, typos allowed, compounds split


class Sort(Enum):
    RELEVANCE = "relevanz"
    CHANGED = "datum"


@dataclass
class Hit:
    pk: int
    score: float | None = None
    title_marked: str = ""  # title with engine match markers, "" if none
    fragments: list[str] = field(default_factory=list)  # body fragments with markers
    #: The fragments come only from list-like fields (steps, BPMN labels, legal bases).
    from_lists: bool = False


@dataclass
class RunResult:
    count: int
    hits: list[Hit]
    facet_counts: dict[str, dict[str, int]]
    suggestion: str = ""
    #: The facets counted only the best N hits (N; 0: every hit was counted).
    facets_sampled: int = 0


# -------------------------------------------------------------------------------- engine
class EngineRunner:
    supports_fuzzy = True

    def __init__(self, backend=None):
        self.backend = backend or get_search_backend("default")

    # ------------------------------------------------------------------ public
    def run(
        self,
        query: str,
        strictness: Strictness,
        filters: SearchFilters,
        visibility: Visibility,
        catalog: FacetCatalog,
        *,
        sort: Sort = Sort.RELEVANCE,
        offset: int = 0,
        size: int = 20,
        suggest: bool = False,
        ranking: Ranking | None = None,
    ) -> RunResult:
        by_relevance = sort is Sort.RELEVANCE
        compiler = self._compiler(query, strictness, visibility, phrase=False)
        clauses = self._filter_clauses(filters, catalog, compiler)
        columns = _ranking_columns(compiler)
        sample_size = facet_sample_size()
        body: dict = {
            "query": boosted(compiler.get_query(), ranking, columns),
            "from": offset,
            "size": size,
            "_source": False,
            "stored_fields": ["pk"],
            "track_total_hits": True,
            "aggs": {
                "sample": {
                    "sampler": {"shard_size": sample_size},
                    "aggs": {
                        name: {
                            "filter": _all_of([c for other, c in clauses.items() if other != name]),
                            "aggs": {"values": self._terms_aggregation(name, compiler)},
                        }
                        for name in FACET_NAMES
                    },
                }
            },
            "highlight": self._highlight(compiler),
        }
        if clauses:
            body["post_filter"] = _all_of(list(clauses.values()))
        if by_relevance:
            # The phrase bonus only reorders the best hits (the same ranking factors apply).
            body["rescore"] = {
                "window_size": max(RESCORE_WINDOW, offset + size),
                "query": {
                    "rescore_query": boosted(compiler.phrase_bonus(), ranking, columns),
                    "query_weight": 1.0,
                    "rescore_query_weight": 1.0,
                },
            }
        if sort is Sort.CHANGED:
            body["sort"] = [
                {_column(compiler, "last_published_at"): {"order": "desc", "missing": "_last"}},
                {"_score": {"order": "desc"}},
            ]
            body["track_scores"] = True
        if suggest:
            body["suggest"] = {
                "text": query,
                "spelling": {
                    "term": {
                        "field": "_all_text.words",
                        "suggest_mode": "missing",
                        "sort": "score",
                        "min_word_length": 4,
                        "prefix_length": 1,
                        "max_edits": 2,
                    }
                },
            }
        response = self.backend.raw_search(RegisterEntryPage, body)
        return RunResult(
            count=_total(response),
            hits=[_hit(raw) for raw in response["hits"]["hits"]],
            facet_counts=self._facet_counts(response, catalog),
            suggestion=_suggestion(query, response) if suggest else "",
            facets_sampled=sample_size if _sampled(response, sample_size) else 0,
        )

    def count(
        self,
        query: str,
        strictness: Strictness,
        filters: SearchFilters,
        visibility: Visibility,
        catalog: FacetCatalog,
    ) -> int:
        compiler = self._compiler(query, strictness, visibility, phrase=False)
        clauses = list(self._filter_clauses(filters, catalog, compiler).values())
        body = {
            "query": {"bool": {"must": compiler.get_query(), "filter": clauses}},
            "size": 0,
            "track_total_hits": True,
        }
        return _total(self.backend.raw_search(RegisterEntryPage, body))

    def explain(
        self,
        query: str,
        strictness: Strictness,
        visibility: Visibility,
        pk: int,
        ranking: Ranking | None = None,
    ) -> dict:
        """The engine's ``_explain`` answer for the page ``pk``: ``matched`` and the score
        tree of the query ``run`` would send."""
        compiler = self._compiler(query, strictness, visibility)
        body = {"query": boosted(compiler.get_query(), ranking, _ranking_columns(compiler))}
        index = self.backend.index_name_for(RegisterEntryPage)
        return self.backend.es.explain(index=index, id=str(pk), body=body)

    # ------------------------------------------------------------------ building blocks
    def _compiler(
        self, query: str, strictness: Strictness, visibility: Visibility, *, phrase: bool = True
    ):
        text = GermanText(
            query,
            operator="or" if strictness is Strictness.BROAD else "and",
            fuzzy=strictness is not Strictness.EXACT,
            compound=strictness is Strictness.BROAD,
            phrase=phrase,
        )
        compiler = self.backend.query_compiler_class(
            visibility.apply(RegisterEntryPage.objects.live()), text
        )
        compiler.check()
        return compiler

    def _filter_clauses(self, filters: SearchFilters, catalog: FacetCatalog, compiler) -> dict:
        clauses = {}
        for name, values in filters.active().items():
            if name == "kommune":
                clause = {
                    "terms": {
                        _column(compiler, "municipality_id"): catalog.municipality_ids(values)
                    }
                }
            elif name == "fachbereich":
                clause = {"terms": {_column(compiler, "department_id"): [int(v) for v in values]}}
            elif name == "typ":
                labels = [_content_type_label(TYPE_KEYS[v]) for v in values]
                clause = {"terms": {"_django_content_type": labels}}
            elif name == "status":
                clause = {"terms": {_column(compiler, "register_status"): list(values)}}
            elif name == "kategorie":
                clause = {"terms": {FACET_CATEGORY_FIELD: list(values)}}
            else:  # schlagwort
                clause = {"terms": {FACET_TAGS_FIELD: list(values)}}
            clauses[name] = clause
        return clauses

    def _terms_aggregation(self, name: str, compiler) -> dict:
        field_name = {
            "kommune": _column(compiler, "municipality_id"),
            "fachbereich": _column(compiler, "department_id"),
            "typ": "_django_content_type",
            "status": _column(compiler, "register_status"),
            "kategorie": FACET_CATEGORY_FIELD,
            "schlagwort": FACET_TAGS_FIELD,
        }[name]
        aggregation = {"field": field_name, "size": FACET_SIZES[name]}
        if name == "typ":
            aggregation["include"] = [_content_type_label(m) for m in TYPE_KEYS.values()]
        return {"terms": aggregation}

    def _highlight(self, compiler) -> dict:
        body_fields = [column for column in compiler.highlight_fields() if column != "title"]
        fields = {
            "title": {"number_of_fragments": 0},
            **{column: {"fragment_size": 160, "number_of_fragments": 2} for column in body_fields},
        }
        highlight = {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            # Mark the query's words in every text field, not only the fields queried (the
            # query runs on the catch-all field, which has no text of its own to show).
            "require_field_match": False,
            "fields": fields,
        }
        plain = compiler.highlight_query(fuzzy=False)
        if plain is not None:
            highlight["highlight_query"] = plain
            # Words found only with a typo are marked in the title and summary, the fields a
            # hit shows first; across all fields the fuzzy expansion would dominate the time.
            typo_tolerant = compiler.highlight_query(fuzzy=True)
            if typo_tolerant != plain:
                for column in fields:
                    if column == "title" or _is_summary(column):
                        fields[column] = {**fields[column], "highlight_query": typo_tolerant}
        return highlight

    def _facet_counts(self, response: dict, catalog: FacetCatalog) -> dict[str, dict[str, int]]:
        type_keys = {_content_type_label(model): key for key, model in TYPE_KEYS.items()}
        counts: dict[str, dict[str, int]] = {}
        sample = response.get("aggregations", {}).get("sample", {})
        for name in FACET_NAMES:
            buckets = sample.get(name, {}).get("values", {})
            values: dict[str, int] = {}
            for bucket in buckets.get("buckets", []):
                key = bucket["key"]
                if name == "kommune":
                    key = catalog.municipality_slug_by_id.get(int(key))
                elif name == "typ":
                    key = type_keys.get(key)
                if key not in (None, ""):
                    values[str(key)] = bucket["doc_count"]
            counts[name] = values
        return counts


def _column(compiler, attname: str) -> str:
    """Index column of the filter field ``attname`` of the queried model."""
    model = compiler.queryset.model
    for search_field in model.get_filterable_search_fields():
        if search_field.get_attname(model) == attname:
            return compiler.mapping.get_field_column_name(search_field)
    raise LookupError(f"{model.__name__} has no FilterField for {attname}")


def _ranking_columns(compiler) -> dict[str, str]:
    names = ("municipality_id", "next_review_date", "register_status")
    return {name: _column(compiler, name) for name in names}


def _content_type_label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _all_of(clauses: list[dict]) -> dict:
    if not clauses:
        return {"match_all": {}}
    if len(clauses) == 1:
        return clauses[0]
    return {"bool": {"filter": clauses}}


def _sampled(response: dict, sample_size: int) -> bool:
    """Whether the facets saw only a sample: the sampler took as many hits as it may."""
    taken = response.get("aggregations", {}).get("sample", {}).get("doc_count", 0)
    return taken >= sample_size


def _total(response: dict) -> int:
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


#: Text fields that are lists (one item per line): a snippet from them is a last resort.
LIST_FIELD_SUFFIXES = (
    "bpmn_text",
    "steps_search_text",
    "legal_bases_search_text",
    "people_search_text",
    "actions_search_text",
    "alarm_chain_search_text",
    "inputs",
    "outputs",
)


def _is_summary(column: str) -> bool:
    return column.endswith("summary")


def _fragment_rank(column: str, fragment: str) -> tuple[int, int]:
    if _is_summary(column):
        priority = 0
    elif column.endswith(LIST_FIELD_SUFFIXES):
        priority = 2
    else:
        priority = 1
    return priority, -fragment.count(MARK_START)


def _hit(raw: dict) -> Hit:
    highlight = dict(raw.get("highlight", {}))
    title = highlight.pop("title", [""])[0]
    ranked = sorted(
        (_fragment_rank(column, fragment), fragment)
        for column, fragments in highlight.items()
        for fragment in fragments
    )
    fragments = [
        " · ".join(line.strip() for line in fragment.splitlines() if line.strip())
        for _rank, fragment in ranked[:2]
    ]
    return Hit(
        pk=int(raw["fields"]["pk"][0]),
        score=raw.get("_score"),
        title_marked=title,
        fragments=fragments,
        from_lists=bool(ranked) and ranked[0][0][0] == 2,
    )


def _suggestion(query: str, response: dict) -> str:
    """The query with every unknown word replaced by the engine's best known word."""
    corrected = query
    changed = False
    entries = response.get("suggest", {}).get("spelling", [])
    for entry in sorted(entries, key=lambda e: -e["offset"]):  # right to left keeps offsets
        if not entry.get("options"):
            continue
        original = query[entry["offset"] : entry["offset"] + entry["length"]]
        word = entry["options"][0]["text"]
        if original[:1].isupper():
            word = word[:1].upper() + word[1:]
        corrected = (
            corrected[: entry["offset"]] + word + corrected[entry["offset"] + entry["length"] :]
        )
        changed = True
    return corrected if changed else ""


# -------------------------------------------------------------------------------- database
class DatabaseRunner:
    """The outage fallback: Wagtail's database backend for the text, SQL for the rest."""

    supports_fuzzy = False

    def __init__(self, backend=None):
        self.backend = backend or get_search_backend("fallback")

    def run(
        self,
        query: str,
        strictness: Strictness,
        filters: SearchFilters,
        visibility: Visibility,
        catalog: FacetCatalog,
        *,
        sort: Sort = Sort.RELEVANCE,
        offset: int = 0,
        size: int = 20,
        suggest: bool = False,
        ranking: Ranking | None = None,  # the engine's only: the fallback ranks by text
    ) -> RunResult:
        ranked = self._ranked(query, strictness, visibility)
        rows = _facet_rows(list(ranked), catalog)
        matching = [pk for pk in ranked if _passes(rows[pk], filters.active())]
        if sort is Sort.CHANGED:
            changed = dict(
                RegisterEntryPage.objects.filter(pk__in=matching).values_list(
                    "pk", "last_published_at"
                )
            )
            matching.sort(
                key=lambda pk: changed[pk].timestamp() if changed[pk] else float("-inf"),
                reverse=True,
            )
        counts = {}
        active = filters.active()
        for name in FACET_NAMES:
            others = {other: values for other, values in active.items() if other != name}
            counter: Counter = Counter()
            for pk in ranked:
                if _passes(rows[pk], others):
                    counter.update(rows[pk][name])
            counts[name] = dict(counter.most_common(FACET_SIZES[name]))
        page = matching[offset : offset + size]
        return RunResult(
            count=len(matching),
            hits=[Hit(pk=pk, score=ranked[pk]) for pk in page],
            facet_counts=counts,
        )

    def count(self, query, strictness, filters, visibility, catalog) -> int:
        ranked = self._ranked(query, strictness, visibility)
        rows = _facet_rows(list(ranked), catalog)
        return sum(1 for pk in ranked if _passes(rows[pk], filters.active()))

    def _ranked(self, query: str, strictness: Strictness, visibility: Visibility) -> dict:
        """pk → score, best first."""
        operator = "or" if strictness is Strictness.BROAD else "and"
        results = self.backend.search(
            query, visibility.apply(RegisterEntryPage.objects.live()), operator=operator
        ).annotate_score("_score")
        return {page.pk: getattr(page, "_score", None) for page in results}


def _facet_rows(pks: list[int], catalog: FacetCatalog) -> dict[int, dict[str, set[str]]]:
    """pk → facet name → values, for the filter and count logic in Python (five queries)."""
    rows: dict[int, dict[str, set[str]]] = {pk: {name: set() for name in FACET_NAMES} for pk in pks}
    if not pks:
        return rows
    for pk, municipality, department, content_type, status in RegisterEntryPage.objects.filter(
        pk__in=pks
    ).values_list("pk", "municipality_id", "department_id", "content_type_id", "register_status"):
        row = rows[pk]
        if municipality in catalog.municipality_slug_by_id:
            row["kommune"].add(catalog.municipality_slug_by_id[municipality])
        if department:
            row["fachbereich"].add(str(department))
        if content_type in catalog.type_key_by_content_type_id:
            row["typ"].add(catalog.type_key_by_content_type_id[content_type])
        if status:
            row["status"].add(status)
    for model in (ProcessPage, EmergencyScenarioPage):
        for pk, category in model.objects.filter(pk__in=pks).values_list("pk", "category"):
            if category:
                rows[pk]["kategorie"].add(category)
    for pk, name in RegisterEntryTag.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag__name"
    ):
        rows[pk]["schlagwort"].add(name)
    return rows


def _passes(row: dict[str, set[str]], active: dict[str, tuple[str, ...]]) -> bool:
    return all(row[name] & set(values) for name, values in active.items())
