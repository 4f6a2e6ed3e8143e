"""The JSON search API: same results as the page, session or token, JSON errors."""

from __future__ import annotations

from api.tokens import create_token, default_valid_until


def test_an_anonymous_call_gets_401_json_not_the_login_page(client):
    response = client.get("/api/search/", {"q": "Gewerbe"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Anmeldung erforderlich" in response.json()["detail"]


def test_a_signed_in_user_gets_count_results_and_facets(register, staff_client):
    data = staff_client.get("/api/search/", {"q": "Hundesteuer"}).json()
    assert data["count"] == 1
    assert data["degraded"] is False
    result = data["results"][0]
    assert set(result) >= {
        "id", "title", "url", "type", "kommune", "fachbereich", "status", "snippet", "score",
    }  # fmt: skip
    assert result["id"] == register.hundesteuer.pk
    assert result["url"] == "http://testserver" + register.hundesteuer.url
    assert result["type"] == {"value": "prozess", "label": "Prozesssteckbrief"}
    assert result["kommune"] == {"value": "diez", "label": "Verbandsgemeinde Diez"}
    assert result["status"] == {"value": "ist", "label": "Ist"}
    assert "<mark>Hundesteuer</mark>" in result["snippet"]
    assert isinstance(result["score"], float)
    assert {"value": "diez", "label": "Verbandsgemeinde Diez", "count": 1, "selected": False} in (
        data["facets"]["kommune"]
    )


def test_the_filter_and_page_parameters_are_applied(register, staff_client):
    data = staff_client.get(
        "/api/search/", {"q": "Gewerbe", "kommune": "diez", "page": "2", "page_size": "2"}
    ).json()
    assert (data["count"], data["page"], data["pages"], len(data["results"])) == (3, 2, 2, 1)
    assert all(r["kommune"]["value"] == "diez" for r in data["results"])


def test_a_bearer_token_authenticates_without_a_session(register, client, staff_user):
    _token, plaintext = create_token(staff_user, "Test", default_valid_until())
    response = client.get(
        "/api/search/", {"q": "Hundesteuer"}, headers={"Authorization": f"Bearer {plaintext}"}
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_revoked_token_is_refused(client, staff_user):
    token, plaintext = create_token(staff_user, "Test", default_valid_until())
    token.revoke()
    response = client.get("/api/search/", headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 401


def test_a_made_up_token_is_refused(client):
    response = client.get("/api/search/", headers={"Authorization": "Bearer wagtail_nonsense"})
    assert response.status_code == 401


def test_the_api_accepts_only_get(staff_client):
    assert staff_client.post("/api/search/", {"q": "x"}).status_code == 405


def test_the_suggest_endpoint_completes_titles_from_a_prefix(register, staff_client):
    data = staff_client.get("/api/search/suggest/", {"q": "Hundest"}).json()
    assert data["results"] == [
        {
            "title": "Hundesteuer An- und Abmeldung",
            "url": register.hundesteuer.url,
            "type": "Prozesssteckbrief",
            "kommune": "Verbandsgemeinde Diez",
        }
    ]


def test_the_suggest_endpoint_folds_umlauts_both_ways(register, staff_client):
    with_umlaut = staff_client.get("/api/search/suggest/", {"q": "Übernah"}).json()["results"]
    without = staff_client.get("/api/search/suggest/", {"q": "Ubernah"}).json()["results"]
    assert [r["title"] for r in with_umlaut] == [register.beschluss.title]
    assert [r["title"] for r in without] == [register.beschluss.title]


def test_the_suggest_endpoint_completes_a_part_of_a_compound(register, staff_client):
    data = staff_client.get("/api/search/suggest/", {"q": "bescheid"}).json()
    assert [r["title"] for r in data["results"]] == ["Grundsteuerbescheid erstellen"]


def test_the_suggest_endpoint_needs_a_login_too(client):
    assert client.get("/api/search/suggest/", {"q": "Hund"}).status_code == 401
