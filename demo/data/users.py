"""Every demo account with its documented password (README), in the order seed_demo prints
them. Group memberships come from provisioning (``demo.accounts``); production
modules hold no demo accounts."""

from __future__ import annotations

from demo.data.types import DemoUser

#: Role accounts' addresses (their people are not part of the demo organisation).
_ROLE_MAIL = "{}@prozessregister.example"

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        username="admin",
        password="Demo-Admin-2026!",
        role="administration",
        role_label="Administration (Superuser)",
        first_name="Stefan",
        last_name="Brühl",
        email="stefan.bruehl@vg-diez.de",
        is_superuser=True,
        is_staff=True,
        person="die-bruehl",
    ),
    DemoUser(
        username="mitarbeiterin",
        password="Demo-Lesen-2026!",
        role="mitarbeitende",
        role_label="Mitarbeitende (nur lesen)",
        first_name="Julia",
        last_name="Hoffmann",
        email="julia.hoffmann@vg-diez.de",
        person="die-hoffmann",
    ),
    # One account per role of the demo department, two for each approving role: four eyes
    # need a second person to approve what the first submits or edits.
    DemoUser(
        username="redaktion",
        password="Demo-Redaktion-2026!",
        role="redaktion",
        first_name="Rebecca",
        last_name="Roth",
        email=_ROLE_MAIL.format("redaktion"),
    ),
    DemoUser(
        username="freigabe",
        password="Demo-Freigabe-2026!",
        role="freigabe",
        first_name="Frank",
        last_name="Fischer",
        email=_ROLE_MAIL.format("freigabe"),
    ),
    DemoUser(
        username="freigabe2",
        password="Demo-Zweitfreigabe-2026!",
        role="freigabe",
        first_name="Fatma",
        last_name="Yilmaz",
        email=_ROLE_MAIL.format("freigabe2"),
    ),
    DemoUser(
        username="lenkungskreis",
        password="Demo-Lenkung-2026!",
        role="lenkungskreis",
        first_name="Lena",
        last_name="Krause",
        email=_ROLE_MAIL.format("lenkungskreis"),
    ),
    DemoUser(
        username="lenkungskreis2",
        password="Demo-Zweitlenkung-2026!",
        role="lenkungskreis",
        first_name="Lars",
        last_name="Berger",
        email=_ROLE_MAIL.format("lenkungskreis2"),
    ),
    DemoUser(
        username="wissen-kommune",
        password="Demo-Wissen-2026!",
        role="wissen_kommune",
        first_name="Wiebke",
        last_name="Wagner",
        email=_ROLE_MAIL.format("wissen-kommune"),
    ),
    DemoUser(
        username="wissen",
        password="Demo-Wissen-Alle-2026!",
        role="wissen_alle",
        first_name="Walter",
        last_name="Weiß",
        email=_ROLE_MAIL.format("wissen"),
    ),
)
