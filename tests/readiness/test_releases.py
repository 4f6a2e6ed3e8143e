"""Released handbooks: four eyes, the frozen versioned PDF (table of contents with page numbers,
"Seite x von y"), the stale mark after a later publish, earlier versions and who may read them."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from prozesse.models.approval import OWN_SUBMISSION_MESSAGE
from readiness.audience import may_read_release
from readiness.models import HandbookRelease, ReleaseStatus
from readiness.releases import release_handbook, request_release
from tests.builders import publish
from tests.factories import UserFactory
from tests.readiness.support import restrict_to, scenario_in, staff_member, town_with_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return town_with_scenario()


@pytest.fixture
def requester():
    return UserFactory(is_superuser=True, username="notfallbeauftragte")


@pytest.fixture
def approver():
    return UserFactory(is_superuser=True, username="krisenstab")


def released(town, requester, approver) -> HandbookRelease:
    return release_handbook(request_release(town.town, requester, "Jahresfreigabe"), approver)


def pdf_text(release: HandbookRelease) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", release.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout


def test_nobody_releases_a_handbook_they_requested(town, requester):
    request = request_release(town.town, requester)
    with pytest.raises(PermissionDenied) as error:
        release_handbook(request, requester)
    assert str(error.value) == str(OWN_SUBMISSION_MESSAGE)
    assert HandbookRelease.objects.get().status == ReleaseStatus.REQUESTED


def test_a_second_person_releases_version_one_as_a_stored_pdf(town, requester, approver):
    release = released(town, requester, approver)
    assert (release.version, release.status, release.decided_by_name) == (
        1,
        ReleaseStatus.RELEASED,
        approver.get_full_name(),
    )
    assert release.file.read(4) == b"%PDF"
    assert town.scenario.pk in release.page_ids


def test_the_table_of_contents_names_the_page_each_scenario_starts_on(town, requester, approver):
    scenario_in(town.department, title="Hochwasser an der Lahn")
    text = pdf_text(released(town, requester, approver))
    pages = text.split("\f")
    toc = dict(re.findall(r"\d+\. (.+?) \.{3,}\s*(\d+)", pages[0]))
    assert set(toc) == {"Stromausfall im Rathaus", "Hochwasser an der Lahn"}
    for title, number in toc.items():
        assert re.search(rf"^\s*\d+\. {title}\s*$", pages[int(number) - 1], re.M), title


def test_every_page_says_which_of_how_many_it_is(town, requester, approver):
    pages = [p for p in pdf_text(released(town, requester, approver)).split("\f") if p.strip()]
    assert f"Seite 1 von {len(pages)}" in pages[0]
    assert f"Seite {len(pages)} von {len(pages)}" in pages[-1]


def test_the_cover_names_version_approver_and_dates(town, requester, approver):
    cover = pdf_text(released(town, requester, approver)).split("\f")[0]
    assert re.search(r"Version\s+1", cover)
    assert re.search(rf"Freigegeben von\s+{approver.get_full_name()}", cover)
    assert "Gedruckt am" in cover


def test_a_later_publish_of_a_contained_page_marks_the_handbook_stale(town, requester, approver):
    release = released(town, requester, approver)
    publish(town.scenario)
    release.refresh_from_db()
    assert release.stale_since is not None
    assert release.stale_label.startswith("veraltet seit ")
    assert release.stale_label.endswith("– „Stromausfall im Rathaus“ geändert")


def test_a_new_release_is_current_again_and_the_earlier_version_stays_downloadable(
    client, town, requester, approver
):
    first = released(town, requester, approver)
    publish(town.scenario)
    second = released(town, requester, approver)
    assert (second.version, second.stale_since) == (2, None)
    client.force_login(staff_member(town))
    response = client.get(reverse("readiness:release_pdf", args=[first.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    listing = client.get(reverse("readiness:releases", args=[town.town.slug])).content.decode()
    assert "Version 1 als PDF" in listing and "Version 2 als PDF" in listing


def test_a_page_only_a_narrower_group_may_read_is_left_out_of_the_release(
    town, requester, approver
):
    crisis = town.staff.__class__.objects.create(name="Krisenstab")
    secret = scenario_in(town.department, title="Bombendrohung")
    restrict_to(secret, crisis)
    release = released(town, requester, approver)
    assert secret.pk not in release.page_ids
    assert "Bombendrohung" not in pdf_text(release)


def test_a_version_is_absent_for_a_reader_who_may_no_longer_see_a_page_in_it(
    client, town, requester, approver
):
    release = released(town, requester, approver)
    restrict_to(town.scenario, town.staff.__class__.objects.create(name="Krisenstab"))
    reader = staff_member(town)
    assert not may_read_release(reader, release)
    client.force_login(reader)
    assert client.get(reverse("readiness:release_pdf", args=[release.pk])).status_code == 404


def test_staff_of_another_town_do_not_get_a_handbook_with_town_private_pages(
    town, requester, approver
):
    restrict_to(town.department, town.staff)
    release = released(town, requester, approver)
    other = town_with_scenario("Verbandsgemeinde Ufersheim")
    assert may_read_release(staff_member(town), release)
    assert not may_read_release(staff_member(other), release)


def test_a_released_pdf_is_not_served_from_the_media_folder(client, town, requester, approver):
    release = released(town, requester, approver)
    client.force_login(approver)
    assert client.get(f"/media/{release.file.name}").status_code == 404


def test_the_live_handbook_links_to_the_released_versions(client, town):
    client.force_login(staff_member(town))
    html = client.get(town.town.url + "notfallhandbuch/").content.decode()
    assert reverse("readiness:releases", args=[town.town.slug]) in html
