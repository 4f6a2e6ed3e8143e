"""Where a user acts (prozesse.towns): the answers of one request come from one look at the
towns, however often a view asks."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prozesse.models import MunicipalityPage
from prozesse.roles.provisioning import provision_department_roles
from prozesse.towns import acting_town_ids, acts_for_all_towns, home_town_ids, may_act_for
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory
from tests.factories.accounts import UserFactory


@pytest.fixture
def editor_of_diez(db):
    diez = MunicipalityPageFactory(slug="diez")
    MunicipalityPageFactory(slug="montabaur")
    roles = provision_department_roles(DepartmentPageFactory(parent=diez))
    user = UserFactory()
    user.groups.add(roles.editors)
    # Loaded afresh, as every request loads its user.
    return get_user_model().objects.get(pk=user.pk), diez


def test_a_department_editor_acts_for_their_town_only(editor_of_diez):
    user, diez = editor_of_diez
    assert (acts_for_all_towns(user), acting_town_ids(user)) == (False, {diez.pk})


def test_repeated_town_questions_of_one_user_read_the_database_twice(editor_of_diez):
    user, diez = editor_of_diez
    with CaptureQueriesContext(connection) as context:
        acts_for_all_towns(user)
        acting_town_ids(user)
        may_act_for(user, diez.pk)
        may_act_for(user, None)
        acts_for_all_towns(user)
    assert len(context.captured_queries) == 2  # the user's anchors, the towns


def test_home_towns_need_no_towns_query_when_the_caller_read_the_towns(editor_of_diez):
    user, diez = editor_of_diez
    town_paths = dict(MunicipalityPage.objects.values_list("pk", "path"))
    with CaptureQueriesContext(connection) as context:
        assert home_town_ids(user, town_paths) == {diez.pk}
    assert len(context.captured_queries) == 2  # the user's anchors, their staff groups
