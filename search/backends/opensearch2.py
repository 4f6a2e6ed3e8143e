"""OpenSearch 2: Wagtail's backend plus the German mixins (see ``search.backends.german``)."""

from modelsearch.backends import opensearch2 as engine

from search.backends.german import (
    GermanBackendMixin,
    GermanMappingMixin,
    GermanQueryCompilerMixin,
    ManagedIndexMixin,
)


class OpenSearch2Mapping(GermanMappingMixin, engine.OpenSearch2Mapping):
    pass


class OpenSearch2Index(ManagedIndexMixin, engine.OpenSearch2Index):
    pass


class OpenSearch2SearchQueryCompiler(
    GermanQueryCompilerMixin, engine.OpenSearch2SearchQueryCompiler
):
    mapping_class = OpenSearch2Mapping


class OpenSearch2AutocompleteQueryCompiler(engine.OpenSearch2AutocompleteQueryCompiler):
    mapping_class = OpenSearch2Mapping


class OpenSearch2SearchBackend(GermanBackendMixin, engine.OpenSearch2SearchBackend):
    mapping_class = OpenSearch2Mapping
    index_class = OpenSearch2Index
    query_compiler_class = OpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = OpenSearch2AutocompleteQueryCompiler


SearchBackend = OpenSearch2SearchBackend
