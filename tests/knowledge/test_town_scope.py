"""Roles stay in their town: knowledge management of one town hands over, confirms and edits
people and IT systems of that town only; the central group acts for all towns. Over HTTP,
on roles made by provisioning alone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from knowledge.handover import execute_handover, start_handover
from knowledge.models import Feedback, Handover, HandoverItem
from prozesse.models import ITSystem, Person, ProcessPage
from prozesse.roles.provisioning import (
    provision_department_roles,
    provision_global_roles,
    provision_municipality_roles,
)
from tests.builders import publish
from tests.factories import (
    DepartmentPageFactory,
    ITSystemFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    """Two provisioned towns with one department each."""
    diez = MunicipalityPageFactory(title="VG Diez", code="DIE")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", code="MON")
    return {
        "diez": provision_department_roles(DepartmentPageFactory(parent=diez, code="BB")),
        "montabaur": provision_department_roles(DepartmentPageFactory(parent=montabaur, code="OA")),
    }


def town_of(roles):
    return roles.department.get_parent().specific


@pytest.fixture
def diez_manager(towns):
    """A member of "Wissensmanagement VG Diez", as provisioning sets it up."""
    user = UserFactory(username="wissen-diez")
    user.groups.add(provision_municipality_roles(town_of(towns["diez"])))
    return user


@pytest.fixture
def central_manager(towns):
    user = UserFactory(username="wissen-alle")
    user.groups.add(provision_global_roles()["wissen_alle"])
    return user


def person_of(roles, name):
    return PersonFactory(name=name, municipality=town_of(roles), department=roles.department)


# ------------------------------------------------------------------------------ handover


def test_a_town_cannot_start_a_handover_for_a_person_of_another_town(client, towns, diez_manager):
    leaving = person_of(towns["montabaur"], "Moritz Montabaur")
    client.force_login(diez_manager)

    response = client.post(
        reverse("knowledge_handovers:add"),
        {"person": leaving.pk, "reason": "ruhestand", "last_working_day": today().isoformat()},
    )

    assert response.status_code == 200
    assert "Diese Person gehört zu einer anderen Kommune." in response.content.decode()
    assert not Handover.objects.exists()


def test_a_town_cannot_open_or_execute_another_towns_handover(
    client, towns, diez_manager, central_manager
):
    leaving = person_of(towns["montabaur"], "Moritz Montabaur")
    page = publish(ProcessPageFactory(parent=towns["montabaur"].department, content_owner=leaving))
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=person_of(towns["montabaur"], "Nina Nachfolge"),
        user=central_manager,
    )
    client.force_login(diez_manager)

    for name in ("detail", "execute", "interview", "print"):
        response = client.get(reverse(f"knowledge_handovers:{name}", args=[handover.pk]))
        assert response.status_code in (302, 403), name
    client.post(reverse("knowledge_handovers:execute", args=[handover.pk]))

    assert not HandoverItem.objects.filter(handover=handover, done_at__isnull=False).exists()
    assert Page.objects.get(pk=page.pk).latest_revision_id == page.latest_revision_id
    listing = client.get(reverse("knowledge_handovers:index")).content.decode()
    assert "Moritz Montabaur" not in listing


def test_an_own_town_handover_publishes_nothing_and_leaves_revisions_in_moderation(
    client, towns, diez_manager
):
    diez = towns["diez"]
    leaving, successor = person_of(diez, "Sabine Krämer"), person_of(diez, "Julia Hoffmann")
    page = publish(ProcessPageFactory(parent=diez.department, content_owner=leaving))
    live_revision = page.live_revision_id
    client.force_login(diez_manager)

    response = client.post(
        reverse("knowledge_handovers:add"),
        {
            "person": leaving.pk,
            "reason": "ruhestand",
            "last_working_day": today().isoformat(),
            "default_successor": successor.pk,
        },
    )
    handover = Handover.objects.get(person=leaving)
    assert response.status_code == 302
    client.post(reverse("knowledge_handovers:execute", args=[handover.pk]))

    page = ProcessPage.objects.get(pk=page.pk)
    assert page.live_revision_id == live_revision and page.content_owner == leaving
    assert page.get_latest_revision_as_object().content_owner == successor
    assert page.workflow_in_progress
    detail = client.get(reverse("knowledge_handovers:detail", args=[handover.pk]))
    assert f"Freigabe „{diez.review_task.name}“" in detail.content.decode()


def test_the_central_group_hands_over_in_every_town(towns, central_manager):
    leaving = person_of(towns["montabaur"], "Moritz Montabaur")
    publish(ProcessPageFactory(parent=towns["montabaur"].department, content_owner=leaving))
    handover = start_handover(
        leaving,
        reason="ruhestand",
        last_working_day=today(),
        default_successor=person_of(towns["montabaur"], "Nina Nachfolge"),
        user=central_manager,
    )
    assert execute_handover(handover, central_manager).items == 1


# ------------------------------------------------------------------ confirming currency


def test_a_town_confirms_its_own_pages_but_not_another_towns(client, towns, diez_manager):
    own = publish(ProcessPageFactory(parent=towns["diez"].department))
    other = publish(ProcessPageFactory(parent=towns["montabaur"].department))
    client.force_login(diez_manager)

    assert client.get(reverse("knowledge_reviews:confirm", args=[own.pk])).status_code == 200
    response = client.post(reverse("knowledge_reviews:confirm", args=[other.pk]), {"note": ""})

    assert response.status_code in (302, 403)
    assert not PageLogEntry.objects.filter(page=other, action="knowledge.confirm_current").exists()


# ------------------------------------------------------------------ people, IT systems


def test_a_town_lists_and_edits_only_its_own_people(client, towns, diez_manager):
    own = person_of(towns["diez"], "Dora Diez")
    other = person_of(towns["montabaur"], "Moritz Montabaur")
    client.force_login(diez_manager)

    listing = client.get(reverse("wagtailsnippets_prozesse_person:list")).content.decode()
    assert "Dora Diez" in listing and "Moritz Montabaur" not in listing
    assert (
        client.get(reverse("wagtailsnippets_prozesse_person:edit", args=[own.pk])).status_code
        == 200
    )
    response = client.post(
        reverse("wagtailsnippets_prozesse_person:edit", args=[other.pk]),
        {"name": "Übernommen", "municipality": town_of(towns["diez"]).pk},
    )
    assert response.status_code in (302, 403)
    assert Person.objects.get(pk=other.pk).name == "Moritz Montabaur"
    delete = reverse("wagtailsnippets_prozesse_person:delete", args=[other.pk])
    assert client.post(delete).status_code in (302, 403)
    assert Person.objects.filter(pk=other.pk).exists()


def test_a_new_person_can_only_be_placed_in_the_users_own_town(client, towns, diez_manager):
    client.force_login(diez_manager)

    response = client.post(
        reverse("wagtailsnippets_prozesse_person:add"),
        {"name": "Neu in Montabaur", "municipality": town_of(towns["montabaur"]).pk},
    )

    assert response.status_code == 200  # the form answers with an error
    assert not Person.objects.filter(name="Neu in Montabaur").exists()


def test_shared_it_systems_are_listed_to_a_town_but_edited_only_centrally(
    client, towns, diez_manager, central_manager
):
    shared = ITSystemFactory(name="VOIS|MESO")
    own = ITSystemFactory(name="Diezer Kassenbuch", municipality=town_of(towns["diez"]))
    other = ITSystemFactory(name="Montabaurer Archiv", municipality=town_of(towns["montabaur"]))
    client.force_login(diez_manager)

    listing = client.get(reverse("wagtailsnippets_prozesse_itsystem:list")).content.decode()
    assert "VOIS|MESO" in listing and "Diezer Kassenbuch" in listing
    assert "Montabaurer Archiv" not in listing
    for system in (shared, other):
        url = reverse("wagtailsnippets_prozesse_itsystem:edit", args=[system.pk])
        assert client.get(url).status_code in (302, 403), system.name
    own_url = reverse("wagtailsnippets_prozesse_itsystem:edit", args=[own.pk])
    assert client.get(own_url).status_code == 200

    client.force_login(central_manager)
    shared_url = reverse("wagtailsnippets_prozesse_itsystem:edit", args=[shared.pk])
    assert client.get(shared_url).status_code == 200
    assert ITSystem.objects.count() == 3


# ---------------------------------------------------------------------------- feedback


def test_feedback_on_a_page_the_reader_may_not_view_is_answered_as_not_found(client, towns):
    page = publish(ProcessPageFactory(parent=towns["diez"].department))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(towns["diez"].reviewers)
    client.force_login(UserFactory())

    response = client.post(
        reverse("wissen:feedback", args=[page.pk]), {"kind": "kommentar", "text": "Geheim?"}
    )

    assert response.status_code == 404
    assert not Feedback.objects.filter(page=page).exists()
