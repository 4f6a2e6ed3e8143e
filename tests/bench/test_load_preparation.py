"""The load test's moving parts that run in the project (bench/load): the accounts it prepares
through the provisioning functions, the page form it posts as a browser would, and the
Server-Timing header it reads. The locust run itself is measured by ``scripts/bench --load``,
never timed here."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page, WorkflowState

from bench.load.accounts import PASSWORD, prepare
from bench.load.page_form import page_form_data, with_changes
from bench.load.timing import ServerTimingMiddleware
from prozesse.models import ProcessPage
from tests.admin_forms import edit_url
from tests.builders import full_process

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]


def _as_post(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def process(organisation, db):
    return full_process(organisation.container("own"))


@pytest.fixture
def plan(process):
    return prepare(staff_count=3, editor_count=1)


def test_prepared_staff_belong_to_the_staff_group_of_their_town(plan):
    for account in plan.staff:
        user = get_user_model().objects.get(username=account.username)
        assert f"Mitarbeitende {account.town}" in set(user.groups.values_list("name", flat=True))


def test_prepared_editors_edit_pages_of_the_department_whose_editors_they_join(plan, process):
    (editor,) = plan.editors
    user = get_user_model().objects.get(username=editor.username)
    assert process.pk in editor.edit_page_ids
    department = process.get_parent()
    assert f"Redaktion {editor.town} – {department.title}" in set(
        user.groups.values_list("name", flat=True)
    )


def test_a_prepared_account_signs_in_under_the_production_password_hashers(plan, client, settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    assert client.login(username=plan.staff[0].username, password=PASSWORD)


def test_the_page_form_posted_as_a_browser_keeps_steps_and_legal_bases(admin_client, process):
    html = admin_client.get(edit_url(process)).content.decode()
    data = with_changes(page_form_data(html), summary="Kurzbeschreibung der Lastprobe")

    response = admin_client.post(edit_url(process), _as_post(data))

    assert response.status_code == 302
    draft = Page.objects.get(pk=process.pk).get_latest_revision().as_object()
    assert draft.summary == "Kurzbeschreibung der Lastprobe"
    assert [step.value["name"] for step in draft.steps] == [
        step.value["name"] for step in process.steps
    ]
    assert [step.value["it_system"] for step in draft.steps] == [
        step.value["it_system"] for step in process.steps
    ]
    assert [basis.value["norm"] for basis in draft.legal_bases] == [
        basis.value["norm"] for basis in process.legal_bases
    ]


def test_an_editor_submitting_the_browser_form_starts_the_departments_review(
    plan, client, settings, process
):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    (editor,) = plan.editors
    assert client.login(username=editor.username, password=PASSWORD)
    form = client.get(edit_url(process))
    assert form.status_code == 200
    html = form.content.decode()
    data = page_form_data(html, button="action-submit")

    response = client.post(edit_url(process), _as_post(data))

    assert response.status_code == 302
    state = WorkflowState.objects.active().get(object_id=str(process.pk))
    assert state.requested_by.username == editor.username
    assert ProcessPage.objects.get(pk=process.pk).live


def test_every_answer_carries_the_cpu_and_wall_time_of_its_request():
    middleware = ServerTimingMiddleware(lambda request: HttpResponse("ok"))

    response = middleware(RequestFactory().get("/"))

    metrics = dict(part.strip().split(";dur=") for part in response["Server-Timing"].split(","))
    assert set(metrics) == {"cpu", "app"}
    assert all(float(value) >= 0 for value in metrics.values())


def test_a_button_the_editor_is_not_offered_cannot_be_pressed(plan, client, settings, process):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    client.login(username=plan.editors[0].username, password=PASSWORD)
    html = client.get(edit_url(process)).content.decode()

    with pytest.raises(LookupError):
        page_form_data(html, button="action-publish")
