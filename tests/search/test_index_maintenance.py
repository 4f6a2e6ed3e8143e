"""Index maintenance: atomic rebuilds behind an alias, the backlog of failed index writes and
the reconcile command that repairs the index from it."""

from __future__ import annotations

import datetime
import gc
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from prozesse.models import ArticlePage
from search.backends.german import BackgroundBulk
from search.indexes import outdated_indexes
from search.models import IndexBacklogEntry
from search.service import search_register
from tests.factories import ArticlePageFactory, DepartmentPageFactory

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on the discard port


def engine_ids(query: str) -> set[int]:
    backend = get_search_backend("default")
    backend.refresh_indexes()
    return {page.pk for page in backend.search(query, ArticlePage)}


class EngineSwitch:
    """Points the default backend at a port where no engine answers, and back."""

    def __init__(self, settings):
        self.settings = settings
        self.original = settings.WAGTAILSEARCH_BACKENDS

    def down(self) -> None:
        default = {**self.original["default"], "URLS": [UNREACHABLE], "TIMEOUT": 2}
        self.settings.WAGTAILSEARCH_BACKENDS = {**self.original, "default": default}

    def up(self) -> None:
        self.settings.WAGTAILSEARCH_BACKENDS = self.original


@pytest.fixture
def engine(settings, search_backend) -> EngineSwitch:
    return EngineSwitch(settings)


# ------------------------------------------------------------------ atomic rebuild
def test_during_a_rebuild_the_old_index_keeps_answering(search_backend, admin_user):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    search_backend.refresh_indexes()
    index = search_backend.get_index_for_model(Page)
    rebuilder = search_backend.rebuilder_class(index)
    new_index = rebuilder.start()  # a new, still empty index beside the live one
    try:
        outcome = search_register("Zwetschgenmarkt", user=admin_user)
        assert [row.page.pk for row in outcome.results] == [page.pk]
        assert not outcome.degraded
    finally:
        new_index.add_model(ArticlePage)
        new_index.add_items(ArticlePage, [page])
        rebuilder.finish()
    assert index.is_alias()
    assert engine_ids("Zwetschgenmarkt") == {page.pk}


def test_update_index_leaves_an_alias_that_finds_everything(search_backend):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    call_command("update_index", backend_name="default", stdout=StringIO(), stderr=StringIO())
    assert search_backend.get_index_for_model(Page).is_alias()
    assert engine_ids("Zwetschgenmarkt") == {page.pk}


def refresh_interval(backend, name: str):
    settings = backend.es.indices.get_settings(index=name)
    return [values["settings"]["index"].get("refresh_interval") for values in settings.values()]


def test_a_rebuild_fills_the_new_index_without_periodic_refreshes(search_backend):
    rebuilder = search_backend.rebuilder_class(search_backend.get_index_for_model(Page))
    new_index = rebuilder.start()
    try:
        assert refresh_interval(search_backend, new_index.name) == ["-1"]
    finally:
        rebuilder.finish()


def test_a_rebuilt_index_refreshes_periodically_again(search_backend):
    call_command("update_index", backend_name="default", stdout=StringIO(), stderr=StringIO())
    index = search_backend.get_index_for_model(Page)
    assert refresh_interval(search_backend, index.name) == [None]  # the engine's default


def test_a_rebuild_restores_the_garbage_collector_settings(search_backend):
    before = gc.get_threshold()
    call_command("update_index", backend_name="default", stdout=StringIO(), stderr=StringIO())
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class RefusingBackend:
    def bulk(self, *args, **kwargs):
        raise ConnectionError("engine refused the batch")


def test_a_failed_background_bulk_request_is_raised_in_the_rebuilding_thread():
    sender = BackgroundBulk(RefusingBackend())
    sender.bulk([{"_id": 1}], index="x")
    with pytest.raises(ConnectionError, match="refused"):
        sender.close()


