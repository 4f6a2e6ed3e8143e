"""A quieter comparison of versions (issue 21): line endings, empty values and the order of
tags are no change – in the adoption and read comparisons and in the page history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from knowledge.comparison import diff_versions
from prozesse.models import ProcessPage
from tests.factories import DepartmentPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    page = ProcessPageFactory(
        parent=DepartmentPageFactory(),
        title="Gewerbeanmeldung",
        summary="Erste Zeile\nZweite Zeile",
        trigger="Antrag",
    )
    page.tags.add("Gewerbe", "Anmeldung")
    page.save()
    return ProcessPage.objects.get(pk=page.pk)


def revision_with(page, **changes):
    version = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for name, value in changes.items():
        setattr(version, name, value)
    return version.save_revision()


def test_a_line_ending_change_is_no_difference(process):
    then = ProcessPage.objects.get(pk=process.pk)
    now = ProcessPage.objects.get(pk=process.pk)
    now.summary = "Erste Zeile\r\nZweite Zeile"
    assert diff_versions(then, now).fields == []


def test_no_value_and_an_empty_text_are_no_difference(process):
    then = ProcessPage.objects.get(pk=process.pk)
    now = ProcessPage.objects.get(pk=process.pk)
    then.register_key, now.register_key = None, ""
    then.outcome, now.outcome = "", None
    assert diff_versions(then, now).fields == []


def test_a_real_change_is_still_shown_without_none(process):
    then = ProcessPage.objects.get(pk=process.pk)
    now = ProcessPage.objects.get(pk=process.pk)
    then.case_volume, now.case_volume = None, 120
    (change,) = diff_versions(then, now).fields
    assert (change.before, change.after) == ("", "120")


def history_comparison(client, page, first, second) -> str:
    """The text of the comparison table of the page history."""
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    soup = WagtailTestUtils.get_soup(response.content.decode())
    return soup.select_one("table.listing").get_text(" ")


def test_the_page_history_ignores_line_endings(admin_user_client, process):
    first = revision_with(process)
    second = revision_with(process, summary="Erste Zeile\r\nZweite Zeile")
    html = history_comparison(admin_user_client, process, first, second)
    assert "Kurzbeschreibung" not in html


def test_the_page_history_ignores_the_order_of_tags(admin_user_client, process):
    first = revision_with(process)
    version = process.get_latest_revision_as_object()
    version.tags.set(["Gewerbe", "Anmeldung"][::-1])
    second = version.save_revision()
    html = history_comparison(admin_user_client, process, first, second)
    assert "Schlagwörter" not in html


def test_the_page_history_never_shows_none_for_an_empty_value(admin_user_client, process):
    first = revision_with(process, case_volume=None)
    second = revision_with(process, case_volume=120)
    html = history_comparison(admin_user_client, process, first, second)
    assert "Fallzahl pro Jahr" in html
    assert "None" not in html
