"""Elasticsearch 9: Wagtail's backend plus the German mixins (see ``search.backends.german``)."""

from modelsearch.backends import elasticsearch9 as engine

from search.backends.german import (
    GermanBackendMixin,
    GermanMappingMixin,
    GermanQueryCompilerMixin,
    ManagedIndexMixin,
)


class Elasticsearch9Mapping(GermanMappingMixin, engine.Elasticsearch9Mapping):
    pass


class Elasticsearch9Index(ManagedIndexMixin, engine.Elasticsearch9Index):
    pass


class Elasticsearch9SearchQueryCompiler(
    GermanQueryCompilerMixin, engine.Elasticsearch9SearchQueryCompiler
):
    mapping_class = Elasticsearch9Mapping


class Elasticsearch9AutocompleteQueryCompiler(engine.Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = Elasticsearch9Mapping


class Elasticsearch9SearchBackend(GermanBackendMixin, engine.Elasticsearch9SearchBackend):
    mapping_class = Elasticsearch9Mapping
    index_class = Elasticsearch9Index
    query_compiler_class = Elasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = Elasticsearch9AutocompleteQueryCompiler


SearchBackend = Elasticsearch9SearchBackend
