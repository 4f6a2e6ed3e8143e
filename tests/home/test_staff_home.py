"""The staff home page, led by tasks: search first, the town's emergency handbook, my town and
what changed there – never a page the reader may not see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from prozesse.roles.provisioning import provision_municipality_staff
from tests.builders import publish
from tests.factories import (
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    ProcessPageFactory,
    UserFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def diez():
    return MunicipalityPageFactory(title="VG Diez", slug="vg-diez")


@pytest.fixture
def montabaur():
    return MunicipalityPageFactory(title="VG Montabaur", slug="vg-montabaur")


@pytest.fixture
def reader(diez):
    user = UserFactory()
    user.groups.add(provision_municipality_staff(diez))
    return user


def home(client, user) -> str:
    client.force_login(user)
    return client.get(home_page().url).content.decode()


def test_the_search_comes_before_everything_else(client, reader):
    html = home(client, reader)
    main = html.split('id="inhalt"', 1)[1]
    assert main.index('id="home-search-q"') < main.index('id="notfall-heading"')


def test_the_emergency_entry_leads_to_my_towns_handbook(client, reader, diez, montabaur):
    html = home(client, reader)
    assert f'href="{diez.url}notfallhandbuch/"' in html
    assert f'href="{montabaur.url}notfallhandbuch/"' not in html


def test_the_emergency_entry_lists_my_towns_scenarios(client, reader, diez):
    department = DepartmentPageFactory(parent=diez)
    publish(EmergencyScenarioPageFactory(parent=department, title="Stromausfall Rathaus"))
    assert "Stromausfall Rathaus" in home(client, reader)


def test_my_town_is_named(client, reader):
    html = home(client, reader)
    assert "Meine Kommune" in html and "VG Diez" in html.split("Meine Kommune", 1)[1]


def test_recently_changed_shows_my_town_only(client, reader, diez, montabaur):
    publish(ProcessPageFactory(parent=DepartmentPageFactory(parent=diez), title="Hundesteuer"))
    publish(ProcessPageFactory(parent=DepartmentPageFactory(parent=montabaur), title="Fremdes"))
    recent = home(client, reader).split("Zuletzt geändert in meiner Kommune", 1)[1]
    recent = recent.split("</section>", 1)[0]
    assert "Hundesteuer" in recent and "Fremdes" not in recent


def test_recently_changed_leaves_out_a_page_the_reader_may_not_see(client, reader, diez):
    page = publish(
        ProcessPageFactory(parent=DepartmentPageFactory(parent=diez), title="Krisenstabsakte")
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Krisenstab"))
    assert "Krisenstabsakte" not in home(client, reader)


def test_a_reader_without_a_town_sees_every_towns_handbook(client, diez, montabaur):
    html = home(client, UserFactory())
    assert f'href="{diez.url}notfallhandbuch/"' in html
    assert f'href="{montabaur.url}notfallhandbuch/"' in html
    assert "Meine Kommune" not in html
