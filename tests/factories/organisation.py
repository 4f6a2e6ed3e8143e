"""factory_boy factories for the organisation's pages: municipalities, departments and the
committee section.

Pages are created in the tree with ``parent=...`` (wagtail-factories); by default a municipality
goes under the site's home page and a department under a fresh municipality.
"""

from __future__ import annotations

import factory
import wagtail_factories

from home.models import HomePage
from prozesse import models


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2)


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
