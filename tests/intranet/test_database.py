"""Statements beyond the wire protocol's 65,535 parameters still run with prepared statements on."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.models import Page

from intranet.database import MAX_BOUND_PARAMETERS

pytestmark = pytest.mark.django_db


def test_a_lookup_with_more_ids_than_the_protocol_carries_still_answers():
    # The same cursor path as update_index's batches into the database index, which stopped at
    # 300k pages; a lookup shows it without writing thousands of index rows.
    many_ids = range(1, MAX_BOUND_PARAMETERS + 5_000)
    assert (
        Page.objects.filter(pk__in=many_ids).count()
        == Page.objects.filter(pk__lt=MAX_BOUND_PARAMETERS + 5_000).count()
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
