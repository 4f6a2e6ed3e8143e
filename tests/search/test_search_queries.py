"""How often one search reads the database: a fixed number of times, whatever the number of
hits — rows, their addresses, facet labels and the reader's towns are read for all hits at
once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prozesse.roles.provisioning import provision_municipality_staff
from search.service import search_register
from tests.factories.accounts import UserFactory

#: The view restrictions, the towns (facet catalogue), the reader's role anchors and staff
#: groups, the rows, the department labels, the promotions.
QUERIES_PER_SEARCH = 7


@pytest.fixture
def reader(register):
    user = UserFactory()
    user.groups.add(provision_municipality_staff(register.diez))
    return get_user_model().objects.get(pk=user.pk)  # loaded afresh, as for every request


def api_queries(client, query: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/api/search/", {"q": query}).json()["count"]
    return len(context.captured_queries)


def service_queries(rf, reader, query: str) -> int:
    request = rf.get("/api/search/", {"q": query})
    request.user, request.session = get_user_model().objects.get(pk=reader.pk), {}
    user, session = request.user, request.session
    with CaptureQueriesContext(connection) as context:
        outcome = search_register(query, user=user, session=session, request=request)
    assert outcome.results
    return len(context.captured_queries)


def test_a_search_reads_the_database_as_often_for_many_hits_as_for_few(reader, client):
    client.force_login(reader)
    api_queries(client, "Hundesteuer")  # warm the per-process caches (content types, sites)
    assert api_queries(client, "Steuer") == api_queries(client, "Gewerbe")  # 2 and 5 hits


def test_a_search_reads_the_database_a_fixed_number_of_times(reader, rf):
    service_queries(rf, reader, "Hundesteuer")
    assert service_queries(rf, reader, "Gewerbe") == QUERIES_PER_SEARCH
