"""Who requests and who releases a town's handbook in the admin (the provisioned roles):
knowledge management of the town requests, the Lenkungskreis releases, the requester never."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prozesse.models import MunicipalityPage
from readiness.models import HandbookRelease, ReleaseStatus
from readiness.releases import request_release
from tests.roles.organisation import second_member

pytestmark = pytest.mark.django_db


def town(organisation) -> MunicipalityPage:
    return MunicipalityPage.objects.get(pk=organisation.municipality_ids["town"])


def test_knowledge_management_requests_a_release_of_its_town(client, db, organisation):
    client.force_login(organisation.users["wissen_kommune"])
    response = client.post(reverse("readiness_request", args=[town(organisation).pk]))
    assert response.status_code == 302
    assert HandbookRelease.objects.get().status == ReleaseStatus.REQUESTED


def test_knowledge_management_of_one_town_may_not_request_for_another(client, db, organisation):
    client.force_login(organisation.users["wissen_kommune"])
    other = organisation.municipality_ids["other_town"]
    assert client.post(reverse("readiness_request", args=[other])).status_code == 404
    assert not HandbookRelease.objects.exists()


def test_the_lenkungskreis_releases_what_knowledge_management_requested(client, db, organisation):
    request = request_release(town(organisation), organisation.users["wissen_kommune"])
    client.force_login(organisation.users["lenkungskreis"])
    client.post(reverse("readiness_decide", args=[request.pk]), {"action": "freigeben"})
    request.refresh_from_db()
    assert (request.status, request.version) == (ReleaseStatus.RELEASED, 1)


def test_a_lenkungskreis_member_who_requested_is_told_a_second_person_must_release(
    client, db, organisation
):
    member = organisation.users["lenkungskreis"]
    request = HandbookRelease.objects.create(municipality=town(organisation), requested_by=member)
    client.force_login(member)
    response = client.post(
        reverse("readiness_decide", args=[request.pk]), {"action": "freigeben"}, follow=True
    )
    assert "Eine zweite Person muss sie freigeben." in response.content.decode()
    request.refresh_from_db()
    assert request.status == ReleaseStatus.REQUESTED
    client.force_login(second_member(organisation, "lenkungskreis"))
    client.post(reverse("readiness_decide", args=[request.pk]), {"action": "freigeben"})
    request.refresh_from_db()
    assert request.status == ReleaseStatus.RELEASED


def test_a_rejection_needs_a_reason(client, db, organisation):
    request = request_release(town(organisation), organisation.users["wissen_kommune"])
    client.force_login(organisation.users["lenkungskreis"])
    response = client.post(
        reverse("readiness_decide", args=[request.pk]), {"action": "ablehnen"}, follow=True
    )
    assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
    request.refresh_from_db()
    assert request.status == ReleaseStatus.REQUESTED


def test_staff_without_admin_rights_do_not_reach_the_handbook_screen(client, db, organisation):
    client.force_login(organisation.users["mitarbeitende"])
    assert client.get(reverse("readiness_handbooks")).status_code in (302, 403)
