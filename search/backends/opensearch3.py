"""OpenSearch 3: Wagtail's backend plus the German mixins (see ``search.backends.german``)."""

from modelsearch.backends import opensearch3 as engine

from search.backends.german import (
    GermanBackendMixin,
    GermanMappingMixin,
    GermanQueryCompilerMixin,
    ManagedIndexMixin,
)


class OpenSearch3Mapping(GermanMappingMixin, engine.OpenSearch3Mapping):
    pass


class OpenSearch3Index(ManagedIndexMixin, engine.OpenSearch3Index):
    pass


class OpenSearch3SearchQueryCompiler(
    GermanQueryCompilerMixin, engine.OpenSearch3SearchQueryCompiler
):
    mapping_class = OpenSearch3Mapping


class OpenSearch3AutocompleteQueryCompiler(engine.OpenSearch3AutocompleteQueryCompiler):
    mapping_class = OpenSearch3Mapping


class OpenSearch3SearchBackend(GermanBackendMixin, engine.OpenSearch3SearchBackend):
    mapping_class = OpenSearch3Mapping
    index_class = OpenSearch3Index
    query_compiler_class = OpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = OpenSearch3AutocompleteQueryCompiler


SearchBackend = OpenSearch3SearchBackend
