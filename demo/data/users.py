"""Demo accounts. The first two are documented in the README; the role accounts and every
group membership come from provisioning (``prozesse.workflows.provision_demo_roles``)."""

from __future__ import annotations

from demo.data.types import DemoUser

DEMO_USERS: list[DemoUser] = [
    DemoUser(
        username="admin",
        password="Demo-Admin-2026!",
        role="Administration (Superuser)",
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
        role="Mitarbeitende (nur lesen)",
        first_name="Julia",
        last_name="Hoffmann",
        email="julia.hoffmann@vg-diez.de",
        person="die-hoffmann",
    ),
]
