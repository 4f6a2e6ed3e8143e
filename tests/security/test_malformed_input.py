"""Hostile values in every query parameter our views read and in every integer URL segment
answer 400 or 404 (or a normal page that ignores them), never 500.

The integer URL segments are enumerated from the URL configuration, so a new view with an
``<int:…>`` segment is covered without editing this test."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from intranet.input_guards import parse_id
from prozesse.models import RegisterPage
from tests.factories import (
    DepartmentPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "99999999999999999999",
    "9223372036854775808",
    "-1",
    "Steuer\x00",
    "x" * 5000,
    "²",  # a digit to str.isdigit(), not to int()
    "１２３",  # full-width digits
    "\u202egnuldlemna",  # right-to-left override
    "🙂",
    "' OR 1=1 --",
    "1e309",
]
HUGE_IDS = ["99999999999999999999", "9223372036854775808", "18446744073709551616"]


@pytest.fixture
def admin_client(admin_user):
    """A superuser's client that answers a server error with 500 instead of raising it."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.fixture
def content():
    town = MunicipalityPageFactory(title="VG Diez", slug="vg-diez")
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro")
    person = PersonFactory(municipality=town, department=department)
    process = ProcessPageFactory(parent=department, title="Hundesteuer", content_owner=person)
    register = home_page().add_child(
        instance=RegisterPage(title="Prozessregister", slug="prozessregister")
    )
    return {
        "town": town,
        "department": department,
        "person": person,
        "process": process,
        "register": register,
    }


def _parameters_by_url(content) -> dict[str, list[str]]:
    from knowledge.models import Handover

    handover = Handover.objects.create(
        person=content["person"],
        reason=Handover._meta.get_field("reason").choices[0][0],
        last_working_day=datetime.date.today() + datetime.timedelta(days=30),
    )
    return {
        "/suche/": [
            "q",
            "seite",
            "sortierung",
            "kommune",
            "fachbereich",
            "typ",
            "status",
            "kategorie",
            "schlagwort",
        ],
        "/api/search/": [
            "q",
            "page",
            "seite",
            "page_size",
            "sort",
            "sortierung",
            "kommune",
            "fachbereich",
            "typ",
            "status",
            "kategorie",
            "schlagwort",
        ],
        "/api/search/suggest/": ["q"],
        "/api/v1/entries/": ["page", "page_size", "town", "department", "status", "type"],
        "/api/v1/processes/": ["page", "page_size", "town", "department", "status", "category"],
        "/api/v1/articles/": ["kind"],
        "/api/v1/departments/": ["town", "page"],
        "/wissen/personen/": ["thema", "seite"],
        content["register"].url: [
            "kommune",
            "fachbereich",
            "art",
            "status",
            "reifegrad",
            "schlagwort",
            "sortierung",
            "absteigend",
            "seite",
        ],
        content["town"].url: ["seite"],
        content["department"].url: ["seite"],
        content["process"].url: ["seite"],
        "/recht/": ["seite", "q"],
        "/admin/rollen/": ["fachbereich"],
        "/admin/wissen/gesundheit/": ["format"],
        "/admin/wissen/uebergaben/": ["seite", "p"],
        "/admin/wissen/uebergaben/neu/": ["person"],
        f"/admin/wissen/uebergaben/{handover.pk}/": ["bearbeiten"],
        "/admin/wissen/uebernahmen/": ["seite", "p"],
        "/admin/prozesse/processpage/": [
            "kommune",
            "fachbereich",
            "art",
            "status",
            "reifegrad",
            "schlagwort",
            "live",
            "q",
            "ordering",
            "p",
            "export",
        ],
        "/admin/snippets/prozesse/person/": ["municipality", "department", "q", "p", "ordering"],
    }


def test_hostile_query_parameters_never_cause_a_server_error(admin_client, content):
    failures = []
    for url, names in _parameters_by_url(content).items():
        for name in names:
            for value in HOSTILE_VALUES:
                response = admin_client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value[:30]!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


def _integer_routes(resolver: URLResolver = None, prefix: str = "") -> list[str]:
    """Every route of the URL configuration with an ``<int:…>`` segment, as a template."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += _integer_routes(entry, prefix + route)
        elif isinstance(entry, URLPattern) and "<int:" in prefix + route:
            routes.append(prefix + route)
    return routes


def test_the_enumeration_finds_our_own_integer_routes():
    routes = _integer_routes()
    assert "wissen/personen/<int:pk>/" in routes
    assert "admin/wissen/uebernehmen/<int:page_id>/" in routes


def test_an_id_beyond_the_database_range_in_any_url_is_not_a_server_error(admin_client, content):
    failures = []
    for route in _integer_routes():
        if not re.fullmatch(r"[\w/.<>:-]*", route):
            continue  # a regular-expression route; Wagtail's serve view takes any path
        for huge in HUGE_IDS:
            url = "/" + re.sub(r"<int:\w+>", huge, route)
            url = re.sub(r"<\w+:\w+>|<\w+>", "x", url)
            response = admin_client.get(url)
            if response.status_code >= 500:
                failures.append(f"{url}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        "/wissen/personen/99999999999999999999/",
        "/admin/wissen/uebernehmen/9223372036854775808/",
    ],
)
def test_an_id_beyond_the_database_range_is_not_found(admin_client, url):
    assert admin_client.get(url).status_code == 404


def test_feedback_on_a_page_id_beyond_the_database_range_is_not_found(admin_client):
    response = admin_client.post("/wissen/rueckmeldung/99999999999999999999/", {"text": "Hallo"})

    assert response.status_code == 404


def test_a_nul_byte_in_an_admin_list_parameter_is_a_bad_request_with_a_german_message(
    admin_client,
):
    response = admin_client.get("/admin/prozesse/processpage/", {"q": "Steuer\x00"})

    assert response.status_code == 400
    assert "Ungültiges Zeichen" in response.content.decode()


def test_a_nul_byte_in_a_path_is_a_bad_request(admin_client):
    assert admin_client.get("/wissen/personen/%00/").status_code == 400


def test_a_nul_byte_in_the_expert_finder_topic_is_answered_normally(admin_client):
    assert admin_client.get("/wissen/personen/", {"thema": "Steuer\x00"}).status_code == 200


def test_a_nul_byte_in_a_posted_form_is_refused_without_a_server_error(admin_client, content):
    response = admin_client.post(
        f"/wissen/rueckmeldung/{content['process'].pk}/", {"text": "Hallo\x00Welt"}
    )

    assert response.status_code < 500


def test_a_wrong_admin_list_filter_shows_the_list_again_with_a_german_message(admin_client):
    response = admin_client.get("/admin/prozesse/processpage/", {"reifegrad": "abc"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/prozesse/processpage/"
    assert "Filterangaben in der Adresse waren ungültig" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        ("9223372036854775807", 2**63 - 1),
        ("9223372036854775808", None),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("１２", None),
        (" 4", None),
        (None, None),
    ],
)
def test_an_id_parameter_is_read_only_from_ascii_digits_in_the_database_range(value, expected):
    assert parse_id(value) == expected
