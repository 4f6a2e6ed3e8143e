"""search.indexing: bulk work reaches the index once, at its end."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from prozesse.models import ArticlePage
from search.indexing import deferred_indexing, index_updates_paused, reindex_subtree
from tests.factories import ArticlePageFactory, DepartmentPageFactory


def found(query: str, model=ArticlePage, backend: str = "default") -> set[int]:
    engine = get_search_backend(backend)
    if hasattr(engine, "refresh_indexes"):
        engine.refresh_indexes()
    return {page.pk for page in engine.search(query, model)}


def test_saves_in_a_deferral_reach_every_backend_when_it_ends(search_backend):
    department = DepartmentPageFactory()
    with deferred_indexing():
        page = ArticlePageFactory(parent=department, title="Zwetschgenmarkt im Herbst")
        page.save_revision().publish()
        assert found("Zwetschgenmarkt") == set()
    assert found("Zwetschgenmarkt") == {page.pk}
    assert found("Zwetschgenmarkt", backend="fallback") == {page.pk}


def test_a_flush_indexes_what_was_saved_so_far(search_backend):
    department = DepartmentPageFactory()
    with deferred_indexing() as deferred:
        page = ArticlePageFactory(parent=department, title="Zwetschgenmarkt im Herbst")
        assert deferred.flush() == 1
        assert found("Zwetschgenmarkt") == {page.pk}
        assert deferred.flush() == 0


def test_a_page_deleted_in_a_deferral_leaves_the_index(search_backend):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    assert found("Zwetschgenmarkt") == {page.pk}
    with deferred_indexing():
        Page.objects.get(pk=page.pk).specific.delete()
    assert found("Zwetschgenmarkt") == set()


def test_what_was_committed_before_an_error_is_indexed(search_backend):
    with pytest.raises(RuntimeError), deferred_indexing():
        page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
        raise RuntimeError("the rest of the import failed")
    assert found("Zwetschgenmarkt") == {page.pk}


def test_a_nested_deferral_joins_the_outer_one(search_backend):
    with deferred_indexing() as outer:
        with deferred_indexing() as inner:
            page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
        assert inner is outer
        assert found("Zwetschgenmarkt") == set()
    assert found("Zwetschgenmarkt") == {page.pk}


def test_nothing_is_indexed_while_updates_are_paused_nor_afterwards(search_backend):
    with index_updates_paused():
        page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
        page.save_revision().publish()
        reindex_subtree(page)
    assert found("Zwetschgenmarkt") == set()


def test_a_deferral_inside_a_pause_indexes_nothing(search_backend):
    with index_updates_paused(), deferred_indexing():
        ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    assert found("Zwetschgenmarkt") == set()
