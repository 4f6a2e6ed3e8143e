"""The Wagtail admin searches with the same backend and German analysis as the staff search."""

from __future__ import annotations

import pytest
from wagtail.search.backends import get_search_backend

from search.indexes import is_search_engine
from tests.factories import ArticlePageFactory


@pytest.fixture
def article(search_backend):
    page = ArticlePageFactory(title="Öffnungszeiten im Bürgerbüro")
    search_backend.refresh_indexes()
    return page


def test_the_admin_uses_the_search_engine_backend(search_backend):
    assert is_search_engine(get_search_backend("default"))


@pytest.mark.parametrize("query", ["Burgerburo", "Buergerbuero", "Bürgerbü", "offnungszeit"])
def test_the_admin_page_search_finds_a_page_by_a_german_variant(article, admin_user_client, query):
    response = admin_user_client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    assert "Öffnungszeiten im Bürgerbüro" in response.content.decode()


def test_a_plain_backend_search_gets_the_german_query(article, search_backend):
    from prozesse.models import ArticlePage

    assert [p.pk for p in search_backend.search("Burgerburo", ArticlePage)] == [article.pk]
