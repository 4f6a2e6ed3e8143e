"""Only live pages the user may see are found; a draft's text never leaks into results,
snippets or spelling suggestions — from the search engine or from the database fallback."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from api.tokens import create_token, default_valid_until
from search.service import search_register
from tests.factories import ArticlePageFactory, UserFactory

SECRET = "Geheimprojekt Zitronenfalter"


@pytest.fixture(params=["engine", "database"])
def backend_kind(request, settings, search_backend):
    """Run the test against the search engine and against the database fallback."""
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["fallback"]}
    return request.param


def refresh():
    get_search_backend("default").refresh_indexes()


def found(query, **kwargs) -> set[int]:
    return {row.page.pk for row in search_register(query, **kwargs).results}


def test_a_never_published_draft_is_not_found(backend_kind, register, admin_user):
    ArticlePageFactory(parent=register.artikel.get_parent(), title=SECRET, live=False)
    refresh()
    assert search_register("Zitronenfalter", user=admin_user).count == 0


def test_the_draft_of_a_live_page_is_not_searched(backend_kind, register, admin_user):
    page = register.hundesteuer
    page.summary = f"{page.summary} {SECRET}"
    page.save_revision()  # a draft on top of the live version
    refresh()
    assert search_register("Zitronenfalter", user=admin_user).count == 0


def test_a_snippet_shows_the_live_text_never_the_draft(backend_kind, register, admin_user):
    page = register.hundesteuer
    page.summary = f"Hundesteuer {SECRET} Hundesteuer"
    page.save_revision()
    refresh()
    outcome = search_register("Hundesteuer", user=admin_user)
    assert outcome.results[0].page.pk == page.pk
    assert "Zitronenfalter" not in outcome.results[0].snippet_html
    assert "Steuermarke" in outcome.results[0].snippet_html


def test_a_typo_of_a_draft_word_gets_no_suggestion(register, admin_user):
    page = register.hundesteuer
    page.summary = f"{page.summary} {SECRET}"
    page.save_revision()
    ArticlePageFactory(parent=register.artikel.get_parent(), title=SECRET, live=False)
    refresh()
    assert search_register("Zitronenfaltre", user=admin_user).suggestion == ""


def test_an_unpublished_page_disappears(backend_kind, register, admin_user):
    register.hundesteuer.unpublish()
    refresh()
    assert register.hundesteuer.pk not in found("Hundesteuer", user=admin_user)


@pytest.fixture
def restricted_to_finance(register):
    group = Group.objects.create(name="Finanzen Diez")
    restriction = PageViewRestriction.objects.create(
        page=register.hundesteuer.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return group


def test_a_group_restricted_page_is_hidden_from_other_staff(
    backend_kind, restricted_to_finance, staff_user
):
    # The page's own word: a part such as "Steuer" may, with typo tolerance, find other pages.
    outcome = search_register("Hundesteuer", user=staff_user)
    assert outcome.count == 0
    assert all(v.count == 0 for f in outcome.facets for v in f.values)


def test_a_group_member_finds_the_restricted_page(backend_kind, restricted_to_finance):
    member = UserFactory()
    member.groups.add(restricted_to_finance)
    assert search_register("Hundesteuer", user=member).results[0].page.title == (
        "Hundesteuer An- und Abmeldung"
    )


def test_a_password_restricted_page_is_found_only_after_the_password(backend_kind, register):
    user = UserFactory()
    restriction = PageViewRestriction.objects.create(
        page=register.hundesteuer, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    key = PageViewRestriction.passed_view_restrictions_session_key
    page = register.hundesteuer.pk
    assert page not in found("Hundesteuer", user=user, session={})
    assert page in found("Hundesteuer", user=user, session={key: [restriction.pk]})


def test_the_api_applies_the_restrictions_of_the_token_user(restricted_to_finance, client):
    _token, plaintext = create_token(UserFactory(), "t", default_valid_until())
    data = client.get(
        "/api/search/", {"q": "Hundesteuer"}, headers={"Authorization": f"Bearer {plaintext}"}
    ).json()
    assert data["count"] == 0
