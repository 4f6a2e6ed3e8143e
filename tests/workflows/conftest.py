"""A provisioned organisation shared by the tests of one module, and admin-form helpers.

The organisation (two municipalities, three departments, the committee, one user per role,
a published and a waiting page per scope) is built once per test module inside a transaction
that is rolled back when the module ends; every test runs in a savepoint inside it (pytest-
django's ``db``), so tests may change anything and still see the same organisation.
"""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from prozesse.models import DecisionPage, ProcessPage
from prozesse.roles import matrix, provisioning, tree
from prozesse.roles.report import Report
from search.indexing import index_updates_paused
from tests.factories import (
    DecisionPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)

SCOPES = tuple(matrix.SCOPES)
ROLES = tuple(matrix.ROLES)
#: The search configuration before any module switches index updates off.
SEARCH_BACKENDS = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)


@dataclass
class Organisation:
    """Ids of what the tests use; pages are read fresh from the database on every access."""

    municipality_ids: dict[str, int]
    container_ids: dict[str, int]  # scope → department page / committee section
    live_ids: dict[str, int]  # scope → published page
    pending_ids: dict[str, int]  # scope → page waiting in the first workflow step
    users: dict[str, object]
    groups: dict[str, object]
    person_ids: dict[str, int] = field(default_factory=dict)  # scope → person of that unit
    actor: object = None  # the user a matrix check acts as
    forms: dict[tuple[str, str], dict] = field(default_factory=dict)

    def container(self, scope: str) -> Page:
        return Page.objects.get(pk=self.container_ids[scope]).specific

    def live(self, scope: str) -> Page:
        return Page.objects.get(pk=self.live_ids[scope]).specific

    def pending(self, scope: str) -> Page:
        return Page.objects.get(pk=self.pending_ids[scope]).specific

    def child_model(self, scope: str) -> type[Page]:
        return DecisionPage if scope == "committee" else ProcessPage


def create_page(scope: str, parent: Page, title: str, number: int) -> Page:
    if scope == "committee":
        page = DecisionPageFactory(parent=parent, title=title, decision_number=f"LK-T-{number}")
    else:
        page = ProcessPageFactory(parent=parent, title=title)
    page.save_revision().publish()
    return page


def build_organisation() -> Organisation:
    """Provision T (departments A, B), U (department C), the committee and all roles with the
    provisioning commands alone – what a real installation runs – and add one user per role."""
    admin = UserFactory(username="admin-org", is_superuser=True, is_staff=True)
    run("provision_committee", "Lenkungskreis")
    run(
        "provision_municipality",
        "VG Talheim",
        "--ags=07100001",
        "--code=TAL",
        "--department=Bürgerbüro=BB",
        "--department=Ordnungsamt=OA",
    )
    run("provision_municipality", "VG Ufersheim", "--ags=07100002", "--code=UFE")
    run("provision_department", "UFE", "Bauamt", "--code=BA")
    run("provision_all")
    # Read back what the commands made; provisioning again must find nothing to change.
    report = Report()
    committee = provisioning.provision_committee("Lenkungskreis", report=report)
    town = tree.find_municipality("TAL")
    other_town = tree.find_municipality("UFE")
    own, sibling = provisioning.provision_municipality(town, report=report)
    (other,) = provisioning.provision_municipality(other_town, report=report)
    knowledge_town = provisioning.provision_municipality_roles(town, report)
    everyone = provisioning.provision_global_roles(report)
    staff_town = provisioning.provision_municipality_staff(town, report)
    assert not report.changes, report.changes

    containers = {
        "own": own.department,
        "sibling": sibling.department,
        "other_town": other.department,
        "committee": committee.section,
    }
    groups = {
        "redaktion": own.editors,
        "freigabe": own.reviewers,
        "lenkungskreis": committee.members,
        "wissen_kommune": knowledge_town,
        "wissen_alle": everyone["wissen_alle"],
        "mitarbeitende": everyone["mitarbeitende"],
        "freigabe_sibling": sibling.reviewers,
        "freigabe_other_town": other.reviewers,
        "redaktion_sibling": sibling.editors,
    }
    users = {"administration": admin}
    for role, group in groups.items():
        user = UserFactory(username=f"{role.replace('_', '-')}-org")
        user.groups.add(group)
        users[role] = user
    users["mitarbeitende"].groups.add(staff_town)
    submitter = UserFactory(username="einreichend-org")

    live, pending = {}, {}
    for number, scope in enumerate(SCOPES):
        parent = containers[scope]
        live[scope] = create_page(scope, parent, f"Veröffentlicht {scope}", number).pk
        waiting = create_page(scope, parent, f"In Freigabe {scope}", number + 10)
        waiting.title = f"In Freigabe {scope} (geändert)"
        # Submitted by somebody without a role here: every role meets it as someone else's
        # change (four eyes refuse one's own; see test_four_eyes).
        waiting.save_revision(user=submitter)
        waiting.get_workflow().start(waiting, submitter)
        pending[scope] = waiting.pk
    person_ids = {}
    for scope, container in containers.items():
        unit = container if scope != "committee" else None
        person = PersonFactory(name=f"Person {scope}", department=unit)
        person_ids[scope] = person.pk
    return Organisation(
        person_ids=person_ids,
        municipality_ids={"town": town.pk, "other_town": other_town.pk},
        container_ids={scope: page.pk for scope, page in containers.items()},
        live_ids=live,
        pending_ids=pending,
        users=users,
        groups=groups,
    )


