"""factory_boy factories for the register's entry pages: processes, emergency scenarios,
decisions and articles (each under a fresh department or committee section by default)."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from prozesse import models
from tests.factories.organisation import CommitteeSectionPageFactory, DepartmentPageFactory


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
