"""A Content-Security-Policy on every response (django-csp): no inline scripts outside the
admin, and none in our own templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _script_sources(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


@pytest.fixture
def process():
    town = MunicipalityPageFactory(title="VG Diez")
    return ProcessPageFactory(parent=DepartmentPageFactory(parent=town), title="Hundesteuer")


def test_a_public_page_forbids_inline_scripts(staff_client, process):
    response = staff_client.get(process.url)

    assert response.status_code == 200
    assert _script_sources(response).split() == ["script-src", "'self'"]
    assert "object-src 'none'" in response["Content-Security-Policy"]


def test_the_login_page_carries_the_policy(client):
    assert "script-src 'self'" in client.get("/anmelden/")["Content-Security-Policy"]


def test_the_search_api_json_carries_the_policy(staff_client, search_backend):
    response = staff_client.get("/api/search/", {"q": "Hund"})

    assert response["Content-Type"].startswith("application/json")
    assert _script_sources(response).split() == ["script-src", "'self'"]


def test_a_not_found_page_carries_the_policy(staff_client):
    response = staff_client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert _script_sources(response).split() == ["script-src", "'self'"]


def test_the_admin_carries_the_policy_with_inline_scripts_allowed_only_there(admin_user_client):
    response = admin_user_client.get("/admin/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in _script_sources(response)
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_our_templates_contain_no_inline_script_and_no_event_handler_attribute():
    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER):
            offenders += [f"{template.name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []
