"""Elasticsearch 8: Wagtail's backend plus the German mixins (see ``search.backends.german``)."""

from modelsearch.backends import elasticsearch8 as engine

from search.backends.german import (
    GermanBackendMixin,
    GermanMappingMixin,
    GermanQueryCompilerMixin,
    ManagedIndexMixin,
)


class Elasticsearch8Mapping(GermanMappingMixin, engine.Elasticsearch8Mapping):
    pass


class Elasticsearch8Index(ManagedIndexMixin, engine.Elasticsearch8Index):
    pass


class Elasticsearch8SearchQueryCompiler(
    GermanQueryCompilerMixin, engine.Elasticsearch8SearchQueryCompiler
):
    mapping_class = Elasticsearch8Mapping


class Elasticsearch8AutocompleteQueryCompiler(engine.Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = Elasticsearch8Mapping


class Elasticsearch8SearchBackend(GermanBackendMixin, engine.Elasticsearch8SearchBackend):
    mapping_class = Elasticsearch8Mapping
    index_class = Elasticsearch8Index
    query_compiler_class = Elasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = Elasticsearch8AutocompleteQueryCompiler


SearchBackend = Elasticsearch8SearchBackend