def second_member(org: Organisation, role: str):
    """Another member of the role's group (created in the test): four eyes need one to
    approve what the first member submitted or wrote."""
    user = UserFactory(username=f"{role.replace('_', '-')}-zweite-org")
    user.groups.add(org.groups[role])
    return user


@contextmanager
def module_transaction(django_db_blocker):
    """Database access for a module-scoped fixture, rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def without_search_updates():
    """Page saves stay out of the search indexes (for tests that never search); the settings
    fixture can switch them on again (``search_updates``)."""
    return index_updates_paused()


# ------------------------------------------------------------------------- admin forms


def form_data(html: str, **changes) -> dict[str, list[str]]:
    """The POST data a browser would send for Wagtail's page form in ``html``, with
    ``changes`` applied. StreamFields (rendered by JavaScript) must be empty."""
    data = querydict_from_html(html, form_id="page-edit-form")
    soup = WagtailTestUtils.get_soup(html)
    for block in soup.select("form#page-edit-form div[data-block]"):
        value, _errors = json.loads(block["data-w-block-arguments-value"])
        assert not value, f"StreamField {block['id']} has content; fill it in the test"
        data[f"{block['id']}-count"] = "0"
    result = {key: data.getlist(key) for key in data}
    result.update(
        {key: [value] if isinstance(value, str) else value for key, value in changes.items()}
    )
    return result


def admin_form(client: Client, url: str, **changes) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_data(response.content.decode(), **changes)


def opened_now(data: dict, page: Page) -> dict:
    """A cached page form as the browser posts it after opening the page now: it names the
    page's latest revision as the version it was loaded with (an outdated one is refused,
    prozesse/views/page_editing.py)."""
    latest = Page.objects.get(pk=page.pk).get_latest_revision()
    if latest is None:
        return data
    return {
        **data,
        "loaded_revision_id": [str(latest.pk)],
        "loaded_revision_created_at": [latest.created_at.isoformat()],
    }


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model: type[Page], parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


# ------------------------------------------------------------------ provisioning helpers


def snapshot() -> dict:
    """Everything provisioning owns, with primary keys (a re-created object is a change)."""
    return {
        "groups": sorted(
            (
                group.pk,
                group.name,
                tuple(sorted(group.permissions.values_list("content_type__app_label", "codename"))),
            )
            for group in Group.objects.all()
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "pk", "group_id", "collection_id", "permission_id"
            )
        ),
        "workflows": sorted(
            (
                workflow.pk,
                workflow.name,
                workflow.active,
                tuple(workflow.workflow_tasks.values_list("pk", "task_id", "sort_order")),
            )
            for workflow in Workflow.objects.all()
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "tasks": sorted(
            (
                task.pk,
                task.name,
                task.active,
                tuple(sorted(task.groups.values_list("pk", flat=True)))
                if hasattr(task, "groups")
                else (),
            )
            for task in Task.objects.specific()
        ),
        "pages": sorted(Page.objects.values_list("pk", "title", "slug", "live", "path")),
    }


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def provision_sample_organisation() -> str:
    """Every provisioning command once: committee, a town with three departments, all."""
    return "".join(
        [
            run("provision_committee"),
            run(
                "provision_municipality",
                "VG Talheim",
                "--ags=07100001",
                "--code=TAL",
                "--department=Bürgerbüro=BB",
                "--department=Ordnungsamt=OA",
            ),
            run("provision_department", "TAL", "Finanzen", "--code=FIN"),
            run("provision_all"),
        ]
    )


def groups_named(*names: str) -> list[Group]:
    return [Group.objects.get(name=name) for name in names]


@pytest.fixture(scope="module")
def organisation(django_db_setup, django_db_blocker):
    """The organisation, built once per module; page saves do not reach the search indexes
    (a test that searches switches updates back on with ``search_updates``)."""
    with without_search_updates(), module_transaction(django_db_blocker):
        yield build_organisation()


@pytest.fixture
def search_updates(settings, search_backend):
    """Page changes reach the (emptied) search indexes again, as in production."""
    settings.WAGTAILSEARCH_BACKENDS = copy.deepcopy(SEARCH_BACKENDS)
    return search_backend
