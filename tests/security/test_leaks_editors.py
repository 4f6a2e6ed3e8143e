"""The leak test (``test_leaks.py``) as the editors and reviewers of the departments: every URL
read as each of these roles shows no marker of a page the role may not see, never answers 500,
and shows each marked page the role may read on its own URL. A module of its own so that its
sweep runs on another pytest-xdist worker than the other roles' sweeps."""

from __future__ import annotations

import pytest

from tests.security.leak_checks import (
    assert_marked_pages_show_to_their_readers,
    assert_no_marker_leaks,
    assert_no_server_errors,
)

pytestmark = pytest.mark.django_db

LEAK_ROLES = ("redaktion-a-bb", "freigabe-a-bb", "redaktion-a-oa")


def test_no_role_finds_a_marker_of_a_page_it_may_not_see(leak_run):
    assert_no_marker_leaks(leak_run)


def test_no_url_answers_500_for_any_role(leak_run):
    assert_no_server_errors(leak_run)


def test_each_marked_page_shows_on_its_own_url_to_its_readers(leak_run):
    assert_marked_pages_show_to_their_readers(leak_run)
