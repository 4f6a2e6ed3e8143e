"""The emergency kit: what the command writes, that it needs no server, that it holds only
what its recipient may see, its admin download, and the "Jetzt tun" selection."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from prozesse.act_now import act_now
from readiness.kit import CARD_ACTIONS
from tests.builders import admin_user
from tests.factories import PersonFactory, UserFactory
from tests.readiness.support import (
    days,
    restrict_to,
    scenario_in,
    staff_member,
    town_with_scenario,
)

pytestmark = pytest.mark.django_db


def kit(town, tmp_path, *args) -> zipfile.ZipFile:
    target = tmp_path / "kit.zip"
    call_command("export_emergency_kit", town.town.slug, str(target), *args)
    return zipfile.ZipFile(target)


def pages(archive: zipfile.ZipFile) -> dict[str, str]:
    return {
        name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".html")
    }


def test_the_kit_holds_an_index_a_page_and_a_card_per_scenario_and_the_handbook(tmp_path):
    town = town_with_scenario()
    names = set(kit(town, tmp_path).namelist())
    stem = f"{town.scenario.pk}-{town.scenario.slug}"
    root = f"notfallkoffer-{town.town.slug}"
    assert {
        f"{root}/index.html",
        f"{root}/szenarien/{stem}.html",
        f"{root}/pdf/jetzt-tun-{stem}.pdf",
        f"{root}/pdf/notfallhandbuch.pdf",
    } <= names


def test_the_kit_pages_refer_to_nothing_outside_the_kit(tmp_path):
    town = town_with_scenario()
    for name, html in pages(kit(town, tmp_path)).items():
        references = re.findall(r'(?:href|src|action)="([^"]*)"', html)
        assert references, name
        for reference in references:
            assert not re.match(r"^(/|[a-z]+:|//)", reference), (name, reference)
        assert "<link" not in html and "<script" not in html and "url(" not in html


def test_the_card_names_first_actions_and_whom_to_call_with_numbers(tmp_path):
    town = town_with_scenario()
    html = next(v for k, v in pages(kit(town, tmp_path)).items() if "szenarien/" in k)
    card = html.split('class="card"')[1].split("</section>")[0]
    assert "Notstromaggregat starten" in card
    assert "Jonas Weber" in card and "0170 1234567" in card
    assert "Carla Vertretung" in card and "06432 501-300" in card


def test_by_default_the_kit_leaves_out_what_not_all_staff_of_the_town_may_read(tmp_path):
    town = town_with_scenario()
    secret = scenario_in(town.department, title="Bombendrohung")
    restrict_to(secret, town.staff.__class__.objects.create(name="Krisenstab"))
    archive = kit(town, tmp_path)
    assert not any("Bombendrohung" in html for html in pages(archive).values())
    assert not any(str(secret.pk) in name for name in archive.namelist())


def test_the_kit_for_a_named_user_holds_what_that_user_may_see(tmp_path):
    town = town_with_scenario()
    crisis = town.staff.__class__.objects.create(name="Krisenstab")
    secret = scenario_in(town.department, title="Bombendrohung")
    restrict_to(secret, crisis)
    member = staff_member(town, username="krisenstab-mitglied")
    member.groups.add(crisis)
    archive = kit(town, tmp_path, "--als", "krisenstab-mitglied")
    assert any("Bombendrohung" in html for html in pages(archive).values())


def test_an_unknown_town_is_a_clear_german_error(tmp_path):
    with pytest.raises(CommandError, match="Kommune „nirgendwo“ nicht gefunden"):
        call_command("export_emergency_kit", "nirgendwo", str(tmp_path / "k.zip"))


def test_an_unknown_user_is_a_clear_german_error(tmp_path):
    town = town_with_scenario()
    with pytest.raises(CommandError, match="Kein aktives Benutzerkonto „niemand“"):
        call_command(
            "export_emergency_kit", town.town.slug, str(tmp_path / "k.zip"), "--als", "niemand"
        )


def test_the_admin_download_holds_what_the_requesting_user_may_see(client):
    town = town_with_scenario()
    secret = scenario_in(town.department, title="Bombendrohung")
    restrict_to(secret, town.staff.__class__.objects.create(name="Krisenstab"))
    user = admin_user()
    user.is_superuser = False
    user.save()
    user.groups.add(town.staff)
    manager = town.staff.__class__.objects.create(name="Wissensmanagement Talheim")
    GroupPagePermission.objects.create(
        group=manager, page=town.town, permission=Permission.objects.get(codename="lock_page")
    )
    manager.permissions.add(*Permission.objects.filter(codename="download_emergency_kit"))
    manager.permissions.add(*Permission.objects.filter(codename="request_handbook_release"))
    user.groups.add(manager)
    client.force_login(user)
    response = client.get(reverse("readiness_kit", args=[town.town.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    html = "".join(pages(archive).values())
    assert town.scenario.title in html and "Bombendrohung" not in html


def test_the_kit_download_of_another_town_is_not_found(client):
    town = town_with_scenario()
    client.force_login(admin_user())
    assert client.get(reverse("readiness_kit", args=[town.town.pk])).status_code == 404


def test_a_person_who_has_left_is_not_offered_and_the_deputy_takes_the_number():
    town = town_with_scenario()
    scenario = town.scenario
    gone = PersonFactory(name="Gerd Gegangen", left_on=days(-5))
    deputy = PersonFactory(name="Dora Da", phone="06432 777")
    scenario.alarm_chain = [
        ("entry", {"role": "IT", "person": gone, "substitute": deputy, "phone": "0170 9"})
    ]
    (call,) = act_now(scenario).calls
    assert (call.name, call.phone, call.substitute) == ("Dora Da", "0170 9", True)


def test_the_card_keeps_to_one_page_of_actions():
    town = town_with_scenario()
    scenario = town.scenario
    scenario.immediate_actions = [("action", f"Schritt {n}") for n in range(12)]
    found = act_now(scenario, actions=CARD_ACTIONS)
    assert (len(found.actions), found.more_actions) == (8, 4)


def test_nobody_without_the_right_gets_a_kit(client):
    town = town_with_scenario()
    client.force_login(UserFactory())
    assert client.get(reverse("readiness_kit", args=[town.town.pk])).status_code in (302, 403)
