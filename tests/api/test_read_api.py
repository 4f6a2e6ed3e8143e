"""The read API answers each reader with their own register: two users with different
visibility get different listings, counts and details; hidden pages are 404 like missing ones."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def titles(data: dict) -> list[str]:
    return [item["title"] for item in data["items"]]


def test_two_towns_see_different_processes_and_counts(world, token_client):
    talheim = token_client("talheim").get("/api/v1/processes/").json()
    ufersheim = token_client("ufersheim").get("/api/v1/processes/").json()

    assert titles(talheim) == ["Gewerbeanmeldung", "Kassenanordnung", "Ordnungswidrigkeit"]
    assert talheim["count"] == 3
    assert titles(ufersheim) == ["Bauantrag intern", "Gewerbeanmeldung"]
    assert ufersheim["count"] == 2


def test_a_hidden_page_is_not_found_like_a_missing_one(world, token_client):
    client = token_client("ufersheim")
    hidden = client.get(f"/api/v1/processes/{world.page_ids['town_tal']}/")
    missing = client.get("/api/v1/processes/2147483000/")
    draft = client.get(f"/api/v1/processes/{world.page_ids['draft']}/")

    for response in (hidden, missing, draft):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Seite nicht gefunden."}
    visible = token_client("talheim").get(f"/api/v1/processes/{world.page_ids['town_tal']}/")
    assert visible.status_code == 200


def test_an_id_beyond_the_database_range_is_not_found(world, token_client):
    response = token_client("talheim").get("/api/v1/processes/99999999999999999999/")
    assert response.status_code == 404


def test_a_detail_shows_the_fields_and_only_visible_related_processes(world, token_client):
    page_id = world.page_ids["open"]
    talheim = token_client("talheim").get(f"/api/v1/processes/{page_id}/").json()
    ufersheim = token_client("ufersheim").get(f"/api/v1/processes/{page_id}/").json()

    assert talheim["title"] == "Gewerbeanmeldung"
    assert talheim["type"] == {"value": "prozess", "label": "Prozesssteckbrief"}
    assert talheim["status"] == {"value": "ist", "label": "Ist"}
    assert talheim["town"]["title"] == "VG Talheim"
    assert talheim["department"]["title"] == "Bürgerbüro"
    assert talheim["register_key"].startswith("TAL-BB-")
    assert talheim["url"].startswith("http://testserver/")
    assert talheim["api_url"] == f"http://testserver/api/v1/processes/{page_id}/"
    assert talheim["profile_pdf_url"].endswith("/export/pdf/")
    assert [p["title"] for p in talheim["related_processes"]] == ["Kassenanordnung"]
    assert [p["title"] for p in ufersheim["related_processes"]] == ["Bauantrag intern"]


def test_every_entry_type_with_type_filter_and_counts(world, token_client):
    client = token_client("talheim")
    everything = client.get("/api/v1/entries/", {"page_size": 200}).json()
    assert everything["count"] == 7  # 3 processes, 2 scenarios, 1 article, 1 decision
    scenarios = client.get("/api/v1/entries/", {"type": "notfallszenario"}).json()
    assert titles(scenarios) == ["Hochwasser", "Stromausfall"]
    unknown = client.get("/api/v1/entries/", {"type": "unsinn"}).json()
    assert unknown["count"] == 0

    ufersheim = token_client("ufersheim").get("/api/v1/entries/").json()
    assert ufersheim["count"] == 5  # 2 processes, 1 scenario, 1 article, 1 decision


def test_town_department_and_status_filters(world, token_client):
    client = token_client("talheim")
    in_oa = client.get("/api/v1/processes/", {"department": world.page_ids["oa"]}).json()
    assert titles(in_oa) == ["Ordnungswidrigkeit"]
    target = client.get("/api/v1/processes/", {"status": "soll"}).json()
    assert titles(target) == ["Kassenanordnung"]
    in_ufersheim = client.get("/api/v1/processes/", {"town": "vg-ufersheim"}).json()
    assert in_ufersheim["count"] == 0  # its only live process is for its own staff


def test_pages_of_a_listing(world, token_client):
    client = token_client("talheim")
    second = client.get("/api/v1/processes/", {"page": 2, "page_size": 2}).json()
    assert (second["count"], second["page"], second["pages"], second["page_size"]) == (3, 2, 2, 2)
    assert titles(second) == ["Ordnungswidrigkeit"]


def test_invalid_parameters_get_422_with_a_german_detail(world, token_client):
    response = token_client("talheim").get("/api/v1/processes/", {"page": 0, "page_size": 9999})
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Ungültige Angabe in: page, page_size."
    assert {error["parameter"] for error in data["errors"]} == {"page", "page_size"}


def test_towns_and_departments_follow_the_reader(world, token_client):
    talheim = token_client("talheim")
    ufersheim = token_client("ufersheim")
    assert titles(talheim.get("/api/v1/towns/").json()) == ["VG Talheim", "VG Ufersheim"]
    assert titles(talheim.get("/api/v1/departments/").json()) == [
        "Bauamt",
        "Bürgerbüro",
        "Ordnungsamt",
    ]
    assert titles(ufersheim.get("/api/v1/departments/").json()) == ["Bauamt", "Bürgerbüro"]
    assert ufersheim.get(f"/api/v1/departments/{world.page_ids['oa']}/").status_code == 404

    town = ufersheim.get(f"/api/v1/towns/{world.page_ids['talheim']}/").json()
    assert [d["title"] for d in town["departments"]] == ["Bürgerbüro"]
    department = talheim.get(f"/api/v1/departments/{world.page_ids['bb']}/").json()
    assert department["town"]["code"] == "TAL"
    assert department["entry_count"] == 4
    filtered = talheim.get("/api/v1/departments/", {"town": "vg-talheim"}).json()
    assert titles(filtered) == ["Bürgerbüro", "Ordnungsamt"]


def test_a_decision_names_only_what_the_reader_may_see(world, token_client):
    url = f"/api/v1/decisions/{world.page_ids['decision']}/"
    talheim = token_client("talheim").get(url).json()
    ufersheim = token_client("ufersheim").get(url).json()
    assert talheim["responsible_department"]["title"] == "Ordnungsamt"
    assert ufersheim["responsible_department"] is None
    assert [t["title"] for t in ufersheim["affected_towns"]] == ["VG Talheim", "VG Ufersheim"]


def test_scenario_and_article_details(world, token_client):
    client = token_client("ufersheim")
    scenario = client.get(f"/api/v1/scenarios/{world.page_ids['scenario']}/").json()
    assert scenario["category"] == {"value": "stromausfall", "label": "Stromausfall"}
    assert client.get(f"/api/v1/scenarios/{world.page_ids['scenario_tal']}/").status_code == 404
    article = client.get(f"/api/v1/articles/{world.page_ids['article']}/").json()
    assert article["town"]["code"] == "TAL"
    assert article["department"] is None
    listing = client.get("/api/v1/articles/").json()
    assert titles(listing) == ["Erfahrungen E-Akte"]


def test_a_signed_in_browser_reads_with_its_session(world):
    client = Client()
    client.force_login(world.user("ufersheim"))
    response = client.get("/api/v1/processes/")
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_index_lists_the_endpoints(world, token_client):
    data = token_client("talheim").get("/api/v1/").json()
    assert data["processes"] == "http://testserver/api/v1/processes/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"


def test_only_get_is_answered(world, token_client):
    assert token_client("talheim").post("/api/v1/processes/").status_code == 405
