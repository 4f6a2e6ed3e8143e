"""The page table carries the indexes the register's lists read in order (migration 0011):
without them PostgreSQL sorts every live page on each visit of the register or start page."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'wagtailcore_page'"
        )
        return dict(cursor.fetchall())


def test_live_pages_are_indexed_by_title_for_the_register_table():
    definition = index_definitions()["prozesse_page_live_title_idx"]
    assert "(title, id)" in definition and "WHERE live" in definition


def test_live_pages_are_indexed_by_publication_date_for_recent_changes():
    definition = index_definitions()["prozesse_page_live_published_idx"]
    assert "(last_published_at DESC)" in definition and "WHERE live" in definition
