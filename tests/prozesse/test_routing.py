"""Register entries are served straight from their URL path; everything else (sub-routes of
routable pages, unpublished pages) keeps Wagtail's routing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prozesse.routing import route_to_entry
from tests.factories import DepartmentPageFactory, PersonFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


def test_a_process_page_is_found_by_its_url(staff_client):
    page = ProcessPageFactory(title="Gewerbeanmeldung")
    response = staff_client.get(page.url)
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk


def test_a_process_is_routed_in_two_queries_with_municipality_department_and_owner(staff_client):
    department = DepartmentPageFactory(title="Bürgerbüro")
    page = ProcessPageFactory(parent=department, content_owner=PersonFactory(name="Sabine Krämer"))
    root = page.get_site().root_page.specific
    route_to_entry(root, page.url.strip("/").split("/"))  # warm the content-type cache
    with CaptureQueriesContext(connection) as queries:
        found = route_to_entry(root, page.url.strip("/").split("/")).page
        shown = (found.municipality.title, found.department.title, found.content_owner.name)
    assert (found.pk, shown[1:]) == (page.pk, ("Bürgerbüro", "Sabine Krämer"))
    assert len(queries) == 2


def test_an_unpublished_process_is_not_served(staff_client):
    page = ProcessPageFactory()
    page.unpublish()
    assert staff_client.get(page.url or f"/{page.slug}/").status_code == 404


def test_the_emergency_handbook_route_of_a_municipality_still_answers(staff_client):
    department = DepartmentPageFactory()
    municipality = department.get_parent().specific
    assert staff_client.get(f"{municipality.url}notfallhandbuch/").status_code == 200
