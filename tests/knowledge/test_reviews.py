"""Review cadence: policy intervals, "Aktualität bestätigen", publications as reviews."""

from __future__ import annotations

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from knowledge.models import ReviewPolicy
from knowledge.reviews import confirm_current, interval_months
from knowledge.revisions import set_review_dates
from prozesse.models import EmergencyScenarioPage, ProcessPage
from tests.builders import admin_user, publish, save_draft
from tests.factories import (
    DecisionPageFactory,
    EmergencyScenarioPageFactory,
    PersonFactory,
    ProcessPageFactory,
)
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db


def months(n: int) -> datetime.date:
    return today() + relativedelta(months=n)


def overdue(page, days=10):
    set_review_dates(
        page,
        last_reviewed_at=None,
        next_review_date=today() - datetime.timedelta(days=days),
    )
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def owner():
    return PersonFactory(name="Uwe Hartmann")


@pytest.fixture
def process(roles, owner):
    return overdue(publish(ProcessPageFactory(parent=roles.department, content_owner=owner)))


def test_a_confirmation_sets_the_next_review_date_from_today_by_the_policy(
    process, knowledge_manager
):
    confirmation = confirm_current(process, knowledge_manager)
    process = ProcessPage.objects.get(pk=process.pk)
    assert confirmation.next_review_date == months(12)
    assert (process.last_reviewed_at, process.next_review_date) == (today(), months(12))


def test_a_confirmation_is_recorded_in_the_page_history_with_who_and_when(
    process, knowledge_manager
):
    confirm_current(process, knowledge_manager, note="Mit dem Team durchgesehen")
    entry = PageLogEntry.objects.get(page=process, action="knowledge.confirm_current")
    assert entry.user == knowledge_manager
    assert timezone.localdate(entry.timestamp) == today()
    assert entry.message == (
        f"Aktualität bestätigt; nächste Überprüfung am {months(12):%d.%m.%Y} – "
        "Mit dem Team durchgesehen"
    )


def test_a_confirmation_makes_no_revision_and_starts_no_workflow(process, knowledge_manager):
    revisions = Revision.objects.count()
    confirm_current(process, knowledge_manager)
    assert Revision.objects.count() == revisions
    assert not WorkflowState.objects.exists()


def test_a_confirmation_dates_a_pending_draft_without_publishing_it(
    process, knowledge_manager, roles
):
    save_draft(process, admin_user(None, roles.editors), summary="Entwurf")
    confirm_current(process, knowledge_manager)

    process = ProcessPage.objects.get(pk=process.pk)
    assert process.summary != "Entwurf" and process.has_unpublished_changes
    draft = process.latest_revision.as_object()
    assert (draft.summary, draft.next_review_date) == ("Entwurf", months(12))
    assert process.live_revision.as_object().next_review_date == months(12)
    process.latest_revision.publish()  # later approval of the draft keeps the new date
    assert ProcessPage.objects.get(pk=process.pk).next_review_date == months(12)


def test_a_page_that_is_not_published_cannot_be_confirmed(roles, knowledge_manager):
    page = ProcessPageFactory(parent=roles.department, live=False)
    with pytest.raises(PermissionDenied):
        confirm_current(page, knowledge_manager)


def test_a_scenario_with_an_alarm_chain_is_reviewed_at_the_shorter_alarm_chain_interval(roles):
    with_chain = EmergencyScenarioPageFactory(
        parent=roles.department,
        alarm_chain=[("entry", {"role": "Krisenstab", "person": PersonFactory()})],
    )
    without_chain = EmergencyScenarioPageFactory(parent=roles.department)
    assert interval_months(EmergencyScenarioPage.objects.get(pk=with_chain.pk)) == 3
    assert interval_months(without_chain) == 6


def test_a_page_interval_overrides_the_policy(roles):
    assert (
        interval_months(ProcessPageFactory(parent=roles.department, review_interval_months=2)) == 2
    )


def test_a_decision_is_reviewed_until_it_is_implemented(knowledge_manager):
    from knowledge.reviews import reviewable_entries

    open_decision = DecisionPageFactory(decision_status="in_umsetzung")
    done = DecisionPageFactory(decision_status="umgesetzt")
    entries = set(reviewable_entries().values_list("pk", flat=True))
    assert open_decision.pk in entries and done.pk not in entries


def test_a_new_page_gets_the_interval_knowledge_management_configured(roles):
    policy = ReviewPolicy.load()
    policy.process_months = 24
    policy.save()
    assert ProcessPageFactory(parent=roles.department).next_review_date == months(24)


def test_a_new_page_keeps_the_review_date_or_interval_its_editor_chose(roles):
    policy = ReviewPolicy.load()
    policy.process_months = 24
    policy.save()
    chosen = today() + datetime.timedelta(days=40)
    own_date = ProcessPageFactory(parent=roles.department, next_review_date=chosen)
    own_interval = ProcessPageFactory(parent=roles.department, review_interval_months=2)
    assert (own_date.next_review_date, own_interval.next_review_date) == (chosen, months(2))


def test_the_policy_rejects_an_escalation_to_the_group_before_the_deputy():
    policy = ReviewPolicy(escalate_deputy_days=30, escalate_group_days=10)
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert error.value.message_dict["escalate_group_days"] == [
        "Die Eskalation an die Freigabe kann nicht vor der Eskalation an die Vertretung liegen."
    ]


def test_publishing_a_reviewed_revision_counts_as_a_review(process):
    save_draft(process, summary="Überarbeitet").publish()
    process = ProcessPage.objects.get(pk=process.pk)
    assert (process.last_reviewed_at, process.next_review_date) == (today(), months(12))


def test_a_review_date_the_editor_sets_is_kept_on_publication(process):
    chosen = today() + datetime.timedelta(days=40)
    save_draft(process, summary="Überarbeitet", next_review_date=chosen).publish()
    assert ProcessPage.objects.get(pk=process.pk).next_review_date == chosen


def test_an_owner_confirms_through_the_admin(client, process, owner):
    client.force_login(admin_user(owner))
    url = reverse("knowledge_reviews:confirm", args=[process.pk])
    assert "Aktualität bestätigen" in client.get(url).content.decode()
    response = client.post(url, {"note": ""})
    assert response.status_code == 302
    assert ProcessPage.objects.get(pk=process.pk).next_review_date == months(12)


def test_a_reviewer_of_the_department_may_confirm(client, process, reviewer):
    client.force_login(reviewer)
    client.post(reverse("knowledge_reviews:confirm", args=[process.pk]))
    assert ProcessPage.objects.get(pk=process.pk).last_reviewed_at == today()


def test_someone_who_neither_owns_nor_reviews_the_page_cannot_confirm_it(client, process):
    client.force_login(admin_user(PersonFactory()))
    response = client.post(reverse("knowledge_reviews:confirm", args=[process.pk]))
    assert response.url == reverse("wagtailadmin_home")
    assert ProcessPage.objects.get(pk=process.pk).last_reviewed_at is None


def test_the_page_editor_offers_the_confirmation(admin_user_client, process):
    html = admin_user_client.get(reverse("wagtailadmin_pages:edit", args=[process.pk])).content
    assert reverse("knowledge_reviews:confirm", args=[process.pk]).encode() in html


def test_the_dashboard_lists_my_due_pages(client, process, owner):
    client.force_login(admin_user(owner))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Meine Wiedervorlagen" in html
    assert Page.objects.get(pk=process.pk).title in html
    assert "seit 10 Tagen überfällig" in html


def test_the_dashboard_lists_due_pages_of_the_departments_i_approve(client, process, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "In meinen Fachbereichen (Freigabe)" in html and process.title in html
