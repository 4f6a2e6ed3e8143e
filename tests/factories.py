"""factory_boy factories for the register's pages and snippets.

Pages are created in the tree with ``parent=...`` (wagtail-factories); by default a municipality
goes under the site's home page and a department under a fresh municipality.
"""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.models import HomePage
from prozesse import models


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"nutzer{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@vg-beispiel.de")
    password = factory.PostGenerationMethodCall("set_password", "Geheim-2026!")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Petra Beispiel-{n}")
    role = "Sachbearbeitung"
    email = factory.Sequence(lambda n: f"person{n}@vg-beispiel.de")
    phone = "06432 501-100"

    class Meta:
        model = models.Person


class ITSystemFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fachverfahren {n}")
    vendor = "Beispiel GmbH"

    class Meta:
        model = models.ITSystem


class MunicipalityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Verbandsgemeinde Beispiel {n}")
    slug = factory.Sequence(lambda n: f"vg-beispiel-{n}")
    ags = factory.Sequence(lambda n: f"{7141000 + n:08d}")
    code = factory.Sequence(lambda n: f"K{n:03d}")
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = models.MunicipalityPage


class DepartmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fachbereich {n}")
    slug = factory.Sequence(lambda n: f"fachbereich-{n}")
    code = factory.Sequence(lambda n: f"F{n:03d}")
    parent = factory.SubFactory(MunicipalityPageFactory)

    class Meta:
        model = models.DepartmentPage


class CommitteeSectionPageFactory(wagtail_factories.PageFactory):
    title = "Lenkungskreis"
    slug = factory.Sequence(lambda n: f"lenkungskreis-{n}")
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = models.CommitteeSectionPage


class ProcessPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gewerbeanmeldung {n}")
    slug = factory.Sequence(lambda n: f"prozess-{n}")
    summary = "Anmeldung eines Gewerbes nach § 14 GewO."
    parent = factory.SubFactory(DepartmentPageFactory)

    class Meta:
        model = models.ProcessPage


class EmergencyScenarioPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stromausfall {n}")
    slug = factory.Sequence(lambda n: f"szenario-{n}")
    category = models.ScenarioCategory.POWER
    parent = factory.SubFactory(DepartmentPageFactory)

    class Meta:
        model = models.EmergencyScenarioPage


class DecisionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Beschluss {n}")
    slug = factory.Sequence(lambda n: f"beschluss-{n}")
    decision_number = factory.Sequence(lambda n: f"LK-2026-{n:02d}")
    meeting_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    parent = factory.SubFactory(CommitteeSectionPageFactory)

    class Meta:
        model = models.DecisionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Erfahrungsbericht {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    parent = factory.SubFactory(DepartmentPageFactory)

    class Meta:
        model = models.ArticlePage
