"""The search page /suche/: what staff see and how it is announced to screen readers."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion


def test_the_page_shows_a_labelled_search_box_with_autocomplete(staff_client):
    html = staff_client.get("/suche/").content.decode()
    assert '<label for="search-q">' in html
    assert 'data-autocomplete-url="/api/search/suggest/"' in html
    assert "search-autocomplete.js" in html


def test_results_show_title_type_municipality_department_status_and_date(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Hundesteuer"}).content.decode()
    result = html[html.index('<li class="result">') :]
    for text in (
        register.hundesteuer.url,
        "Prozesssteckbrief",
        "Verbandsgemeinde Diez",
        "Finanzen",
        "Status: Ist",
        # Shown in German time: around midnight the UTC date is another day.
        timezone.localtime(register.hundesteuer.last_published_at).strftime("%d.%m.%Y"),
        "<mark>Hundesteuer</mark>",
    ):
        assert text in result


def test_the_result_count_is_said_once_in_the_heading_that_takes_the_focus(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Hundesteuer"}).content.decode()
    assert re.search(
        r'<h2 id="results-heading" tabindex="-1" data-focus-on-load>\s*1 Treffer', html
    )
    assert len(re.findall(r"1 Treffer", html)) == 1


def test_a_facet_link_adds_its_filter_and_keeps_the_query(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Gewerbe"}).content.decode()
    assert 'href="?q=Gewerbe&amp;kommune=montabaur"' in html


def test_a_selected_facet_links_back_to_the_search_without_it(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Gewerbe", "kommune": "montabaur"}).content.decode()
    assert 'href="?q=Gewerbe" aria-current="true" class="is-selected"' in html
    assert "Kommune: Verbandsgemeinde Montabaur" in html  # the active-filter chip


def test_the_sort_links_offer_relevance_and_last_change(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Gewerbe", "sortierung": "datum"}).content.decode()
    assert '<a href="?q=Gewerbe&amp;sortierung=datum" aria-current="true"' in html
    assert '<a href="?q=Gewerbe">Relevanz</a>' in html


def test_pagination_links_keep_query_and_filters(register, staff_client, monkeypatch):
    monkeypatch.setattr("search.service.PAGE_SIZE", 2)
    html = staff_client.get("/suche/", {"q": "Gewerbe", "kommune": "diez", "seite": "2"}).content
    html = html.decode()
    assert "Seite 2 von 2" in html
    assert '<a href="?q=Gewerbe&amp;kommune=diez" rel="prev">' in html
    assert '<ol class="result-list" start="3">' in html


def test_a_typo_shows_what_was_done_and_a_suggestion_link(register, staff_client):
    html = staff_client.get("/suche/", {"q": "Gewerbeanmledung"}).content.decode()
    assert "ähnlicher Schreibweise" in html
    assert 'Meinten Sie <a href="?q=Gewerbeanmeldung">„Gewerbeanmeldung“</a>?' in html


def test_no_hits_under_filters_offers_to_remove_them(register, staff_client):
    html = staff_client.get(
        "/suche/", {"q": "Hundesteuer", "kommune": "montabaur"}
    ).content.decode()
    assert "ohne Filter wäre es 1 Treffer" in html
    assert '<a href="?q=Hundesteuer">Alle Filter entfernen</a>' in html


def test_promotions_are_shown_above_the_results(register, staff_client):
    SearchPromotion.objects.create(query=Query.get("gewerbe"), page=register.beschluss)
    html = staff_client.get("/suche/", {"q": "Gewerbe"}).content.decode()
    assert html.index("Empfohlen") < html.index('<ol class="result-list"')


def test_a_search_counts_the_query_for_the_popular_searches(register, staff_client):
    staff_client.get("/suche/", {"q": "Hundesteuer"})
    assert Query.objects.get(query_string="hundesteuer").hits == 1


def test_the_page_needs_as_many_queries_for_many_results_as_for_few(register, staff_client):
    def queries(q: str) -> int:
        with CaptureQueriesContext(connection) as context:
            staff_client.get("/suche/", {"q": q})
        return len(context.captured_queries)

    queries("Hundesteuer")  # warm the per-process caches (content types, sites)
    assert queries("Steuer") == queries("Gewerbe")  # 2 and 5 results
