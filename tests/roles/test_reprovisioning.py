"""Provisioning an organisation that is already provisioned: nothing changes, renames keep
groups and workflows attached, rights changed by hand are repaired, demo roles are added.

The sample organisation (tests.roles.support.provision_sample_organisation) is
provisioned once for the module; every test runs in a savepoint and may change it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError
from django.test import Client
from wagtail.models import GroupPagePermission, WorkflowPage

from demo.accounts import provision_demo_roles
from demo.data import DEMO_USERS
from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME, WAGTAIL_DEFAULT_GROUPS
from prozesse.roles.provisioning import provision_department_roles
from tests.admin_forms import admin_form, edit_url
from tests.commands import run
from tests.roles.organisation import without_search_updates
from tests.roles.support import groups_named, provision_sample_organisation, snapshot
from tests.services import module_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _provisioned(django_db_setup, django_db_blocker):
    with without_search_updates(), module_transaction(django_db_blocker):
        provision_sample_organisation()
        yield


def test_running_every_provisioning_command_twice_changes_nothing():
    before = snapshot()
    assert snapshot() == before


def test_the_second_run_reports_that_nothing_changed():
    output = provision_sample_organisation()
    assert output.count("Keine Änderungen") == 4
    assert "angelegt" not in output


def test_no_group_may_publish_or_delete_with_subpages_after_provisioning():
    assert not GroupPagePermission.objects.filter(
        permission__codename__in=["publish_page", "bulk_delete_page"]
    ).exists()


def test_wagtails_default_groups_keep_no_page_rights_after_provisioning():
    assert not GroupPagePermission.objects.filter(group__name__in=WAGTAIL_DEFAULT_GROUPS).exists()


def test_department_workflows_end_with_the_intermunicipal_step_of_the_lenkungskreis():
    committee = Group.objects.get(name="Lenkungskreis")
    for link in WorkflowPage.objects.filter(page__in=DepartmentPage.objects.all()):
        steps = list(link.workflow.tasks.specific())
        assert [step.name for step in steps][-1] == INTERMUNICIPAL_TASK_NAME
        assert list(steps[-1].groups.all()) == [committee]


def test_renaming_a_department_keeps_its_groups_and_workflow_and_renames_them():
    department = DepartmentPage.objects.get(code="BB")
    before = provision_department_roles(department)
    output = run("provision_department", "TAL", "Bürgerservice", "--code=BB")
    after = provision_department_roles(DepartmentPage.objects.get(code="BB"))
    assert (after.editors.pk, after.reviewers.pk, after.workflow.pk, after.review_task.pk) == (
        before.editors.pk,
        before.reviewers.pk,
        before.workflow.pk,
        before.review_task.pk,
    )
    assert after.editors.name == "Redaktion VG Talheim – Bürgerservice"
    assert after.workflow.name == "Freigabeprozess VG Talheim – Bürgerservice"
    assert "Gruppe umbenannt: Freigabe VG Talheim – Bürgerbüro" in output


def test_renaming_a_department_in_the_admin_renames_its_groups(admin_user_client):
    department = DepartmentPage.objects.get(code="BB")
    editors = provision_department_roles(department).editors
    data = admin_form(
        admin_user_client, edit_url(department), title="Bürgerservice", **{"action-publish": "1"}
    )
    admin_user_client.post(edit_url(department), data)
    editors.refresh_from_db()
    assert editors.name == "Redaktion VG Talheim – Bürgerservice"


def test_renaming_a_municipality_renames_the_groups_of_its_departments():
    town = MunicipalityPage.objects.get(code="TAL")
    town.title = "VG Talheim-Neuberg"
    town.save_revision().publish()
    assert Group.objects.filter(name="Freigabe VG Talheim-Neuberg – Ordnungsamt").exists()
    assert Group.objects.filter(name="Wissensmanagement VG Talheim-Neuberg").exists()
    assert not Group.objects.filter(name__contains="VG Talheim –").exists()


def test_provisioning_again_restores_page_rights_changed_by_hand():
    before = snapshot()
    department = DepartmentPage.objects.get(code="BB")
    editors, reviewers = groups_named(
        "Redaktion VG Talheim – Bürgerbüro", "Freigabe VG Talheim – Bürgerbüro"
    )
    GroupPagePermission.objects.create(group=editors, page=department, permission_type="publish")
    GroupPagePermission.objects.filter(group=reviewers, permission__codename="unlock_page").delete()

    output = run("provision_department", "TAL", "Bürgerbüro", "--code=BB")

    assert "Seitenrecht entzogen: Redaktion VG Talheim – Bürgerbüro – Veröffentlichen" in output
    assert "Seitenrecht erteilt: Freigabe VG Talheim – Bürgerbüro – Sperren aufheben" in output
    restored = snapshot()
    key = lambda grant: grant[1:]  # noqa: E731 – the re-created grant has a new pk
    assert sorted(map(key, restored["page_permissions"])) == sorted(
        map(key, before["page_permissions"])
    )


def test_a_code_that_belongs_to_another_department_is_refused():
    with pytest.raises(CommandError, match="hat das Kürzel BB, nicht XY"):
        run("provision_department", "TAL", "Bürgerbüro", "--code=XY")


def test_demo_roles_get_one_account_each_that_can_sign_in():
    accounts = provision_demo_roles()
    assert [account.username for account in accounts] == [
        user.username for user in DEMO_USERS if user.joins_role_group
    ]
    for account in accounts:
        assert Client().login(username=account.username, password=account.password)
    roles = {account.username: account.role for account in accounts}
    assert roles["redaktion"] == "Redaktion VG Talheim – Bürgerbüro"
    assert roles["lenkungskreis"] == "Lenkungskreis"


def test_demo_roles_twice_change_nothing():
    first = provision_demo_roles()
    before = snapshot()
    assert provision_demo_roles() == first
    assert snapshot() == before


def test_every_demo_role_user_is_returned_with_its_documented_password():
    accounts = {(a.username, a.password) for a in provision_demo_roles()}
    documented = {(u.username, u.password) for u in DEMO_USERS if u.joins_role_group}
    assert accounts == documented
