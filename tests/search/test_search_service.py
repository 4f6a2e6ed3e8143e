"""search_register(): what the search page and the API both show, against the live engine."""

from __future__ import annotations

from django.http import QueryDict
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.facets import SearchFilters
from search.service import Sort, search_register
from tests.factories import ArticlePageFactory


def titles(outcome) -> list[str]:
    return [row.page.title for row in outcome.results]


def facet(outcome, name: str) -> dict[str, int]:
    return {
        value.value: value.count
        for value in next(f for f in outcome.facets if f.name == name).values
    }


def filters(query_string: str) -> SearchFilters:
    return SearchFilters.from_querydict(QueryDict(query_string))


def test_a_result_carries_type_municipality_department_status_and_last_change(register, admin_user):
    outcome = search_register("Hundesteuer", user=admin_user)
    row = outcome.results[0]
    assert (row.page.pk, row.type_key, row.type_label) == (
        register.hundesteuer.pk,
        "prozess",
        "Prozesssteckbrief",
    )
    assert (row.municipality.title, row.department.title) == ("Verbandsgemeinde Diez", "Finanzen")
    assert (row.status, row.status_label) == ("ist", "Ist")
    assert row.last_change == register.hundesteuer.last_published_at
    assert row.url == register.hundesteuer.url


def test_the_snippet_marks_the_matching_words(register, admin_user):
    outcome = search_register("Steuermarke", user=admin_user)
    assert "<mark>Steuermarke</mark>" in outcome.results[0].snippet_html


def test_the_title_outranks_a_mere_mention_in_the_text(register, admin_user):
    outcome = search_register("Gewerbeanmeldung", user=admin_user)
    assert set(titles(outcome)[:2]) == {"Gewerbeanmeldung"}


def test_a_summary_match_outranks_a_body_match(search_backend, admin_user):
    in_body = ArticlePageFactory(
        title="Notiz aus dem Bauhof",
        summary="Was im Herbst ansteht.",
        body=[{"type": "text", "value": "<p>Die Zwetschgenernte beginnt im September.</p>"}],
    )
    in_summary = ArticlePageFactory(
        title="Notiz aus dem Bürgerbüro",
        summary="Die Zwetschgenernte beginnt im September.",
        body=[{"type": "text", "value": "<p>Was im Herbst ansteht.</p>"}],
    )
    search_backend.refresh_indexes()
    outcome = search_register("Zwetschgenernte", user=admin_user)
    assert [row.page.pk for row in outcome.results] == [in_summary.pk, in_body.pk]


def test_a_typo_is_answered_with_similar_spellings_and_says_so(register, admin_user):
    outcome = search_register("Gewerbeanmledung", user=admin_user)
    assert titles(outcome)[0] == "Gewerbeanmeldung"
    assert outcome.relaxed == "fuzzy"
    assert "ähnlicher Schreibweise" in " ".join(outcome.notices)


def test_a_word_found_only_despite_a_typo_is_marked_in_the_title(register, admin_user):
    outcome = search_register("Gewerbeanmledung", user=admin_user)
    assert outcome.results[0].title_html == "<mark>Gewerbeanmeldung</mark>"


def test_a_correctly_spelled_word_does_not_bring_in_similar_words(register, admin_user):
    outcome = search_register("Hundesteuer", user=admin_user)
    assert titles(outcome) == ["Hundesteuer An- und Abmeldung"]
    assert outcome.relaxed == ""


def test_a_typo_gets_a_spelling_suggestion(register, admin_user):
    assert search_register("Gewerbeanmledung", user=admin_user).suggestion == "Gewerbeanmeldung"


def test_words_that_never_occur_together_fall_back_to_any_word_and_say_so(register, admin_user):
    outcome = search_register("Hundesteuer Raumfahrt", user=admin_user)
    assert outcome.relaxed == "broad"
    assert titles(outcome)[0] == "Hundesteuer An- und Abmeldung"


