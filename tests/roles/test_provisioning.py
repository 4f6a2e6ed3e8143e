"""Provisioning from scratch: what each command sets up, dry runs and clear errors.
(Provisioning an already provisioned organisation: test_reprovisioning.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError
from wagtail.models import GroupPagePermission, WorkflowPage

from demo.data import DEMO_USERS
from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles.definitions import INTERMUNICIPAL_TASK_NAME
from prozesse.roles.matrix import render_permission_table
from prozesse.roles.provisioning import (
    provision_all,
    provision_department_roles,
    provision_global_roles,
)
from tests.commands import run
from tests.factories import (
    CommitteeSectionPageFactory,
    DepartmentPageFactory,
    MunicipalityPageFactory,
)
from tests.roles.organisation import without_search_updates
from tests.roles.support import groups_named, snapshot

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _no_search_updates():
    with without_search_updates():
        yield


# --------------------------------------------------------------------------- idempotence


def test_provision_all_over_an_existing_tree_twice_changes_nothing():
    town = MunicipalityPageFactory(title="VG Ufersheim")
    DepartmentPageFactory(parent=town, title="Bauamt", code="BA")
    DepartmentPageFactory(parent=town, title="Standesamt", code="STA")
    CommitteeSectionPageFactory(title="Lenkungskreis")
    first = provision_all()
    before = snapshot()
    second = provision_all()
    assert first.changes and not second.changes
    assert snapshot() == before


# ------------------------------------------------------------------------ what it sets up


def test_a_department_gets_its_page_two_groups_and_a_workflow():
    run("provision_municipality", "VG Talheim", "--ags=07100001", "--code=TAL")
    run("provision_department", "TAL", "Bürgerbüro", "--code=BB")
    department = DepartmentPage.objects.get(code="BB")
    editors, reviewers = groups_named(
        "Redaktion VG Talheim – Bürgerbüro", "Freigabe VG Talheim – Bürgerbüro"
    )
    assert department.live and department.slug == "buergerbuero"
    assert set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "page_id", "permission__codename"
        )
    ) == {(department.pk, "add_page"), (department.pk, "change_page"), (department.pk, "lock_page")}
    assert set(
        GroupPagePermission.objects.filter(group=reviewers).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page", "lock_page", "unlock_page"}
    workflow = WorkflowPage.objects.get(page=department).workflow
    assert workflow.name == "Freigabeprozess VG Talheim – Bürgerbüro"
    (step,) = workflow.tasks.specific()
    assert list(step.groups.all()) == [reviewers]


def test_provisioning_the_committee_later_adds_the_intermunicipal_step_to_departments():
    run("provision_municipality", "VG Talheim", "--ags=07100001", "--code=TAL")
    run("provision_department", "TAL", "Bürgerbüro", "--code=BB")
    workflow = WorkflowPage.objects.get(page=DepartmentPage.objects.get(code="BB")).workflow
    assert workflow.tasks.count() == 1
    run("provision_committee")
    assert [task.name for task in workflow.tasks][-1] == INTERMUNICIPAL_TASK_NAME


def test_knowledge_management_reads_its_municipality_and_manages_people_tools_and_tags():
    run("provision_municipality", "VG Talheim", "--ags=07100001", "--code=TAL")
    group = Group.objects.get(name="Wissensmanagement VG Talheim")
    town = MunicipalityPage.objects.get(code="TAL")
    assert list(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    ) == [(town.pk, "lock_page")]
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_person", "add_itsystem", "delete_tag", "access_admin"} <= codenames


def test_staff_are_a_group_without_any_right():
    provision_global_roles()
    staff = Group.objects.get(name="Mitarbeitende")
    assert not staff.permissions.exists()
    assert not staff.page_permissions.exists()


# ------------------------------------------------------------------- renames keep links


def test_departments_with_the_same_name_in_one_town_get_distinct_groups():
    town = MunicipalityPageFactory(title="VG Talheim", code="TAL")
    first = DepartmentPageFactory(parent=town, title="Bürgerbüro", code="BB")
    second = DepartmentPageFactory(parent=town, title="Bürgerbüro", code="BB2")
    one = provision_department_roles(first)
    two = provision_department_roles(second)
    assert one.editors != two.editors
    assert two.editors.name == "Redaktion VG Talheim – Bürgerbüro (TAL-BB2)"


# ------------------------------------------------------------------ repairs and dry runs


def test_a_dry_run_lists_the_changes_and_saves_nothing():
    run("provision_municipality", "VG Talheim", "--ags=07100001", "--code=TAL")
    before = snapshot()
    output = run("provision_department", "TAL", "Bürgerbüro", "--code=BB", "--dry-run")
    assert "Gruppe angelegt: Redaktion VG Talheim – Bürgerbüro" in output
    assert "Probelauf" in output
    assert snapshot() == before


def test_an_unknown_municipality_is_a_clear_error():
    with pytest.raises(CommandError, match="Keine Kommune „Atlantis“ gefunden"):
        run("provision_department", "Atlantis", "Bürgerbüro")


def test_a_department_without_a_code_gets_one_from_its_name():
    run("provision_municipality", "VG Talheim", "--ags=07100001", "--code=TAL")
    run("provision_department", "TAL", "Zentrale Dienste")
    assert DepartmentPage.objects.get(title="Zentrale Dienste").code == "ZD"


# ---------------------------------------------------------------------- demo and matrix


def test_the_readme_lists_every_demo_account_with_its_password():
    readme = README.read_text(encoding="utf-8")
    for account in DEMO_USERS:
        assert f"| `{account.username}` | `{account.password}` |" in readme


def test_the_matrix_command_prints_the_table_of_the_readme():
    assert run("provision_all", "--print-matrix").strip() == render_permission_table()
