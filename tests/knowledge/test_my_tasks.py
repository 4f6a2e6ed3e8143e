""" "Meine Aufgaben": every kind of work that waits for a user, through the visibility rule."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.my_tasks import SOURCES, Visibilities, tasks_for
from knowledge.revisions import set_review_dates
from prozesse.visibility import visibility_for
from tests.factories import FeedbackFactory
from tests.knowledge.reading_support import ask, reader, released_process
from tests.knowledge.support import today
from tests.prozesse.decision_support import decision_with_tasks

pytestmark = pytest.mark.django_db


def seen_by(user) -> Visibilities:
    return Visibilities(visibility_for(user), visibility_for(user, for_admin=True))


def titles(groups, kind: str) -> list[str]:
    return [item.title for group in groups if group.kind == kind for item in group.items]


@pytest.fixture
def busy(roles):
    """A reviewer of the department who also owns a page and reads: one item of every kind."""
    user = reader(roles.department, "Rita Rolle", roles.reviewers)
    colleague = reader(roles.department, "Carl Kollege", roles.reviewers)
    owned = released_process(roles, title="Hundesteuer", content_owner=user.person)
    set_review_dates(
        owned, last_reviewed_at=None, next_review_date=today() + datetime.timedelta(days=5)
    )
    FeedbackFactory(page=owned, title="Frage zur Frist", author_name="Nachbar", author=None)
    read = released_process(roles, title="Gewerbeanmeldung")
    ask(read, colleague, departments=[roles.department])
    editor = reader(roles.department, "Eva Edit", roles.editors)
    submitted = released_process(roles, title="Fundsachen")
    submitted.save_revision(user=editor)
    roles.workflow.start(submitted, editor)
    own = released_process(roles, title="Eigene Änderung")
    own.save_revision(user=user)
    roles.workflow.start(own, user)
    decision_with_tasks(
        {"title": "Poststelle umstellen", "responsible": user.person, "due_date": today()},
        {"title": "Schulung planen", "responsible": colleague.person},
    )
    return user


def test_a_user_holding_several_roles_sees_every_kind_of_work(busy):
    groups = tasks_for(busy, seen_by(busy))

    assert [group.kind for group in groups] == [kind for kind, _label, _source in SOURCES]
    assert titles(groups, "kenntnisnahme") == ["Gewerbeanmeldung"]
    assert titles(groups, "wiedervorlage") == ["Hundesteuer"]
    assert titles(groups, "freigabe") == ["Fundsachen"]
    assert titles(groups, "rueckmeldung") == ["Hundesteuer"]
    assert titles(groups, "beschluss") == ["Poststelle umstellen"]


def test_the_users_own_change_is_never_offered_for_approval(busy):
    assert "Eigene Änderung" not in titles(tasks_for(busy, seen_by(busy)), "freigabe")


def test_the_page_shows_the_groups_with_counts_and_due_dates(client, busy):
    client.force_login(busy)

    html = client.get(reverse("wissen:tasks")).content.decode()

    assert "<h1>Meine Aufgaben</h1>" in html
    assert "5 Aufgaben warten auf Sie." in html
    for label in (
        "Kenntnisnahmen",
        "Wiedervorlagen",
        "Freigaben",
        "Aufgaben aus Beschlüssen",
        "Rückmeldungen",
    ):
        assert f'{label} <span class="task-group__count">(1)</span>' in html
    due = (today() + datetime.timedelta(days=5)).strftime("%d.%m.%Y")
    assert f"fällig am {due}" in html


def test_items_are_sorted_by_due_date(roles, reviewer):
    anna = reader(roles.department, "Anna Arndt")
    late = released_process(roles, title="Spät")
    early = released_process(roles, title="Früh")
    ask(late, reviewer, departments=[roles.department], days=20)
    ask(early, reviewer, departments=[roles.department], days=2)

    assert titles(tasks_for(anna, seen_by(anna)), "kenntnisnahme") == ["Früh", "Spät"]


def test_nothing_from_a_page_the_user_may_not_see_is_listed(roles, reviewer):
    anna = reader(roles.department, "Anna Arndt")
    page = released_process(roles, title="Geheim")
    ask(page, reviewer, departments=[roles.department])
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([roles.reviewers])

    assert all(not group.items for group in tasks_for(anna, seen_by(anna)))


def test_every_signed_in_role_reaches_the_page_from_the_header(client, roles):
    staff = reader(roles.department, "Mia Mitarbeit")
    client.force_login(staff)

    home = client.get("/").content.decode()

    assert f'href="{reverse("wissen:tasks")}">Meine Aufgaben</a>' in home
    assert "Zurzeit wartet nichts auf Sie." in client.get(reverse("wissen:tasks")).content.decode()
