"""Fixtures and builders for the knowledge tests."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from prozesse.roles.provisioning import provision_department_roles, provision_global_roles
from search.indexing import index_updates_paused
from tests.factories import DepartmentPageFactory, PersonFactory, UserFactory


def today() -> datetime.date:
    """Today in German time, read when a test runs (a run may cross midnight)."""
    return timezone.localdate()


def publish(page, user=None):
    """Publish the page's current content as a revision; returns the fresh specific page."""
    page = type(page).objects.get(pk=page.pk)
    page.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)


def save_draft(page, user=None, **changes):
    """Save an unpublished draft on top of the latest revision."""
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(user=user)


def admin_user(person=None, *groups):
    """A user with admin access (and, optionally, a person record and groups)."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(*groups)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


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