# ------------------------------------------------------------------ backlog and reconcile
def test_publishing_while_the_engine_is_unreachable_succeeds_and_is_recorded(engine):
    engine.down()
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst", live=False)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert IndexBacklogEntry.objects.filter(object_id=str(page.pk), action="index").exists()


def test_reconcile_indexes_what_the_outage_left_out_and_empties_the_backlog(engine):
    engine.down()
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    engine.up()
    assert engine_ids("Zwetschgenmarkt") == set()
    call_command("reconcile_search_index", stdout=StringIO())
    assert engine_ids("Zwetschgenmarkt") == {page.pk}
    assert not IndexBacklogEntry.objects.exists()


def test_reconcile_removes_a_page_deleted_during_the_outage(engine):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    assert engine_ids("Zwetschgenmarkt") == {page.pk}
    engine.down()
    page.delete()
    assert IndexBacklogEntry.objects.filter(action="delete").exists()
    engine.up()
    call_command("reconcile_search_index", stdout=StringIO())
    assert engine_ids("Zwetschgenmarkt") == set()


def test_reconcile_refuses_to_run_while_the_engine_is_unreachable(engine):
    engine.down()
    with pytest.raises(CommandError, match="nicht erreichbar"):
        call_command("reconcile_search_index", stdout=StringIO())


def test_reconcile_since_reindexes_pages_changed_in_that_time(search_backend):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    page.save_revision().publish()
    search_backend.get_index_for_model(Page).delete_item(page)  # lost without a trace
    assert engine_ids("Zwetschgenmarkt") == set()
    call_command("reconcile_search_index", since="2h", stdout=StringIO())
    assert engine_ids("Zwetschgenmarkt") == {page.pk}


def test_reconcile_full_rebuilds_and_clears_older_backlog_entries(search_backend, engine):
    engine.down()
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    IndexBacklogEntry.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=1))
    engine.up()
    call_command("reconcile_search_index", full=True, stdout=StringIO())
    assert engine_ids("Zwetschgenmarkt") == {page.pk}
    assert search_backend.get_index_for_model(Page).is_alias()
    assert not IndexBacklogEntry.objects.exists()


def test_the_search_page_answers_from_the_database_with_a_notice(engine, staff_client):
    engine.down()
    department = DepartmentPageFactory()
    ArticlePageFactory(parent=department, title="Zwetschgenmarkt im Herbst")
    html = staff_client.get("/suche/", {"q": "Zwetschgenmarkt"}).content.decode()
    assert 'role="alert">Die Volltextsuche ist gerade nicht erreichbar' in html
    assert "Zwetschgenmarkt im Herbst" in html


def test_the_api_reports_the_fallback(engine, staff_client):
    engine.down()
    ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    data = staff_client.get("/api/search/", {"q": "Zwetschgenmarkt"}).json()
    assert data["degraded"] is True
    assert "nicht erreichbar" in data["message"]
    assert [r["title"] for r in data["results"]] == ["Zwetschgenmarkt im Herbst"]


def test_autocomplete_falls_back_to_the_database_too(engine, staff_client):
    engine.down()
    ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    data = staff_client.get("/api/search/suggest/", {"q": "Zwetsch"}).json()
    assert data["degraded"] is True
    assert [r["title"] for r in data["results"]] == ["Zwetschgenmarkt im Herbst"]


def test_prepare_search_index_rebuilds_an_index_made_with_older_settings(search_backend):
    page = ArticlePageFactory(title="Zwetschgenmarkt im Herbst")
    index = search_backend.get_index_for_model(Page)
    for old in index.aliased_indices() if index.is_alias() else [index]:
        search_backend.es.indices.delete(index=old.name)
    search_backend.es.indices.create(
        index=index.name, body={"settings": {"index": {"number_of_replicas": 0}}}
    )
    assert outdated_indexes(search_backend) == [index.name]
    call_command("prepare_search_index", stdout=StringIO())
    assert outdated_indexes(search_backend) == []
    assert engine_ids("Zwetschgenmarkt") == {page.pk}
