"""Smoke test against the live node: German analysis makes inflected and umlaut-free
queries find the page — and Wagtail's default index settings would not."""

from __future__ import annotations

import pytest
from django.conf import settings
from wagtail.search.backends import get_search_backend

from prozesse.models import RegisterEntryPage
from search.indexes import recreate_indexes
from tests.factories import ArticlePageFactory

PAGE_TEXT = "Gewerbeanmeldungen im Bürgerbüro"


@pytest.fixture
def indexed_page(search_backend):
    page = ArticlePageFactory(title=PAGE_TEXT, summary="Ablauf und Zuständigkeiten.")
    search_backend.refresh_indexes()
    return page


def found_ids(backend, query: str) -> set[int]:
    return {page.pk for page in backend.search(query, RegisterEntryPage.objects.live())}


@pytest.mark.parametrize(
    "query", ["Gewerbeanmeldung", "Burgerburo", "gewerbeanmeldungen", "Buergerbuero"]
)
def test_the_live_node_finds_the_page_by_a_german_variant(search_backend, indexed_page, query):
    assert indexed_page.pk in found_ids(search_backend, query)


@pytest.fixture
def default_settings_backend(search_backend):
    """The same engine, but Wagtail's own backend, mappings and index settings instead of ours."""
    params = dict(settings.WAGTAILSEARCH_BACKENDS["default"])
    params.pop("INDEX_SETTINGS")
    params.pop("BACKEND")
    engine = type(search_backend).__module__.rsplit(".", 1)[1]  # e.g. opensearch3
    params["BACKEND"] = f"wagtail.search.backends.{engine}"
    params["INDEX_PREFIX"] = params["INDEX_PREFIX"] + "plain_"
    # Replicas 0 keeps the single test node green; nothing else of ours is applied.
    params["INDEX_SETTINGS"] = {"settings": {"index": {"number_of_replicas": 0}}}
    backend = get_search_backend(params.pop("BACKEND"), **params)
    recreate_indexes(backend)
    yield backend
    for index in backend.all_indexes():
        index.delete()


@pytest.mark.parametrize("query", ["Gewerbeanmeldung", "Burgerburo"])
def test_wagtails_default_index_settings_would_not_find_it(default_settings_backend, query):
    page = ArticlePageFactory(title=PAGE_TEXT)
    default_settings_backend.add(page)
    default_settings_backend.refresh_indexes()
    assert page.pk not in found_ids(default_settings_backend, query)
