"""Statements beyond the wire protocol's 65,535 parameters still run with prepared statements on."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from intranet.database import MAX_BOUND_PARAMETERS
from prozesse.models import Law

pytestmark = pytest.mark.django_db


def test_a_lookup_with_more_ids_than_the_protocol_carries_still_answers():
    many_ids = range(1, MAX_BOUND_PARAMETERS + 5_000)
    assert (
        Page.objects.filter(pk__in=many_ids).count()
        == Page.objects.filter(pk__lt=MAX_BOUND_PARAMETERS + 5_000).count()
    )


def test_the_database_search_index_takes_a_batch_beyond_the_protocols_limit():
    # update_index writes 1,000 pages a statement; at 300k pages a batch passed the limit.
    laws = [
        Law(pk=n, abbreviation=f"G{n}", title=f"Gesetz über Nummer {n}") for n in range(1, 8_001)
    ]
    index = get_search_backend("fallback").get_index_for_model(Law)
    index.add_items(Law, laws)
    assert (
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Law)).count()
        == 8_000
    )


def test_ordinary_statements_are_still_prepared_by_the_server():
    assert connection.features.uses_server_side_binding  # the default (settings/base.py)
    statement = "SELECT count(*) FROM wagtailcore_page WHERE depth > %s"
    with connection.cursor() as cursor:
        for _ in range(6):  # prepared from the fifth run on (prepare_threshold)
            cursor.execute(statement, [0])
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%FROM wagtailcore_page WHERE depth > $1%"],
        )
        assert cursor.fetchone()[0] == 1