def test_facet_counts_cover_municipality_department_type_status_category_and_tags(
    register, admin_user
):
    outcome = search_register("Gewerbe", user=admin_user)
    assert facet(outcome, "kommune") == {"diez": 3, "montabaur": 1}
    assert facet(outcome, "typ") == {
        "prozess": 2,
        "notfallszenario": 1,
        "beschluss": 1,
        "artikel": 1,
    }
    assert facet(outcome, "status")["soll"] == 1
    assert facet(outcome, "kategorie") == {"kern": 2, "stromausfall": 1}
    assert facet(outcome, "schlagwort") == {"Gewerbe": 2, "OZG": 1}
    department = str(register.gewerbe_montabaur.department_id)
    assert facet(outcome, "fachbereich")[department] == 1


def test_choosing_a_municipality_keeps_the_counts_of_the_other_municipalities(register, admin_user):
    outcome = search_register("Gewerbe", filters("kommune=montabaur"), user=admin_user)
    assert titles(outcome) == ["Gewerbeanmeldung"]
    assert facet(outcome, "kommune") == {"diez": 3, "montabaur": 1}


def test_filters_of_different_facets_narrow_each_other(register, admin_user):
    outcome = search_register("Gewerbe", filters("kommune=diez&typ=prozess"), user=admin_user)
    assert [row.page.pk for row in outcome.results] == [register.gewerbe_diez.pk]
    assert facet(outcome, "typ")["artikel"] == 1  # counted with the municipality filter only


def test_two_values_of_one_facet_are_alternatives(register, admin_user):
    outcome = search_register("Gewerbe", filters("typ=beschluss&typ=artikel"), user=admin_user)
    assert set(titles(outcome)) == {register.beschluss.title, register.artikel.title}


def test_the_category_and_tag_filters_work_across_page_types(register, admin_user):
    by_category = search_register("Steuer", filters("kategorie=unterstuetzung"), user=admin_user)
    by_tag = search_register("Gewerbe", filters("schlagwort=OZG"), user=admin_user)
    assert titles(by_category) == ["Grundsteuerbescheid erstellen"]
    assert [row.page.pk for row in by_tag.results] == [register.gewerbe_diez.pk]


def test_a_selected_value_without_hits_stays_visible_to_be_removed(register, admin_user):
    outcome = search_register("Hundesteuer", filters("kommune=montabaur"), user=admin_user)
    selected = [v for f in outcome.facets for v in f.values if v.selected]
    assert [(v.value, v.count) for v in selected] == [("montabaur", 0)]


def test_without_hits_under_the_filters_the_unfiltered_count_is_reported(register, admin_user):
    outcome = search_register("Hundesteuer", filters("kommune=montabaur"), user=admin_user)
    assert (outcome.count, outcome.unfiltered_count) == (0, 1)


def test_sorting_by_last_change_puts_the_latest_publication_first(register, admin_user):
    register.gewerbe_diez.save_revision().publish()  # now the latest change
    from wagtail.search.backends import get_search_backend

    get_search_backend().refresh_indexes()
    outcome = search_register("Gewerbe", user=admin_user, sort=Sort.CHANGED)
    changes = [row.last_change for row in outcome.results]
    assert outcome.results[0].page.pk == register.gewerbe_diez.pk
    assert changes == sorted(changes, reverse=True)


def test_results_are_paginated(register, admin_user):
    first = search_register("Gewerbe", user=admin_user, page_size=2)
    second = search_register("Gewerbe", user=admin_user, page_size=2, page=2)
    assert (first.count, first.num_pages, len(first.results)) == (5, 3, 2)
    assert not {row.page.pk for row in first.results} & {row.page.pk for row in second.results}


def test_a_page_number_past_the_end_shows_the_last_page(register, admin_user):
    outcome = search_register("Gewerbe", user=admin_user, page_size=2, page=99)
    assert (outcome.page_number, len(outcome.results)) == (3, 1)


def test_promoted_pages_are_listed_for_their_query(register, admin_user):
    query = Query.get("hundesteuer")
    SearchPromotion.objects.create(query=query, page=register.hundesteuer, description="Tipp")
    outcome = search_register("Hundesteuer", user=admin_user)
    assert [(p.title, p.description) for p in outcome.promotions] == [
        ("Hundesteuer An- und Abmeldung", "Tipp")
    ]


def test_an_unpublished_promoted_page_is_not_shown(register, admin_user):
    SearchPromotion.objects.create(query=Query.get("hundesteuer"), page=register.grundsteuer)
    register.grundsteuer.unpublish()
    assert search_register("Hundesteuer", user=admin_user).promotions == []
