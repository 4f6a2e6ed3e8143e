"""The people and addresses of a load test, prepared on the benchmark database the way a real
installation gets them: ``provision_all`` creates every role over the generated tree (as
``manage.py provision_all`` does), then staff accounts join "Mitarbeitende <Kommune>" of their
town and editors "Redaktion <Kommune> – <Fachbereich>" of one department each.

Each editor gets process pages of their own department to edit (so two editors never fight
over one page); pages left in review by an earlier run are taken out of it first, so every run
starts from the same state. The plan (accounts, addresses, queries) is written as JSON for the
locust process, which has no Django.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, WorkflowState

from prozesse.models import DepartmentPage, MunicipalityPage, ProcessPage, RegisterPage
from prozesse.roles.provisioning import (
    provision_all,
    provision_department_roles,
    provision_global_roles,
    provision_municipality_staff,
)

PASSWORD = "Last-Test-2026!"
#: What staff type into the search (compounds, inflection, umlauts written out, typos, jargon).
QUERIES = (
    "Gewerbeanmeldung",
    "Gewerbeanmeldungen",
    "Meldebescheinigung",
    "Buergerbuero",
    "Hundesteuer",
    "Bauantrag",
    "Personalausweis beantragen",
    "Fundsachen",
    "Führungszeugnis",
    "Gewerbeanmledung",
    "Wohnsitz anmelden",
    "Stromausfall",
    "Standesamt Geburt",
    "Friedhof",
    "Vergabe",
    "Datenschutz",
)
EDIT_PAGES_PER_EDITOR = 30
URLS_PER_TOWN = 40


@dataclass
class Account:
    username: str
    password: str
    town: str
    town_slug: str
    register_url: str
    process_urls: list[str]
    edit_page_ids: list[int] = field(default_factory=list)


@dataclass
class Plan:
    staff: list[Account]
    editors: list[Account]
    queries: tuple[str, ...]
    home_url: str = "/"


def _set_password_and_groups(username: str, groups: list[Group]):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Last", "last_name": username}
    )
    # The benchmark settings hash with MD5 for speed; the server under load runs the production
    # settings, which check passwords with PBKDF2 — so the hash is made with that hasher.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.is_active = True
    user.save()
    user.groups.set(groups)
    return user


def _register_url() -> str:
    register = RegisterPage.objects.live().first()
    return register.get_url() if register is not None else "/"


def _process_urls(municipality: MunicipalityPage, rng: random.Random) -> list[str]:
    pages = list(
        ProcessPage.objects.live()
        .descendant_of(municipality)
        .order_by("?")[:URLS_PER_TOWN]
        .only("id", "url_path", "path", "depth")
    )
    rng.shuffle(pages)
    return [page.get_url() for page in pages]


def _release_from_review(page_ids: list[int]) -> None:
    ids = [str(page_id) for page_id in page_ids]
    for state in WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids
    ):
        state.cancel()


@transaction.atomic
def prepare(staff_count: int, editor_count: int, seed: int = 7) -> Plan:
    """Provision the roles and (re)create the load accounts; returns the plan."""
    rng = random.Random(seed)
    provision_all()
    everyone = provision_global_roles()["mitarbeitende"]
    towns = list(MunicipalityPage.objects.live().order_by("path"))
    if not towns:
        raise RuntimeError("The benchmark database has no municipalities: generate data first.")
    register_url = _register_url()
    urls = {town.pk: _process_urls(town, rng) for town in towns}

    staff = []
    for number in range(staff_count):
        town = towns[number % len(towns)]
        username = f"last-mitarbeitende-{number:03d}"
        _set_password_and_groups(username, [everyone, provision_municipality_staff(town)])
        staff.append(
            Account(username, PASSWORD, town.title, town.slug, register_url, urls[town.pk])
        )

    # Editors spread evenly over the departments (and so over the towns).
    departments = [
        department
        for department in DepartmentPage.objects.live().order_by("path")
        if ProcessPage.objects.descendant_of(department).exists()
    ]
    step = max(1, len(departments) // max(1, editor_count))
    departments = departments[::step]
    editors = []
    for number, department in enumerate(departments[:editor_count]):
        roles = provision_department_roles(department)
        town = department.get_parent().specific
        username = f"last-redaktion-{number:02d}"
        _set_password_and_groups(
            username, [roles.editors, everyone, provision_municipality_staff(town)]
        )
        page_ids = list(
            ProcessPage.objects.descendant_of(department)
            .order_by("path")
            .values_list("pk", flat=True)[:EDIT_PAGES_PER_EDITOR]
        )
        _release_from_review(page_ids)
        editors.append(
            Account(
                username, PASSWORD, town.title, town.slug, register_url, urls[town.pk], page_ids
            )
        )
    return Plan(staff=staff, editors=editors, queries=QUERIES)


def plan_as_dict(plan: Plan) -> dict:
    return asdict(plan)
