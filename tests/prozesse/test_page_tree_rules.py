"""The tree cannot be built wrong: page types only go where they belong."""

from __future__ import annotations

import pytest

from home.models import HomePage
from prozesse import models
from tests.factories import (
    CommitteeSectionPageFactory,
    DecisionPageFactory,
    DepartmentPageFactory,
    ProcessPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

ALLOWED = [
    (HomePage, models.MunicipalityPage),
    (HomePage, models.CommitteeSectionPage),
    (HomePage, models.RegisterPage),
    (models.MunicipalityPage, models.DepartmentPage),
    (models.MunicipalityPage, models.ArticlePage),
    (models.DepartmentPage, models.ProcessPage),
    (models.DepartmentPage, models.EmergencyScenarioPage),
    (models.DepartmentPage, models.ArticlePage),
    (models.CommitteeSectionPage, models.DecisionPage),
]

REFUSED = [
    (HomePage, models.ProcessPage),
    (HomePage, models.DecisionPage),
    (HomePage, models.DepartmentPage),
    (models.MunicipalityPage, models.ProcessPage),
    (models.MunicipalityPage, models.EmergencyScenarioPage),
    (models.MunicipalityPage, models.DecisionPage),
    (models.DepartmentPage, models.DecisionPage),
    (models.DepartmentPage, models.DepartmentPage),
    (models.CommitteeSectionPage, models.ProcessPage),
    (models.ProcessPage, models.ProcessPage),
    (models.ProcessPage, models.ArticlePage),
    (models.DecisionPage, models.DecisionPage),
    (models.RegisterPage, models.ProcessPage),
]


@pytest.mark.parametrize(("parent", "child"), ALLOWED, ids=lambda m: m.__name__)
def test_the_page_type_may_be_created_under_its_parent(parent, child):
    assert child.can_create_at(_instance_of(parent))


@pytest.mark.parametrize(("parent", "child"), REFUSED, ids=lambda m: m.__name__)
def test_the_page_type_may_not_be_created_under_this_parent(parent, child):
    assert not child.can_create_at(_instance_of(parent))


def _instance_of(model):
    factories = {
        HomePage: home_page,
        models.MunicipalityPage: lambda: DepartmentPageFactory().get_parent().specific,
        models.DepartmentPage: DepartmentPageFactory,
        models.CommitteeSectionPage: CommitteeSectionPageFactory,
        models.ProcessPage: ProcessPageFactory,
        models.DecisionPage: DecisionPageFactory,
        models.RegisterPage: lambda: home_page().add_child(
            instance=models.RegisterPage(title="Register", slug="register")
        ),
    }
    return factories[model]()


def test_the_admin_refuses_to_add_a_process_outside_a_department(admin_user_client):
    home = home_page()
    response = admin_user_client.post(
        f"/admin/pages/add/prozesse/processpage/{home.pk}/", {"title": "Falsch", "slug": "falsch"}
    )
    assert response.status_code == 302
    assert not models.ProcessPage.objects.filter(slug="falsch").exists()


def test_the_admin_refuses_to_add_a_decision_outside_the_committee_section(admin_user_client):
    department = DepartmentPageFactory()
    response = admin_user_client.post(
        f"/admin/pages/add/prozesse/decisionpage/{department.pk}/",
        {"title": "Falsch", "slug": "falsch", "decision_number": "LK-1"},
    )
    assert response.status_code == 302
    assert not models.DecisionPage.objects.filter(slug="falsch").exists()


def test_the_admin_offers_the_process_form_inside_a_department(admin_user_client):
    department = DepartmentPageFactory()
    response = admin_user_client.get(f"/admin/pages/add/prozesse/processpage/{department.pk}/")
    assert response.status_code == 200


def test_the_register_entry_base_type_is_never_offered():
    assert not models.RegisterEntryPage.is_creatable
