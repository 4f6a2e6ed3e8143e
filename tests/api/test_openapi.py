"""The OpenAPI description of the read API is served (to token holders and signed-in browsers)
and lists every endpoint and both ways to authenticate; the HTML description is an intranet
page served from bundled files (no CDN)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/entries/",
    "/api/v1/processes/",
    "/api/v1/processes/{page_id}/",
    "/api/v1/scenarios/",
    "/api/v1/scenarios/{page_id}/",
    "/api/v1/decisions/",
    "/api/v1/decisions/{page_id}/",
    "/api/v1/articles/",
    "/api/v1/articles/{page_id}/",
    "/api/v1/towns/",
    "/api/v1/towns/{page_id}/",
    "/api/v1/departments/",
    "/api/v1/departments/{page_id}/",
}


def test_the_openapi_document_lists_every_endpoint_read_only(world, token_client):
    response = token_client("talheim").get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Prozessregister – Lese-API"
    assert set(document["paths"]) == ENDPOINTS
    assert {method for path in document["paths"].values() for method in path} == {"get"}
    schemes = document["components"]["securitySchemes"].values()
    assert {"type": "http", "scheme": "bearer"} in schemes
    assert any(scheme.get("in") == "cookie" for scheme in schemes)
    process = document["components"]["schemas"]["Process"]["properties"]
    assert {"register_key", "steps", "legal_bases", "related_processes"} <= set(process)


def test_the_openapi_document_needs_a_token_or_a_session(world):
    assert Client().get("/api/v1/openapi.json").status_code == 401
    client = Client()
    client.force_login(world.user("talheim"))
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_html_description_is_an_intranet_page_without_a_cdn(world):
    anonymous = Client().get("/api/v1/docs")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/anmelden/")
    client = Client()
    client.force_login(world.user("talheim"))
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html
