""" "Warum dieser Treffer?" on the live node: the admin view explains a found and a missing
page in German, only to editors of the page; the search page links to it for them only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prozesse.roles.provisioning import provision_department, provision_municipality_staff
from tests.builders import publish
from tests.factories import MunicipalityPageFactory, ProcessPageFactory
from tests.factories.accounts import UserFactory

LINK = "Warum dieser Treffer?"


@pytest.fixture
def setup(search_backend):
    town = MunicipalityPageFactory(title="Verbandsgemeinde Diez", slug="diez")
    roles = provision_department(town, "Finanzen", code="FIN")
    page = publish(
        ProcessPageFactory(
            parent=roles.department,
            title="Hundesteuer An- und Abmeldung",
            summary="Anmeldung von Hunden zur Hundesteuer; Ausgabe der Steuermarke.",
        )
    )
    search_backend.refresh_indexes()
    editor = UserFactory()
    editor.groups.add(roles.editors)
    return page, editor


@pytest.fixture
def reader(setup):
    """Staff of the town: may read the page, not edit it."""
    page, _editor = setup
    user = UserFactory()
    user.groups.add(provision_municipality_staff(page.get_parent().get_parent().specific))
    return user


def explain_page(client, page, query):
    return client.get(reverse("search_explain", args=[page.pk]), {"q": query})


def test_a_found_page_is_explained_with_rank_fields_and_points(setup, client):
    page, editor = setup
    client.force_login(editor)
    content = explain_page(client, page, "Steuer").content.decode()
    assert "Gefunden: Platz 1 von 1 Treffern." in content
    assert "Kurzbeschreibung" in content and "Punkte" in content


def test_a_compound_part_is_shown_as_found_in_the_title(setup, client):
    page, editor = setup
    client.force_login(editor)
    response = explain_page(client, page, "Steuer")
    words = response.context["explanation"].words
    assert [(w.word, "Titel" in w.fields) for w in words] == [("Steuer", True)]


def test_for_a_page_not_found_the_word_without_counterpart_is_named(setup, client):
    page, editor = setup
    client.force_login(editor)
    response = explain_page(client, page, "Bauantrag")
    content = response.content.decode()
    assert "Nicht gefunden" in content
    assert response.context["explanation"].missing == ["Bauantrag"]


def test_a_page_found_only_by_some_words_names_the_word_it_lacks(setup, client):
    page, editor = setup
    client.force_login(editor)
    response = explain_page(client, page, "Hundesteuer Bauantrag")
    assert "Erst als nicht alle Suchbegriffe verlangt wurden." in response.content.decode()
    assert response.context["explanation"].missing == ["Bauantrag"]


def test_a_reader_without_edit_rights_may_not_ask(setup, reader, client):
    page, _editor = setup
    client.force_login(reader)
    response = explain_page(client, page, "Steuer")
    assert response.status_code in (302, 403) and page.title not in response.content.decode()


def test_the_database_fallback_says_the_explanation_needs_the_engine(setup, client, settings):
    page, editor = setup
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["fallback"]}
    client.force_login(editor)
    content = explain_page(client, page, "Steuer").content.decode()
    assert "Die Erklärung braucht die Volltextsuche" in content


def test_the_search_page_links_editors_of_the_hit_to_the_explanation(setup, client):
    page, editor = setup
    client.force_login(editor)
    content = client.get(reverse("search"), {"q": "Hundesteuer"}).content.decode()
    assert LINK in content and reverse("search_explain", args=[page.pk]) in content


def test_the_search_page_shows_readers_no_explanation_link(setup, reader, client):
    client.force_login(reader)
    content = client.get(reverse("search"), {"q": "Hundesteuer"}).content.decode()
    assert "1 Treffer" in content and LINK not in content


def test_the_page_header_in_the_admin_offers_the_explanation(setup, client):
    page, editor = setup
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("search_explain", args=[page.pk]) in content
