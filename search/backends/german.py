"""What our search-engine backends add to Wagtail's (modelsearch) Elasticsearch/OpenSearch
backends. One mixin per Wagtail class; ``opensearch2/3`` and ``elasticsearch8/9`` in this
package only combine them with the engine's own classes, so all engines behave the same.

* Mapping: ``.stem`` (Snowball) sub-fields on the title and the catch-all field, a ``.words``
  sub-field for spelling suggestions, umlaut-aware autocomplete, and two keyword fields for the
  facets Wagtail cannot express across page types (category, tags).
* Query: German full-text queries built from a gate (all words must occur somewhere, exact or
  stemmed; optionally typo-tolerant) plus bonus clauses that rank title, summary and register
  key matches and phrase matches first. Plain ``backend.search(...)`` calls (the admin, other
  apps) get the same query.
* Backend: index writes that fail (engine down) are recorded in the backlog table
  (``search.IndexBacklogEntry``) before Wagtail logs and swallows the error, so
  ``manage.py reconcile_search_index`` can repair the index later; ``raw_search`` runs the
  hand-built requests of ``search.engine_search`` (facets, highlights, suggestions).
* Timeouts: two clients. Searches and the single-document writes of a save use ``TIMEOUT``
  (short) through the circuit breaker of the URL (``search.breaker``): while it is open, they
  fail at once (search answers from the fallback, writes go to the backlog). Index management
  (create, mappings, bulk loads, alias switch, refresh, delete) uses ``INDEX_TIMEOUT`` (long)
  with ``INDEX_RETRIES`` retries, also on timeouts.

Only features both engine families have are used: match/multi_match (fuzziness,
operator, phrase), bool, terms/prefix filters, filter and terms aggregations, post_filter,
the unified highlighter, the term suggester, multi-fields and custom analyzers.
"""

from __future__ import annotations

import gc
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property

from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import get_indexed_models
from modelsearch.query import PlainText, SearchQuery

from search.analysis import analysis_fingerprint
from search.backlog import record_failure
from search.breaker import DEFAULT_COOLDOWN_SECONDS, GuardedClient, breaker_for

logger = logging.getLogger(__name__)

#: Document fields for facets that are not one Wagtail FilterField across all page types.
FACET_CATEGORY_FIELD = "_facet_category"
FACET_TAGS_FIELD = "_facet_tags"

#: Query weights. The title outranks summary, register key and decision number (Wagtail
#: boost 2 → weight 3), which outrank legal bases (boost 1.5 → 2.5) and the body (1).
TITLE_WEIGHT = 6.0
TITLE_FIELD_NAMES = frozenset({"title", "name"})
STEM_WEIGHT = 0.5  # Snowball sub-fields: more recall, less precision
FUZZY_WEIGHT = 0.4  # typo-tolerant matches never outrank exact ones
COMPOUND_WEIGHT = 0.3  # query-side decompounding (zero-result fallback only)
FUZZY_MATCH = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 50}

STEM_SUBFIELD = {"type": "text", "analyzer": "german_stem", "search_analyzer": "german_stem_search"}
WORDS_SUBFIELD = {"type": "text", "analyzer": "german_words"}


class GermanText(SearchQuery):
    """A German full-text query with the strictness chosen by the caller.

    ``operator="and"``: every word must occur (exactly or stemmed). ``fuzzy``: words may also
    match with one or two typos. ``compound``: compounds in the query are split as well. The
    search service starts strict and relaxes step by step only when nothing is found.
    """

    def __init__(
        self,
        query_string: str,
        *,
        operator: str = "and",
        fuzzy: bool = False,
        compound: bool = False,
        phrase: bool = True,
    ):
        if operator not in ("and", "or"):
            raise ValueError("operator must be 'and' or 'or'")
        self.query_string = query_string
        self.operator = operator
        self.fuzzy = fuzzy
        self.compound = compound
        #: The phrase bonus in the query itself. The register search leaves it out and applies
        #: it to the best hits only (``rescore``), because on broad queries the phrase check of
        #: every match costs more than the rest of the query.
        self.phrase = phrase

    def __repr__(self):
        return (
            f"<GermanText {self.query_string!r} operator={self.operator!r} "
            f"fuzzy={self.fuzzy} compound={self.compound} phrase={self.phrase}>"
        )


