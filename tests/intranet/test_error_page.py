"""The 500 page: styled, with a way back, rendered without the database."""

from __future__ import annotations

from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_500_page_renders_without_the_database_and_links_back_to_the_start(
    django_assert_num_queries, db
):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/irgendwo/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert 'href="/"' in html and "Zur Startseite" in html
    assert "css/site.css" in html
    assert "Erklärung zur Barrierefreiheit" in html
