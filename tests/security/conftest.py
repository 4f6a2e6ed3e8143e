"""One database setup and one sweep per module: the organisation with its marked pages is built
once (rolled back when the module ends), every URL is read once as each role the module names
in ``LEAK_ROLES``, and the tests assert on the readings.

The roles are split over several modules (``test_leaks*.py``) so that pytest-xdist runs their
sweeps on different workers; ``test_leaks.py`` checks that together they read as every role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.security.enumeration import Enumeration, enumerate_targets
from tests.security.expectations import may_see, passes_view_restrictions
from tests.security.leak_setup import LeakWorld, build_leak_world
from tests.security.sweep import SweepResult, sweep
from tests.services import empty_search_indexes, module_transaction, require_service


@dataclass
class LeakRun:
    world: LeakWorld
    #: The roles whose readings this run holds (the module's ``LEAK_ROLES``).
    roles: tuple[str, ...]
    enumeration: Enumeration
    result: SweepResult
    #: (role, page code) → may the role see the page's content anywhere?
    allowed: dict[tuple[str, str], bool]
    #: (role, page code) → must the page's own URL show it to the role?
    readable: dict[tuple[str, str], bool]
    #: page code → the page's own URL
    page_urls: dict[str, str]


@pytest.fixture(scope="module")
def leak_run(request, django_db_setup, django_db_blocker) -> LeakRun:
    roles = tuple(request.module.LEAK_ROLES)
    with module_transaction(django_db_blocker):
        require_service("search engine")
        backend = get_search_backend("default")
        empty_search_indexes(backend)
        world = build_leak_world()
        backend.refresh_indexes()
        enumeration = enumerate_targets(world)
        users = {role: world.users[role] for role in roles}
        result = sweep(users, enumeration.targets)
        pages = {code: Page.objects.get(pk=m.page_id) for code, m in world.marked.items()}
        allowed, readable = {}, {}
        for role, user in users.items():
            for code, page in pages.items():
                allowed[role, code] = may_see(user, page)
                readable[role, code] = passes_view_restrictions(user, page)
        page_urls = {code: page.get_url() for code, page in pages.items()}
        yield LeakRun(world, roles, enumeration, result, allowed, readable, page_urls)
