"""The help text under the search box promises only what the configured backend can do."""

from __future__ import annotations

ENGINE_PROMISE = "Findet auch gebeugte Formen, Wortteile"
DATABASE_LIMITS = "Einfache Datenbanksuche ohne Suchmaschine"


def test_with_the_search_engine_the_help_text_promises_the_german_analysis(staff_client):
    html = staff_client.get("/suche/").content.decode()
    assert ENGINE_PROMISE in html
    assert DATABASE_LIMITS not in html


def test_without_a_search_engine_the_help_text_says_what_the_database_search_cannot_do(
    staff_client, settings
):
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["fallback"]}
    html = staff_client.get("/suche/").content.decode()
    assert DATABASE_LIMITS in html
    assert "keine Wortteile" in html
    assert ENGINE_PROMISE not in html


def test_on_sqlite_the_help_text_also_says_inflected_forms_are_not_found(staff_client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    settings.USES_POSTGRESQL = False
    html = staff_client.get("/suche/").content.decode()
    assert "keine gebeugten Formen" in html
