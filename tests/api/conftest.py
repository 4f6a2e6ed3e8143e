"""A provisioned organisation for the read API's tests, built once per module.

Two towns (Talheim with Bürgerbüro and Ordnungsamt, Ufersheim with Bauamt) and the committee
come from the provisioning commands alone, as in a real installation. Pages are restricted the
way departments do it themselves ("Sichtbarkeit": a town's staff group) and the way Wagtail
does (a department's whole subtree), so readers of the two towns see different registers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from api.tokens import create_token, default_valid_until
from prozesse.models import DepartmentPage, MunicipalityPage, RelatedProcess
from tests.factories import (
    ArticlePageFactory,
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    EmergencyScenarioPageFactory,
    ProcessPageFactory,
    UserFactory,
)
from tests.services import empty_search_indexes, module_transaction, require_service


@dataclass
class World:
    page_ids: dict[str, int]
    user_ids: dict[str, int]

    def page(self, key: str) -> Page:
        return Page.objects.get(pk=self.page_ids[key]).specific

    def user(self, key: str):
        return get_user_model().objects.get(pk=self.user_ids[key])


def run(command: str, *args: str) -> None:
    call_command(command, *args, stdout=StringIO())


def publish(page: Page) -> Page:
    page = type(page).objects.get(pk=page.pk)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def restrict(page: Page, *groups: Group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups)


def build_world() -> World:
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
    talheim = MunicipalityPage.objects.get(code="TAL")
    ufersheim = MunicipalityPage.objects.get(code="UFE")
    bb = DepartmentPage.objects.child_of(talheim).get(code="BB")
    oa = DepartmentPage.objects.child_of(talheim).get(code="OA")
    ba = DepartmentPage.objects.child_of(ufersheim).get(code="BA")
    everyone = Group.objects.get(name="Mitarbeitende")
    staff_tal = Group.objects.get(name="Mitarbeitende VG Talheim")
    staff_ufe = Group.objects.get(name="Mitarbeitende VG Ufersheim")
    editors_bb = Group.objects.get(name="Redaktion VG Talheim – Bürgerbüro")

    pages = {
        "open": publish(ProcessPageFactory(parent=bb, title="Gewerbeanmeldung", status="ist")),
        "town_tal": publish(ProcessPageFactory(parent=bb, title="Kassenanordnung", status="soll")),
        "in_oa": publish(ProcessPageFactory(parent=oa, title="Ordnungswidrigkeit")),
        "town_ufe": publish(ProcessPageFactory(parent=ba, title="Bauantrag intern")),
        "scenario": publish(EmergencyScenarioPageFactory(parent=bb, title="Stromausfall")),
        "scenario_tal": publish(EmergencyScenarioPageFactory(parent=bb, title="Hochwasser")),
        "article": publish(ArticlePageFactory(parent=talheim, title="Erfahrungen E-Akte")),
    }
    pages["draft"] = ProcessPageFactory(parent=ba, title="Entwurf Baulast", live=False)
    section = CommitteeSectionPageFactory(title="Lenkungskreis Test")
    decision = DecisionPageFactory(
        parent=section,
        title="Digitalisierung",
        responsible_department=oa,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    decision.affected_municipalities.set([talheim, ufersheim])
    decision.save()
    pages["decision"] = publish(decision)
    RelatedProcess.objects.create(page=pages["open"], process=pages["town_tal"])
    RelatedProcess.objects.create(page=pages["open"], process=pages["town_ufe"])
    pages["open"] = publish(pages["open"])

    # "Sichtbarkeit": only the staff of the town; and a whole department for Talheim only.
    restrict(pages["town_tal"], staff_tal)
    restrict(pages["scenario_tal"], staff_tal)
    restrict(pages["town_ufe"], staff_ufe)
    restrict(oa, staff_tal)

    users = {
        "talheim": UserFactory(username="api-talheim"),
        "ufersheim": UserFactory(username="api-ufersheim"),
        "editor": UserFactory(username="api-redaktion"),
        "other_editor": UserFactory(username="api-redaktion-2"),
        "admin": UserFactory(username="api-admin", is_superuser=True, is_staff=True),
    }
    users["talheim"].groups.add(everyone, staff_tal)
    users["ufersheim"].groups.add(everyone, staff_ufe)
    users["editor"].groups.add(everyone, staff_tal, editors_bb)
    users["other_editor"].groups.add(everyone, staff_tal, editors_bb)
    return World(
        page_ids={key: page.pk for key, page in pages.items()}
        | {"talheim": talheim.pk, "ufersheim": ufersheim.pk, "bb": bb.pk, "oa": oa.pk}
        | {"ba": ba.pk},
        user_ids={key: user.pk for key, user in users.items()},
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with module_transaction(django_db_blocker):
        require_service("search engine")
        backend = get_search_backend("default")
        empty_search_indexes(backend)
        built = build_world()
        backend.refresh_indexes()
        yield built


@pytest.fixture
def token_client(world, db):
    """``token_client("talheim")``: a client that sends a fresh token of that user."""

    def make(user_key: str) -> Client:
        _token, plaintext = create_token(world.user(user_key), "Test", default_valid_until())
        return Client(headers={"Authorization": f"Bearer {plaintext}"})

    return make
