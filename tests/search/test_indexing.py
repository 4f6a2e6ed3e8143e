"""search.indexing and the page-move chain: bulk work reaches the index once, at its end, and a
moved subtree is found at its new place (with the register key it got on the way)."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from prozesse.models import ArticlePage, ImportInboxPage, ProcessPage
from search.indexing import deferred_indexing, index_updates_paused, reindex_subtree
from tests.factories import (
    ArticlePageFactory,
    DepartmentPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    home_page,
)


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


# --------------------------------------------------------------------------- page moves


def test_a_moved_department_is_found_under_its_new_municipality(search_backend):
    diez = MunicipalityPageFactory(title="VG Diez", code="DIE")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", code="MON")
    department = DepartmentPageFactory(parent=diez, code="BB")
    process = ProcessPageFactory(parent=department, title="Zwetschgenmarkt anmelden")
    Page.objects.get(pk=department.pk).move(montabaur, pos="last-child")

    in_montabaur = ProcessPage.objects.filter(municipality=montabaur)
    search_backend.refresh_indexes()
    assert [p.pk for p in search_backend.search("Zwetschgenmarkt", in_montabaur)] == [process.pk]
    assert ProcessPage.objects.get(pk=process.pk).municipality_id == montabaur.pk


def test_a_process_leaving_the_inbox_is_found_by_its_new_register_key(search_backend):
    inbox = home_page().add_child(instance=ImportInboxPage(title="Import-Eingang"))
    process = ProcessPageFactory(parent=inbox, title="Zwetschgenmarkt anmelden")
    assert ProcessPage.objects.get(pk=process.pk).register_key is None
    diez = MunicipalityPageFactory(code="DIE")
    department = DepartmentPageFactory(parent=diez, code="BB")
    Page.objects.get(pk=process.pk).move(department, pos="last-child")

    assert ProcessPage.objects.get(pk=process.pk).register_key == "DIE-BB-0001"
    assert found("DIE-BB-0001", ProcessPage) == {process.pk}


def test_a_move_during_a_deferral_is_indexed_with_the_rest(search_backend):
    diez = MunicipalityPageFactory(title="VG Diez")
    montabaur = MunicipalityPageFactory(title="VG Montabaur")
    department = DepartmentPageFactory(parent=diez)
    with deferred_indexing():
        process = ProcessPageFactory(parent=department, title="Zwetschgenmarkt anmelden")
        Page.objects.get(pk=department.pk).move(montabaur, pos="last-child")
    in_montabaur = ProcessPage.objects.filter(municipality=montabaur)
    search_backend.refresh_indexes()
    assert [p.pk for p in search_backend.search("Zwetschgenmarkt", in_montabaur)] == [process.pk]
