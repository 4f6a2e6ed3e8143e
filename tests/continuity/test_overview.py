"""The BIA overview per town: table, chart, findings and CSV – only what the reader may see,
only for towns they may look at."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from prozesse.roles.provisioning import provision_municipality
from tests.continuity.conftest import overview_user


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def test_the_overview_lists_the_towns_processes_with_rolled_up_recovery_times(world, reader_client):
    response = reader_client.get(reverse("continuity_bia:town", args=[world.town.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Meldewesen" in html and "Pässe" in html and "Gewerbe" not in html
    assert 'role="img"' in html and "<desc" in html  # the chart with its text alternative


def test_the_overview_names_the_inconsistent_recovery_time(world, reader_client):
    html = reader_client.get(reverse("continuity_bia:town", args=[world.town.pk])).content
    text = html.decode()
    # Meldewesen must run after 24 h but needs the system, back only after 72 h.
    assert "„Meldewesen“ soll nach 24 Stunden wieder laufen" in text
    assert "erst nach 72 Stunden wieder verfügbar" in text


def test_a_person_without_deputy_links_to_the_handover(world, reader_client):
    text = reader_client.get(reverse("continuity_bia:town", args=[world.town.pk])).content
    handover = reverse("knowledge_handovers:add") + f"?person={world.person.pk}"
    assert handover in text.decode()


def test_the_csv_has_one_row_per_visible_process_without_the_restricted_one(world, reader_client):
    response = reader_client.get(reverse("continuity_bia:csv", args=[world.town.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"Notruf", "Meldewesen", "Pässe", "Kita"}
    # Meldewesen: MTPD 24 ("hoch" after 1 day), RTO 24, effective 72, RPO 4.
    assert by_title["Meldewesen"][5:9] == ["24", "24", "72", "4"]


def test_the_restricted_process_is_in_the_overview_of_those_who_may_see_it(world, client):
    client.force_login(overview_user(world.crisis))
    response = client.get(reverse("continuity_bia:csv", args=[world.town.pk]))
    assert "Verschlusssache" in response.content.decode("utf-8-sig")


def test_a_town_one_may_not_look_at_does_not_exist(world, client):
    other = provision_municipality(world.other_town, [("Ordnungsamt II", "OA2")])[0]
    editor = overview_user()
    editor.user_permissions.clear()
    editor.groups.add(other.editors)
    client.force_login(editor)
    assert client.get(reverse("continuity_bia:town", args=[world.town.pk])).status_code == 404
    assert client.get(reverse("continuity_bia:town", args=[world.other_town.pk])).status_code == 200


def test_staff_without_the_permission_are_turned_away(world, client):
    client.force_login(overview_user())
    client.logout()
    response = client.get(reverse("continuity_bia:town", args=[world.town.pk]))
    assert response.status_code == 302
