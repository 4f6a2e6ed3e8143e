"""Fixtures for the knowledge tests (helpers: tests/knowledge/support.py, tests/builders.py)."""

from __future__ import annotations

import pytest

from prozesse.roles.provisioning import provision_department_roles, provision_global_roles
from search.indexing import index_updates_paused
from tests.factories import DepartmentPageFactory, PersonFactory, UserFactory


@pytest.fixture
def knowledge_manager(db):
    """A member of "Wissensmanagement (alle Kommunen)", as provisioning sets it up."""
    group = provision_global_roles()["wissen_alle"]
    user = UserFactory(first_name="Walter", last_name="Weiß")
    user.groups.add(group)
    return user


@pytest.fixture
def km_client(client, knowledge_manager):
    client.force_login(knowledge_manager)
    return client


@pytest.fixture
def roles(db):
    """A department with its provisioned Redaktion and Freigabe groups and workflow."""
    return provision_department_roles(DepartmentPageFactory(title="Bürgerbüro"))


@pytest.fixture
def reviewer(roles):
    user = UserFactory(first_name="Frank", last_name="Fischer")
    user.groups.add(roles.reviewers)
    return user


@pytest.fixture
def person():
    return PersonFactory()


@pytest.fixture(autouse=True)
def _index_only_when_searching(request):
    """Keep the search engine out of tests that do not search (it is the slowest part of a
    page save); tests that search use ``search_backend`` and index as in production."""
    if "search_backend" in request.fixturenames:
        yield
        return
    with index_updates_paused():
        yield
