"""The database fallback on PostgreSQL searches with PostgreSQL's German text configuration:
inflected forms find each other, which the default ("simple") configuration would not do."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from prozesse.models import RegisterEntryPage
from tests.builders import publish
from tests.factories import ProcessPageFactory
from tests.services import require_service


def test_the_fallback_backend_is_configured_with_the_german_text_search():
    require_service("PostgreSQL")
    assert settings.WAGTAILSEARCH_BACKENDS["fallback"]["SEARCH_CONFIG"] == "german"


def test_the_fallback_finds_a_plural_by_its_singular(db):
    require_service("PostgreSQL")
    page = publish(ProcessPageFactory(title="Baumfällungen im Stadtpark", summary="Ablauf."))
    found = get_search_backend("fallback").search("Baumfällung", RegisterEntryPage.objects.live())
    assert page.pk in {hit.pk for hit in found}


def test_postgresql_stems_the_german_plural_only_with_the_german_configuration(db):
    require_service("PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('german', 'Baumfällungen') @@ plainto_tsquery('german', "
            "'Baumfällung'), to_tsvector('simple', 'Baumfällungen') @@ "
            "plainto_tsquery('simple', 'Baumfällung')"
        )
        assert cursor.fetchone() == (True, False)
