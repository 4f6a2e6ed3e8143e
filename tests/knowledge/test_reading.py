"""Read confirmations (Kenntnisnahme): who is asked, what they see, what is recorded, and how
bad input is answered. Built on a provisioned department (``roles``), not on demo data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import PageViewRestriction, Revision

from knowledge.models import ReadCampaign, ReadConfirmation, ReadRequest
from knowledge.reading import confirm_reading, open_notice, readers
from prozesse.roles.provisioning import provision_department_roles
from tests.builders import publish
from tests.factories import DepartmentPageFactory
from tests.knowledge.reading_support import ask, reader, release, released_process

pytestmark = pytest.mark.django_db

NOTICE = "Bitte zur Kenntnis nehmen"


@pytest.fixture
def other_roles(roles):
    """A second department of the same town."""
    town = roles.department.get_parent()
    return provision_department_roles(DepartmentPageFactory(parent=town, title="Ordnungsamt"))


@pytest.fixture
def page(roles):
    return released_process(roles, title="Gewerbeanmeldung", summary="Alte Fassung.")


# ------------------------------------------------------------------------- who is asked


def test_a_required_confirmation_reaches_exactly_the_staff_of_the_targeted_department(
    roles, other_roles, reviewer, page
):
    anna = reader(roles.department, "Anna Arndt")
    bert = reader(roles.department, "Bert Berg")
    reader(other_roles.department, "Olga Ott")

    campaign = ask(page, reviewer, departments=[roles.department])

    asked = set(campaign.requests.values_list("user__username", flat=True))
    # The reviewer who asks is not asked.
    assert asked == {anna.username, bert.username}


def test_readers_who_may_not_view_the_page_are_not_asked(roles, reviewer, page):
    insider = reader(roles.department, "Ines Innen", roles.editors)
    outsider = reader(roles.department, "Otto Außen")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([roles.editors, roles.reviewers])

    campaign = ask(page, reviewer, departments=[roles.department])

    asked = set(campaign.requests.values_list("user_id", flat=True))
    assert insider.pk in asked
    assert outsider.pk not in asked


def test_the_freigabe_role_reaches_the_reviewers_of_the_page_town_only(
    roles, other_roles, reviewer, page
):
    sibling_reviewer = reader(other_roles.department, "Sina Sommer", other_roles.reviewers)
    foreign = provision_department_roles(DepartmentPageFactory(title="Kasse"))
    foreign_reviewer = reader(foreign.department, "Fritz Fremd", foreign.reviewers)

    found = {user.pk for user in readers(page, roles=["freigabe"])}

    assert {reviewer.pk, sibling_reviewer.pk} <= found
    assert foreign_reviewer.pk not in found


def test_only_owners_deputies_and_reviewers_may_ask_for_confirmations(roles, page):
    editor = reader(roles.department, "Eva Edit", roles.editors)

    with pytest.raises(PermissionDenied):
        ask(page, editor, departments=[roles.department])

    owner = reader(roles.department, "Olaf Owner", roles.editors)
    page = release(page, content_owner=owner.person)

    assert ask(page, owner, departments=[roles.department]).requests.exists()


def test_a_selection_that_reaches_nobody_is_refused_in_german(roles, reviewer, page):
    empty = DepartmentPageFactory(parent=roles.department.get_parent(), title="Leer")

    with pytest.raises(ValidationError, match="erreicht niemanden"):
        ask(page, reviewer, departments=[empty])
    assert not ReadCampaign.objects.exists()


# ------------------------------------------------------------------------- the reader


def test_a_targeted_reader_sees_the_notice_on_the_page_and_others_do_not(
    client, roles, other_roles, reviewer, page
):
    anna = reader(roles.department, "Anna Arndt")
    olga = reader(other_roles.department, "Olga Ott")
    ask(page, reviewer, departments=[roles.department])

    client.force_login(anna)
    assert NOTICE in client.get(page.url).content.decode()
    assert "Zur Kenntnis genommen" in client.get(page.url).content.decode()
    client.force_login(olga)
    assert NOTICE not in client.get(page.url).content.decode()


def test_one_click_records_who_confirmed_which_version_and_when(client, roles, reviewer, page):
    anna = reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    client.force_login(anna)

    response = client.post(reverse("wissen:read_confirm", args=[campaign.pk]))

    assert response.status_code == 302
    record = ReadConfirmation.objects.get(user=anna)
    assert (record.page_id, record.revision_id) == (page.pk, page.live_revision_id)
    assert record.user_name == "Anna Arndt" and record.confirmed_at is not None
    assert NOTICE not in client.get(page.url).content.decode()


def test_a_new_release_asks_again_and_shows_what_changed_since_the_confirmed_version(
    client, roles, reviewer, page
):
    anna = reader(roles.department, "Anna Arndt")
    first = ask(page, reviewer, departments=[roles.department])
    confirm_reading(first.pk, anna)

    page = release(
        page,
        summary="Neue Fassung mit Online-Antrag.",
        steps=[("step", {"name": "Antrag online prüfen"})],
    )
    second = ask(page, reviewer, departments=[roles.department])

    notice = open_notice(anna, page)
    assert notice.campaign == second and notice.previous.revision_id == first.revision_id
    assert [change.label for change in notice.diff.fields] == ["Kurzbeschreibung"]
    assert [step.change for step in notice.diff.changed_steps] == ["added"]
    client.force_login(anna)
    html = client.get(page.url).content.decode()
    assert "Alte Fassung." in html and "Neue Fassung mit Online-Antrag." in html
    assert "Antrag online prüfen" in html
    assert ReadCampaign.objects.get(pk=first.pk).superseded


def test_the_difference_works_for_other_entry_types_too(roles, reviewer):
    from tests.factories import ArticlePageFactory  # reason: only this test needs articles

    article = publish(ArticlePageFactory(parent=roles.department, title="Urlaubsregeln"))
    anna = reader(roles.department, "Anna Arndt")
    confirm_reading(ask(article, reviewer, departments=[roles.department]).pk, anna)
    article = release(article, title="Urlaubsregeln 2027")
    ask(article, reviewer, departments=[roles.department])

    changes = open_notice(anna, article).diff.fields

    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Titel", "Urlaubsregeln", "Urlaubsregeln 2027")
    ]


# ------------------------------------------------------------------------- audit


def test_the_audit_record_survives_later_edits_deleted_revisions_and_a_deleted_page(
    roles, reviewer, page
):
    anna = reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    confirm_reading(campaign.pk, anna)
    version = campaign.version_label

    page = release(page, summary="Geändert.")
    Revision.page_revisions.filter(object_id=str(page.pk)).delete()
    page.delete()

    record = ReadConfirmation.objects.get(user=anna)
    assert record.version_label == version and record.revision_id == campaign.revision_id
    assert record.page_title == "Gewerbeanmeldung"


# ------------------------------------------------------------------------- bad input


def test_an_unknown_campaign_is_not_found(client, roles):
    client.force_login(reader(roles.department, "Anna Arndt"))

    assert client.post(reverse("wissen:read_confirm", args=[999999])).status_code == 404


def test_confirming_twice_keeps_one_record(client, roles, reviewer, page):
    anna = reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    client.force_login(anna)
    url = reverse("wissen:read_confirm", args=[campaign.pk])

    client.post(url)
    second = client.post(url, follow=True)

    assert second.status_code == 200
    assert "bereits zur Kenntnis genommen" in second.content.decode()
    assert ReadConfirmation.objects.filter(user=anna).count() == 1


def test_confirming_a_page_you_cannot_see_is_not_found(client, roles, reviewer, page):
    anna = reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([roles.reviewers])
    client.force_login(anna)

    assert client.post(reverse("wissen:read_confirm", args=[campaign.pk])).status_code == 404
    assert NOTICE not in client.get(reverse("wissen:tasks")).content.decode()
    assert not ReadConfirmation.objects.exists()


def test_confirming_a_campaign_you_were_not_asked_by_is_not_found(client, roles, reviewer, page):
    reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    stranger = reader(DepartmentPageFactory(), "Sven Fremd")
    client.force_login(stranger)

    assert client.post(reverse("wissen:read_confirm", args=[campaign.pk])).status_code == 404


def test_confirming_needs_a_post(client, roles, reviewer, page):
    anna = reader(roles.department, "Anna Arndt")
    campaign = ask(page, reviewer, departments=[roles.department])
    client.force_login(anna)

    assert client.get(reverse("wissen:read_confirm", args=[campaign.pk])).status_code == 405
    assert ReadRequest.objects.get(user=anna).confirmed_at is None
