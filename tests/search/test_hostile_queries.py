"""Whatever is typed or pasted into the box gives a normal answer or a clear message, never a
server error — on the page and in the API, with the search engine and with the fallback."""

from __future__ import annotations

import pytest

from tests.factories import ProcessPageFactory

HOSTILE = [
    '"Gewerbe',
    "Gewerbe*",
    "titel:Gewerbe",
    "(Gewerbe",
    "Gewerbe\\",
    '"*:(\\)',
    "Gewerbe AND NOT OR",
    "<script>alert(1)</script>",
    '{"query": {"match_all": {}}}',
    "Gewerbe ~2 ^5 /regex/ [a TO z]",
    "'; DROP TABLE wagtailcore_page; --",
    "\x00\x1f",
    "ǅ𝔊ewerbe 🐕",
    "Gewerbe " * 100,  # very long input
    "Anmeldung " * 1024,  # 10 kB of text
]


@pytest.fixture(params=["engine", "database"])
def backend_kind(request, settings, search_backend):
    ProcessPageFactory(title="Hundesteuer An- und Abmeldung", summary="Hunde und Steuermarken.")
    search_backend.refresh_indexes()
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["fallback"]}
    return request.param


def test_the_page_answers_any_input_without_an_error(backend_kind, staff_client, subtests):
    for query in HOSTILE:
        with subtests.test(query=query[:40]):
            response = staff_client.get("/suche/", {"q": query})
            assert response.status_code == 200
            assert "<script>alert" not in response.content.decode()


def test_the_api_answers_any_input_with_json(backend_kind, staff_client, subtests):
    for query in HOSTILE:
        with subtests.test(query=query[:40]):
            response = staff_client.get("/api/search/", {"q": query})
            assert response.status_code == 200
            assert isinstance(response.json()["count"], int)


def test_syntax_characters_are_ignored_not_interpreted(backend_kind, staff_client):
    data = staff_client.get("/api/search/", {"q": '"Hundesteuer*" (titel:'}).json()
    assert [r["title"] for r in data["results"]] == ["Hundesteuer An- und Abmeldung"]


def test_a_very_long_input_is_shortened_and_the_user_is_told(backend_kind, staff_client):
    data = staff_client.get("/api/search/", {"q": "Hundesteuer " + "x" * 10_000}).json()
    assert data["results"][0]["title"] == "Hundesteuer An- und Abmeldung"
    assert any("ersten 200 Zeichen" in notice for notice in data["notices"])


def test_malformed_filter_and_page_parameters_are_ignored(backend_kind, staff_client):
    response = staff_client.get(
        "/suche/",
        {"q": "Hundesteuer", "fachbereich": "abc", "typ": "<x>", "seite": "-3", "sortierung": "?"},
    )
    assert response.status_code == 200
    assert "An- und Abmeldung</a>" in response.content.decode()
