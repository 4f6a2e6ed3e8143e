"""Ranking on the live node: among equally good matches the reader's own municipality comes
first, a page overdue for review comes after a current one, an archived one last."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from prozesse.models import ProcessPage
from prozesse.roles.provisioning import provision_municipality_staff
from prozesse.towns import home_town_ids
from search.service import search_register
from tests.builders import publish
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, ProcessPageFactory
from tests.factories.accounts import UserFactory

TEXT = "Baumfällgenehmigung im Stadtgebiet"


def twin(department, **fields) -> ProcessPage:
    """A process whose text is the same as its twins' (equally good matches)."""
    return publish(
        ProcessPageFactory(parent=department, title=TEXT, summary="Antrag und Prüfung.", **fields)
    )


@pytest.fixture
def towns(search_backend):
    diez = MunicipalityPageFactory(title="Verbandsgemeinde Diez", slug="diez")
    montabaur = MunicipalityPageFactory(title="Verbandsgemeinde Montabaur", slug="montabaur")
    pages = {
        "diez": twin(DepartmentPageFactory(parent=diez)),
        "montabaur": twin(DepartmentPageFactory(parent=montabaur)),
    }
    search_backend.refresh_indexes()
    return diez, montabaur, pages


def staff_of(municipality):
    user = UserFactory()
    user.groups.add(provision_municipality_staff(municipality))
    return user


def ranked_pks(user) -> list[int]:
    return [row.page.pk for row in search_register("Baumfällgenehmigung", user=user).results]


def test_staff_of_a_town_have_it_as_their_home_town(towns, db):
    diez, _montabaur, _pages = towns
    assert home_town_ids(staff_of(diez)) == {diez.pk}


@pytest.mark.parametrize("town", ["diez", "montabaur"])
def test_the_readers_own_town_ranks_first_among_equal_matches(towns, db, town):
    diez, montabaur, pages = towns
    reader = staff_of(diez if town == "diez" else montabaur)
    assert ranked_pks(reader)[0] == pages[town].pk


def test_an_administrator_has_no_home_town_to_favour(towns, db, admin_user):
    assert home_town_ids(admin_user) == set()


@pytest.fixture
def states(search_backend):
    department = DepartmentPageFactory()
    # Made worst first: among true ties the engine would list them in this order.
    archived = twin(department, status="archiviert")
    overdue = twin(department)
    current = twin(department)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # The form refuses a past date; a date that passed is what overdue means.
    ProcessPage.objects.filter(pk=overdue.pk).update(next_review_date=yesterday)
    # Re-index the overdue page, then the current one: a re-indexed document goes to the end
    # of the engine's order, so without the factors a tie would list overdue before current.
    for page in (overdue, current):
        search_backend.add(ProcessPage.objects.get(pk=page.pk))
    search_backend.refresh_indexes()
    return current, overdue, archived


def test_a_page_overdue_for_review_ranks_after_a_current_one(states, db, admin_user):
    current, overdue, _archived = states
    order = ranked_pks(admin_user)
    assert order.index(current.pk) < order.index(overdue.pk)


def test_an_archived_page_ranks_after_an_overdue_one(states, db, admin_user):
    _current, overdue, archived = states
    order = ranked_pks(admin_user)
    assert order.index(overdue.pk) < order.index(archived.pk)