# ---------------------------------------------------------------------------------- mapping
def facet_values(obj) -> dict:
    """Extra keyword values for the category and tag facets of a register entry."""
    values: dict = {}
    category = getattr(obj, "category", None)
    if isinstance(category, str) and category:
        values[FACET_CATEGORY_FIELD] = category
    tags = getattr(obj, "tags", None)
    if tags is not None and hasattr(tags, "all"):
        names = sorted({tag.name for tag in tags.all()})
        if names:
            values[FACET_TAGS_FIELD] = names
    return values


def _is_snippet_source(column: str, definition: dict) -> bool:
    """A text field of the page itself that snippets are cut from (not the catch-all and
    boost fields, not the autocomplete n-grams)."""
    return (
        definition.get("type") == "text"
        and not column.startswith("_")
        and definition.get("analyzer") != "edgengram_analyzer"
    )


class GermanMappingMixin:
    # Wagtail analyses the typed prefix with "standard": "Bürg" would then never meet the
    # folded "burg" in the index. Our search analyzer folds it the same way.
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "edgengram_search_analyzer",
    }

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        title = properties.get("title")
        if title and title.get("type") == "text":
            title["fields"] = {"stem": dict(STEM_SUBFIELD)}
        properties["_all_text"]["fields"] = {
            "stem": dict(STEM_SUBFIELD),
            "words": dict(WORDS_SUBFIELD),
        }
        for column, definition in properties.items():
            if _is_snippet_source(column, definition):
                # Offsets in the postings: the highlighter finds the marked words there instead
                # of analysing the stored text of every field of every hit again.
                definition["index_options"] = "offsets"
        properties[FACET_CATEGORY_FIELD] = {"type": "keyword"}
        properties[FACET_TAGS_FIELD] = {"type": "keyword"}
        mapping["_meta"] = {"prozessregister_analysis": analysis_fingerprint()}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        document.update(facet_values(obj))
        return document


# ---------------------------------------------------------------------------------- queries
_weighted_fields_cache: dict = {}


