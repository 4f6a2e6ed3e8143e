"""The provisioned organisation the roles, four-eyes and moderation tests share.

Two municipalities (T with departments A and B, U with department C), the committee, one user
per role and a published and a waiting page per scope – provisioned with the management
commands alone, as a real installation is. The ``organisation`` fixture (tests/conftest.py)
builds it once per test module inside a transaction that is rolled back when the module ends;
every test runs in a savepoint inside it, so tests may change anything and still see the same
organisation.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page

from prozesse.models import DecisionPage, ProcessPage
from prozesse.roles import matrix, provisioning, tree
from prozesse.roles.report import Report
from search.indexing import index_updates_paused
from tests.commands import run
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


def second_member(org: Organisation, role: str) -> object:
    """Another member of the role's group (created in the test): four eyes need one to
    approve what the first member submitted or wrote."""
    user = UserFactory(username=f"{role.replace('_', '-')}-zweite-org")
    user.groups.add(org.groups[role])
    return user


def without_search_updates():
    """Page saves stay out of the search indexes (for tests that never search); the settings
    fixture can switch them on again (``search_updates``)."""
    return index_updates_paused()
