"""Fixtures for the search tests: the small register of tests/search/register.py, indexed in
the live search engine."""

from __future__ import annotations

import pytest

from tests.search.register import Register, build_register


@pytest.fixture
def register(search_backend) -> Register:
    built = build_register()
    search_backend.refresh_indexes()
    return built