class GermanQueryCompilerMixin:
    def get_inner_query(self):
        if isinstance(self.query, GermanText):
            return self.compile_german(self.query)
        if isinstance(self.query, PlainText) and not self.fields:
            return self.compile_german(
                GermanText(self.query.query_string, operator=self.query.operator)
            )
        return super().get_inner_query()

    def weighted_fields(self) -> list[tuple[str, float]]:
        """(index column, weight) of every boosted or title field of the queried model and its
        subclasses, highest weight first."""
        key = (type(self), self.queryset.model)
        if key not in _weighted_fields_cache:
            weights: dict[str, float] = {}
            for model in get_indexed_models():
                if not issubclass(model, self.queryset.model):
                    continue
                mapping = self.mapping_class(model)
                for field in model.get_searchable_search_fields():
                    if field.field_name in TITLE_FIELD_NAMES:
                        weight = TITLE_WEIGHT
                    elif field.boost:
                        weight = 1.0 + float(field.boost)
                    else:
                        continue
                    column = mapping.get_field_column_name(field)
                    weights[column] = max(weights.get(column, 0.0), weight)
            _weighted_fields_cache[key] = sorted(weights.items(), key=lambda item: -item[1])
        return _weighted_fields_cache[key]

    def _boosted_columns(self) -> list[str]:
        """``weighted_fields`` as the engine's ``column^weight`` notation."""
        return [f"{column}^{weight:g}" for column, weight in self.weighted_fields()]

    def highlight_fields(self) -> list[str]:
        """Index columns of all plain text fields (not nested) of the queried model and its
        subclasses: what a snippet may be cut from."""
        columns: list[str] = []
        for model in get_indexed_models():
            if not issubclass(model, self.queryset.model):
                continue
            mapping = self.mapping_class(model)
            for field in model.get_searchable_search_fields():
                column = mapping.get_field_column_name(field)
                if column not in columns:
                    columns.append(column)
        return columns

    def german_gate(self, query: GermanText, *, fuzzy: bool) -> dict:
        """Which documents match at all: all words somewhere in the document (operator "and"),
        exactly/lightly stemmed or Snowball-stemmed; with ``fuzzy`` also with typos, with
        ``query.compound`` also the parts of compounds."""
        text, operator = query.query_string, query.operator
        should = [
            {"match": {"_all_text": {"query": text, "operator": operator}}},
            {
                "match": {
                    "_all_text.stem": {"query": text, "operator": operator, "boost": STEM_WEIGHT}
                }
            },
        ]
        if fuzzy:
            should.append(
                {
                    "match": {
                        "_all_text": {
                            "query": text,
                            "operator": operator,
                            "analyzer": "german_fuzzy_search",
                            "boost": FUZZY_WEIGHT,
                            **FUZZY_MATCH,
                        }
                    }
                }
            )
        if query.compound:
            should.append(
                {
                    "match": {
                        "_all_text": {
                            "query": text,
                            "operator": operator,
                            "analyzer": "german_compound_search",
                            "boost": COMPOUND_WEIGHT,
                        }
                    }
                }
            )
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def highlight_query(self, *, fuzzy: bool = False) -> dict | None:
        """What marks the query's words in snippets: the gate without the ranking bonus. Typo
        tolerance is left out unless ``fuzzy``: the engine expands fuzzy terms once per
        highlighted field, which cost 80 % of a relaxed search (24 fields), so callers keep it
        to a few short fields. ``None`` for queries that are not German full text."""
        if not isinstance(self.query, GermanText):
            return None
        return self.german_gate(self.query, fuzzy=fuzzy and self.query.fuzzy)

    def compile_german(self, query: GermanText) -> dict:
        text = query.query_string
        gate = self.german_gate(query, fuzzy=query.fuzzy)

        # Bonus: ranking only. Words in the title count most, then summary/register key; a
        # phrase (words close together, in order) beats scattered words.
        weighted = self._boosted_columns()
        bonus = []
        if weighted:
            bonus.append(
                {
                    "multi_match": {
                        "query": text,
                        "fields": weighted,
                        "type": "best_fields",
                        "operator": "or",
                        "tie_breaker": 0.3,
                    }
                }
            )
            if query.fuzzy:
                bonus.append(
                    {
                        "multi_match": {
                            "query": text,
                            "fields": weighted[:1],
                            "operator": "or",
                            "analyzer": "german_fuzzy_search",
                            "boost": FUZZY_WEIGHT,
                            **FUZZY_MATCH,
                        }
                    }
                )
        if any(column == "title" for column, _weight in self.weighted_fields()):
            bonus.append(
                {
                    "match": {
                        "title.stem": {
                            "query": text,
                            "operator": "or",
                            "boost": TITLE_WEIGHT * STEM_WEIGHT,
                        }
                    }
                }
            )
        if query.phrase:
            bonus.append(self.phrase_bonus())
        return {"bool": {"must": gate, "should": bonus}}

    def phrase_bonus(self) -> dict:
        """The words close together and in order (slop 2), in the catch-all field or the
        heaviest field: ranks a phrase above scattered words."""
        return {
            "multi_match": {
                "query": self.query.query_string,
                "fields": ["_all_text", *self._boosted_columns()[:1]],
                "type": "phrase",
                "slop": 2,
            }
        }


# ---------------------------------------------------------------------------------- backend
class BulkLoadingRebuilder(ElasticsearchAtomicIndexRebuilder):
    """``update_index`` fills a new index that nobody searches until the alias moves to it at
    the end. So it is filled as the engines advise for bulk loads: without the refresh every
    second (each one writes new segments), refreshed once in ``finish()``; and while the engine
    analyses one batch, the next is read from the database and turned into documents
    (:class:`BackgroundBulk`). Python's cyclic garbage collector runs less often meanwhile:
    reading 1,000 pages creates hundreds of thousands of objects, and with the default
    thresholds (and with every module object scanned again) the collections cost a fifth of a
    rebuild (10k pages: 815 → 1,000 pages/s). A rebuild that fails keeps the raised thresholds
    until its process (a command) ends."""

    GC_THRESHOLDS = (50_000, 20, 100)

    def __init__(self, index):
        super().__init__(index)
        self.sender = BackgroundBulk(index.backend)
        self.index = index.backend.index_class(self.sender, self.index.name)
        self._gc_thresholds = gc.get_threshold()

    def start(self):
        index = super().start()
        _put_refresh_interval(index, "-1")
        gc.freeze()  # what exists now (modules, caches) is not scanned by every collection
        gc.set_threshold(*self.GC_THRESHOLDS)
        return index

    def finish(self):
        gc.set_threshold(*self._gc_thresholds)
        gc.unfreeze()
        self.sender.close()  # the last batch is in, or its error is raised here
        _put_refresh_interval(self.index, None)  # back to the engine's default
        super().finish()


