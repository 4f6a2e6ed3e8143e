"""Every cell of the permission table (prozesse.roles.matrix.PERMISSION_MATRIX), checked through
the Wagtail admin over HTTP: roles × actions × scopes, on an organisation made by the
provisioning commands alone (see tests/roles/organisation.py).

The scopes are own department, other department of the own town, a department of another
town and the committee; the actions include approving someone else's submission and one's
own (four eyes), and the town-bound knowledge-management actions.

Each action is tried the way an editor would: by opening the page tree, posting the page form
(save, submit, publish), the workflow action, or the delete/move/unpublish views. A cell is
"allowed" when the action took effect (checked in the database), "denied" when it did not
and the admin answered with a redirect or 403, never with an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState

from knowledge.models import Handover
from prozesse.models import Person
from prozesse.roles.matrix import ACTIONS, PERMISSION_MATRIX, render_permission_table
from tests.admin_forms import add_url, admin_form, edit_url, opened_now
from tests.roles.organisation import ROLES, SCOPES, build_organisation, without_search_updates
from tests.services import module_transaction

README = Path(__file__).resolve().parents[2] / "README.md"
DENIED = (302, 403)


@pytest.fixture(scope="module")
def organisation(django_db_setup, django_db_blocker):
    with without_search_updates(), module_transaction(django_db_blocker):
        org = build_organisation()
        # The page forms, as the administrator's browser would post them; every role posts
        # the same data, so a denial is never caused by a form the role could not load.
        client = Client()
        client.force_login(org.users["administration"])
        for scope in SCOPES:
            org.forms["edit", scope] = admin_form(client, edit_url(org.live(scope)))
            org.forms["add", scope] = admin_form(
                client, add_url(org.child_model(scope), org.container(scope))
            )
        yield org


def posted(response, allowed: bool) -> None:
    """Denials are a redirect (to the user's own area or the login) or 403, never a crash."""
    if not allowed:
        assert response.status_code in DENIED, response.status_code
    else:
        assert response.status_code in (200, 302), response.status_code


# ----------------------------------------------------------------------------- actions
# Each returns whether the action took effect.


def view_in_admin(client, org, scope) -> bool:
    response = client.get(reverse("wagtailadmin_explore", args=[org.container_ids[scope]]))
    seen = response.status_code == 200 and org.live(scope).title in response.content.decode()
    posted(response, seen)
    return seen


def create(client, org, scope) -> bool:
    model = org.child_model(scope)
    title = f"Neu angelegt {scope}"
    changes = {"title": title, "slug": f"neu-{scope.replace('_', '-')}"}
    if scope == "committee":
        changes["decision_number"] = "LK-T-NEU"
    response = client.post(
        add_url(model, org.container(scope)), {**org.forms["add", scope], **changes}
    )
    created = Page.objects.child_of(org.container(scope)).filter(title=title).exists()
    posted(response, created)
    return created


def edit(client, org, scope) -> bool:
    page = org.live(scope)
    data = opened_now({**org.forms["edit", scope], "title": "Bearbeitet"}, page)
    response = client.post(edit_url(page), data)
    saved = Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == "Bearbeitet"
    posted(response, saved)
    return saved


def submit(client, org, scope) -> bool:
    page = org.live(scope)
    data = opened_now(
        {**org.forms["edit", scope], "title": "Eingereicht", "action-submit": "1"}, page
    )
    response = client.post(edit_url(page), data)
    submitted = Page.objects.get(pk=page.pk).workflow_in_progress
    posted(response, submitted)
    return submitted


def approve(client, org, scope) -> bool:
    page = org.pending(scope)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    approved = TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    if not approved:
        # The workflow view of a reviewer without this task answers 403.
        assert response.status_code in DENIED, response.status_code
    return approved


def publish(client, org, scope) -> bool:
    page = org.live(scope)
    data = opened_now(
        {**org.forms["edit", scope], "title": "Direkt veröffentlicht", "action-publish": "1"},
        page,
    )
    response = client.post(edit_url(page), data)
    published = Page.objects.get(pk=page.pk).title == "Direkt veröffentlicht"
    if response.status_code not in (200, 302):  # editors' forms fall back to saving a draft
        assert response.status_code in DENIED
    return published


def delete(client, org, scope) -> bool:
    page = org.live(scope)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    deleted = not Page.objects.filter(pk=page.pk).exists()
    posted(response, deleted)
    return deleted


def move(client, org, scope) -> bool:
    page = org.live(scope)
    response = client.get(reverse("wagtailadmin_pages:move", args=[page.pk]))
    can_move = response.status_code == 200
    posted(response, can_move)
    return can_move


def unpublish(client, org, scope) -> bool:
    page = org.live(scope)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    unpublished = not Page.objects.get(pk=page.pk).live
    posted(response, unpublished)
    return unpublished


def approve_own(client, org, scope) -> bool:
    """The role's user submits a change of its own in the scope, then tries to approve it."""
    actor = org.actor
    page = org.live(scope)
    page.title = "Selbst eingereicht"
    page.save_revision(user=actor)
    state = page.get_workflow().start(page, actor)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    approved = TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    if not approved:
        assert response.status_code in DENIED, response.status_code
    return approved


def confirm(client, org, scope) -> bool:
    page = org.live(scope)
    response = client.post(reverse("knowledge_reviews:confirm", args=[page.pk]), {"note": ""})
    confirmed = PageLogEntry.objects.filter(
        page_id=page.pk, action="knowledge.confirm_current"
    ).exists()
    posted(response, confirmed)
    return confirmed


def handover(client, org, scope) -> bool:
    person = org.person_ids[scope]
    response = client.post(
        reverse("knowledge_handovers:add"),
        {"person": person, "reason": "ruhestand", "last_working_day": "2026-12-31"},
    )
    started = Handover.objects.filter(person_id=person).exists()
    if not started:  # refused by the form (another town) or by the permission check
        assert response.status_code in (200, *DENIED), response.status_code
    return started


def edit_person(client, org, scope) -> bool:
    person = Person.objects.get(pk=org.person_ids[scope])
    response = client.post(
        reverse("wagtailsnippets_prozesse_person:edit", args=[person.pk]),
        {
            "name": "Umbenannt",
            "municipality": person.municipality_id or "",
            "department": person.department_id or "",
        },
    )
    edited = Person.objects.get(pk=person.pk).name == "Umbenannt"
    posted(response, edited)
    return edited


CHECKS = {
    "view": view_in_admin,
    "create": create,
    "edit": edit,
    "submit": submit,
    "approve": approve,
    "publish": publish,
    "delete": delete,
    "move": move,
    "unpublish": unpublish,
    "approve_own": approve_own,
    "confirm": confirm,
    "handover": handover,
    "edit_person": edit_person,
}
CELLS = [
    pytest.param(
        role,
        action,
        scope,
        id=f"{role}-{'may' if scope in PERMISSION_MATRIX[role][action] else 'may-not'}-"
        f"{action}-in-{scope}",
    )
    for role in ROLES
    for action in ACTIONS
    for scope in SCOPES
]


def test_every_action_of_the_table_is_checked():
    assert set(CHECKS) == set(ACTIONS)


@pytest.mark.parametrize(("role", "action", "scope"), CELLS)
def test_a_role_may_do_exactly_what_the_permission_table_says(
    organisation, db, client, role, action, scope
):
    client.force_login(organisation.users[role])
    organisation.actor = organisation.users[role]
    allowed = scope in PERMISSION_MATRIX[role][action]
    assert CHECKS[action](client, organisation, scope) is allowed


def test_the_readme_shows_the_permission_table_the_tests_check():
    assert render_permission_table() in README.read_text(encoding="utf-8"), (
        "README is out of date: paste the output of "
        "`manage.py provision_all --print-matrix` into its section "
        '"Rollen, Rechte und Freigabe"'
    )
