"""Production may run Elasticsearch 8/9 instead of OpenSearch: our backends for all four
engines build the same mappings, queries and index settings (no node needed to compare)."""

from __future__ import annotations

from copy import deepcopy

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from prozesse.models import ProcessPage, RegisterEntryPage
from search.backends.german import GermanText
from search.engine import (
    ELASTICSEARCH8_BACKEND,
    ELASTICSEARCH9_BACKEND,
    OPENSEARCH2_BACKEND,
    OPENSEARCH3_BACKEND,
)

ENGINES = [OPENSEARCH2_BACKEND, OPENSEARCH3_BACKEND, ELASTICSEARCH8_BACKEND, ELASTICSEARCH9_BACKEND]


def backend_for(path: str):
    params = deepcopy(settings.WAGTAILSEARCH_BACKENDS["default"])
    params.pop("BACKEND")
    # Wagtail writes the client's timeout option (named per client) into OPTIONS.
    params["OPTIONS"] = {}
    params["URLS"] = ["http://127.0.0.1:9"]  # never contacted
    return get_search_backend(path, **params)


@pytest.mark.parametrize("path", ENGINES)
def test_every_engine_builds_the_same_german_query(db, path):
    reference = backend_for(OPENSEARCH3_BACKEND)
    backend = backend_for(path)
    query = GermanText("Gewerbe anmelden", fuzzy=True)
    queryset = RegisterEntryPage.objects.live()
    assert (
        backend.query_compiler_class(queryset, query).get_query()
        == reference.query_compiler_class(queryset, query).get_query()
    )


@pytest.mark.parametrize("path", ENGINES)
def test_every_engine_builds_the_same_mapping_and_settings(path):
    reference = backend_for(OPENSEARCH3_BACKEND)
    backend = backend_for(path)
    assert backend.mapping_class(ProcessPage).get_mapping() == (
        reference.mapping_class(ProcessPage).get_mapping()
    )
    assert backend.settings == reference.settings