class BackgroundBulk:
    """The backend, except that ``bulk`` requests are sent from one background thread with at
    most one in flight. An engine error is raised in the rebuilding thread at its next
    ``bulk`` call or at ``close()``, so a failed rebuild never moves the alias."""

    def __init__(self, backend):
        self._backend = backend
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-bulk")
        self._pending: Future | None = None

    def __getattr__(self, name: str):
        return getattr(self._backend, name)

    def bulk(self, *args, **kwargs) -> None:
        self.wait()
        self._pending = self._executor.submit(self._backend.bulk, *args, **kwargs)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._executor.shutdown()


def _put_refresh_interval(index, value: str | None) -> None:
    settings = {"index": {"refresh_interval": value}}
    if index.backend.use_new_elasticsearch_api:  # Elasticsearch 8/9 clients
        index.es.indices.put_settings(index=index.name, settings=settings)
    else:
        index.es.indices.put_settings(index=index.name, body=settings)


class ManagedIndexMixin:
    """Index management runs on the backend's management client (long timeout, retries); the
    single-document writes of a save stay on the short search client."""

    def __init__(self, backend, name):
        super().__init__(backend, name)
        self.es = backend.management_es

    def put(self):
        try:
            super().put()
        except Exception as error:
            # A retried create whose first attempt timed out but went through.
            if "resource_already_exists_exception" not in str(error):
                raise
            logger.info("Index %s was created by an earlier attempt", self.name)

    def add_item(self, item):
        self.es = self.backend.es
        super().add_item(item)

    def delete_item(self, item):
        self.es = self.backend.es
        super().delete_item(item)


class GermanBackendMixin:
    """Records failed index writes in the backlog, then lets Wagtail log the error as before;
    sends searches and single-document writes through the circuit breaker; rebuilds indexes
    with :class:`BulkLoadingRebuilder` on a second client for index management."""

    atomic_rebuilder_class = BulkLoadingRebuilder

    def __init__(self, params):
        params = dict(params)
        self.index_timeout = float(params.pop("INDEX_TIMEOUT", 120))
        self.index_retries = int(params.pop("INDEX_RETRIES", 3))
        cooldown = float(params.pop("CIRCUIT_BREAKER_SECONDS", DEFAULT_COOLDOWN_SECONDS))
        urls = params.get("URLS") or params.get("HOSTS") or ["http://localhost:9200"]
        url = str(urls[0] if isinstance(urls, list | tuple) else urls)
        # Wagtail builds the client inside __init__ from options it does not keep: record them
        # to build the management client with the same hosts, credentials and options.
        client_class, client_kwargs = self.client_class, {}

        def recording_client(**kwargs):
            client_kwargs.update(kwargs)
            return client_class(**kwargs)

        self.client_class = recording_client
        try:
            super().__init__(params)
        finally:
            del self.client_class  # the class attribute again
        self._client_kwargs = client_kwargs
        self.breaker = breaker_for(url, cooldown)
        self.es = GuardedClient(self.es, self.breaker)

    @cached_property
    def management_es(self):
        kwargs = dict(self._client_kwargs)
        kwargs[self.timeout_kwarg_name] = self.index_timeout
        kwargs["max_retries"] = self.index_retries
        kwargs["retry_on_timeout"] = True
        return self.client_class(**kwargs)

    def add(self, obj):
        try:
            super().add(obj)
        except Exception as error:
            _record_failure("index", [obj], error)
            raise

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        try:
            super().add_bulk(model, obj_list)
        except Exception as error:
            _record_failure("index", obj_list, error)
            raise

    def delete(self, obj):
        try:
            super().delete(obj)
        except Exception as error:
            _record_failure("delete", [obj], error)
            raise

    # ------------------------------------------------------------------ raw requests
    def index_name_for(self, model) -> str:
        return self.get_index_for_model(model).name

    def raw_search(self, model, body: dict) -> dict:
        """Run a hand-built search request against the index of ``model``. Both clients take
        the request body as ``body`` (the Elasticsearch 8 client still accepts it)."""
        return self.es.search(index=self.index_name_for(model), body=body)

    def ping(self) -> bool:
        try:
            return bool(self.es.ping())
        except Exception:  # any transport failure means "not reachable"
            return False


def _record_failure(action: str, objects: list, error: BaseException) -> None:

    record_failure(action, objects, error)
