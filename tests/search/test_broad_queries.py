"""Searches that match a large part of the register (issue 22, item 5): the facets count the
best hits only and say so, pages stop at the result window, the phrase bonus still ranks, and
the snippet fields keep their offsets for the highlighter."""

from __future__ import annotations

import pytest
from django.test import override_settings

from search.facets import SearchFilters
from search.service import Sort, search_register
from tests.factories import ArticlePageFactory


def type_counts(outcome) -> dict[str, int]:
    facet = next(f for f in outcome.facets if f.name == "typ")
    return {value.value: value.count for value in facet.values}


def test_below_the_sample_size_the_facets_count_every_hit(register, admin_user):
    outcome = search_register("Gewerbe", user=admin_user)
    assert outcome.facets_sampled == 0
    assert sum(type_counts(outcome).values()) == outcome.count == 5


@override_settings(SEARCH_FACET_SAMPLE_SIZE=2)
def test_above_the_sample_size_the_facets_count_the_best_hits_and_say_how_many(
    register, admin_user
):
    outcome = search_register("Gewerbe", user=admin_user)
    assert outcome.facets_sampled == 2
    assert outcome.count == 5  # the number of hits stays exact
    assert sum(type_counts(outcome).values()) == 2


@override_settings(SEARCH_FACET_SAMPLE_SIZE=2)
def test_the_search_page_and_the_api_tell_that_the_facets_count_the_best_hits(
    register, admin_client
):
    page = admin_client.get("/suche/", {"q": "Gewerbe"})
    api = admin_client.get("/api/search/", {"q": "Gewerbe"})
    assert "zählen die Zahlen die 2 besten Treffer" in page.content.decode()
    assert api.json()["facets_sample"] == 2


def test_a_page_beyond_the_result_window_shows_the_last_page_of_the_window(
    register, admin_user, monkeypatch
):
    monkeypatch.setattr("search.service.MAX_RESULT_WINDOW", 4)
    outcome = search_register("Gewerbe", user=admin_user, page_size=2, page=99)
    assert (outcome.page_number, outcome.num_pages, len(outcome.results)) == (2, 2, 2)
    assert not outcome.degraded
    assert any("ersten 4 Treffer" in notice for notice in outcome.notices)


@pytest.fixture
def phrase_pages(search_backend):
    scattered = ArticlePageFactory(  # shorter: without the phrase bonus it would rank first
        title="Notiz A",
        summary="Hinweise",
        body=[{"type": "text", "value": "<p>Sondernutzung bitte früh melden. Straße frei.</p>"}],
    )
    together = ArticlePageFactory(
        title="Notiz B",
        summary="Hinweise",
        body=[
            {
                "type": "text",
                "value": "<p>Wer eine Sondernutzung der Straße plant, meldet sie früh an; "
                "das Amt prüft den Antrag, die Fristen, die Gebühren, die Auflagen und "
                "die Beteiligung der Nachbarn, der Polizei und der Verkehrsbehörde.</p>",
            }
        ],
    )
    search_backend.refresh_indexes()
    return scattered, together


def test_the_words_in_order_rank_above_the_same_words_scattered(phrase_pages, admin_user):
    scattered, together = phrase_pages
    outcome = search_register("Sondernutzung Straße", user=admin_user)
    assert [row.page.pk for row in outcome.results] == [together.pk, scattered.pk]


def test_sorting_by_date_needs_no_phrase_bonus_and_still_finds_both(phrase_pages, admin_user):
    outcome = search_register(
        "Sondernutzung Straße", SearchFilters(), user=admin_user, sort=Sort.CHANGED
    )
    assert {row.page.pk for row in outcome.results} == {page.pk for page in phrase_pages}


def test_the_snippet_fields_keep_offsets_for_the_highlighter(search_backend):
    index = search_backend.get_index_for_model(ArticlePageFactory._meta.model)
    mapping = next(iter(search_backend.es.indices.get_mapping(index=index.name).values()))
    properties = mapping["mappings"]["properties"]
    assert properties["title"]["index_options"] == "offsets"
    summary = next(column for column in properties if column.endswith("__summary"))
    assert properties[summary]["index_options"] == "offsets"
    assert "index_options" not in properties["_all_text"]
