"""Support for the directory tests: the test directory of scripts/directory (two towns,
directory/fixtures/), a real installation of both towns made with the provisioning functions,
and the mapping rows an IT department would enter."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import ldap
import requests
from django.contrib.auth.models import Group

from directory.models import DirectoryMapping
from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles import provisioning
from tests.factories.organisation import MunicipalityPageFactory

SUFFIX = "dc=verwaltung,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "Verzeichnis-Test-2026"
PASSWORDS = {
    "anna.nord": "Anna-Nord-2026!",
    "bernd.nord": "Bernd-Nord-2026!",
    "clara.nord": "Clara-Nord-2026!",
    "dieter.nord": "Dieter-Nord-2026!",
    "eva.sued": "Eva-Sued-2026!",
    "frank.sued": "Frank-Sued-2026!",
    "gast.extern": "Gast-Extern-2026!",
}
LDAP_SOURCE = "ldap:kreis"


def user_dn(uid: str) -> str:
    town = "nordstadt" if uid.endswith(".nord") else "suedheim"
    if uid == "gast.extern":
        return f"uid={uid},ou=extern,{SUFFIX}"
    return f"uid={uid},ou=people,ou={town},{SUFFIX}"


def group_dn(cn: str) -> str:
    town = "nordstadt" if cn.startswith("nst") else "suedheim"
    return f"cn={cn},ou=groups,ou={town},{SUFFIX}"


def ldap_settings(url: str) -> dict:
    """The LDAP_* settings of the test directory, as README "Anmelden über das Verzeichnis"
    documents them for OpenLDAP."""
    return {
        "kreis": {
            "label": "Kreisverwaltung",
            "url": url,
            "user_base": SUFFIX,
            "user_filter": "(&(objectClass=inetOrgPerson)(uid=%(user)s))",
            "bind_dn": ROOT_DN,
            "bind_password": ROOT_PASSWORD,
            "active_filter": "(!(employeeType=deaktiviert))",
            "group_base": SUFFIX,
            "id_attribute": "entryUUID",
            "timeout": 3,
        }
    }


def admin_connection():
    conn = ldap.initialize(os.environ["DIRECTORY_LDAP_URL"])
    conn.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
    return conn


def set_attribute(dn: str, attribute: str, values: list[str] | None) -> None:
    """Change one attribute in the real directory (None removes it)."""
    conn = admin_connection()
    try:
        encoded = [value.encode() for value in values] if values else None
        conn.modify_s(dn, [(ldap.MOD_REPLACE, attribute, encoded)])
    finally:
        conn.unbind_s()


@dataclass
class Towns:
    north: MunicipalityPage
    south: MunicipalityPage
    north_building: DepartmentPage
    groups: dict[str, Group]


def build_towns() -> Towns:
    """Nordstadt (Bauamt) and Südheim, provisioned as a real installation, and the mapping."""
    north = MunicipalityPageFactory(title="Nordstadt", slug="nordstadt", code="NST")
    south = MunicipalityPageFactory(title="Südheim", slug="suedheim", code="SDH")
    (building,) = provisioning.provision_municipality(north, [("Bauamt", "BAU")])
    provisioning.provision_municipality(south)
    provisioning.provision_global_roles()
    groups = {
        "redaktion": building.editors,
        "freigabe": building.reviewers,
        "wissen_nord": provisioning.provision_municipality_roles(north),
        "wissen_sued": provisioning.provision_municipality_roles(south),
        "staff_nord": provisioning.municipality_staff_group(north),
        "staff_sued": provisioning.municipality_staff_group(south),
    }
    rows = [
        ("nst-alle", north, None),
        ("cn=nst-redaktion-bauamt,ou=groups,ou=nordstadt," + SUFFIX, None, building.editors),
        ("nst-freigabe-bauamt", None, building.reviewers),
        ("sdh-alle", south, None),
        ("sdh-wissen", None, groups["wissen_sued"]),
    ]
    for directory_group, town, group in rows:
        DirectoryMapping.objects.create(
            directory_group=directory_group, municipality=town, group=group
        )
    return Towns(north, south, building.department, groups)


# ------------------------------------------------------------------ Keycloak


def keycloak_settings(url: str) -> dict:
    """The OIDC_* settings of the two test realms, as README "Anmelden über das Verzeichnis"
    documents them for Keycloak."""
    return {
        key: {
            "label": label,
            "issuer": f"{url}/realms/{key}",
            "client_id": "intranet",
            "client_secret": f"intranet-{key}-test-secret",
            "town": code,
            "timeout": 10,
        }
        for key, label, code in (("nordstadt", "Nordstadt", "NST"), ("suedheim", "Südheim", "SDH"))
    }


def wait_for_keycloak(url: str, seconds: int = 240) -> None:
    """Keycloak starts in the background (scripts/directory); wait until its realm answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(f"{url}/realms/nordstadt", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"Keycloak at {url} does not answer after {seconds} s")
        time.sleep(1)


def direct_grant_id_token(url: str, client_id: str, secret: str, username: str, password: str):
    """An ID token straight from Keycloak's token endpoint (direct grant of a test client)."""
    response = requests.post(
        f"{url}/realms/nordstadt/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": client_id,
            "client_secret": secret,
            "username": username,
            "password": password,
            "scope": "openid",
        },
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["id_token"]
