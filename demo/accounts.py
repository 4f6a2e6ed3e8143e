"""The demo accounts' roles: ``provision_demo_roles`` provisions every role over the demo tree
with the same functions a real installation runs (``prozesse.roles.provisioning``), then
gives each demo account (``demo.data.DEMO_USERS``) its groups. ``DemoAccount`` is a
row of the account table seed_demo prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from demo.data import DEMO_USERS
from prozesse.models import CommitteeSectionPage, DepartmentPage
from prozesse.roles.provisioning import (
    provision_all,
    provision_committee_roles,
    provision_department_roles,
    provision_global_roles,
    provision_municipality_roles,
    provision_municipality_staff,
)
from prozesse.roles.report import ProvisioningError
from prozesse.roles.tree import municipality_of


@dataclass(frozen=True)
class DemoAccount:
    """A demo account as seed_demo prints it: the role is the name of its group, or the
    label of an account seed_demo makes itself."""

    username: str
    password: str
    name: str
    role: str


@transaction.atomic
def provision_demo_roles(department: DepartmentPage | None = None) -> list[DemoAccount]:
    """Provision every role over the existing tree, then one demo user per role (two for each
    approving role).

    Redaktion and Freigabe belong to ``department`` (default: the first department in the
    tree), Wissensmanagement to its municipality. Idempotent: existing demo users keep their
    accounts; password and group membership are set to the documented values. Returns the
    rows of the role accounts for the table that seed_demo prints.
    """
    provision_all()
    department = department or DepartmentPage.objects.order_by("path").first()
    if department is None:
        raise ProvisioningError("Es gibt noch keinen Fachbereich für die Demo-Rollen.")
    roles = provision_department_roles(department)
    globals_ = provision_global_roles()
    groups: dict[str, Group | None] = {
        "redaktion": roles.editors,
        "freigabe": roles.reviewers,
        "wissen_kommune": provision_municipality_roles(municipality_of(department)),
        **globals_,
    }
    section = CommitteeSectionPage.objects.order_by("path").first()
    groups["lenkungskreis"] = provision_committee_roles(section).members if section else None

    # Every demo account works in the demo department's town: "Mitarbeitende" and
    # "Mitarbeitende <Kommune>" besides its role group.
    town = municipality_of(department)
    staff = [globals_["mitarbeitende"]]
    if town is not None:
        staff.append(provision_municipality_staff(town))
    User = get_user_model()
    readers = [spec.username for spec in DEMO_USERS if spec.role == "mitarbeitende"]
    for user in User.objects.filter(username__in=readers):
        _set_groups(user, staff)

    accounts = []
    for spec in DEMO_USERS:
        group = groups.get(spec.role) if spec.joins_role_group else None
        if group is None:
            continue
        user, _ = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
            },
        )
        if not user.check_password(spec.password):
            user.set_password(spec.password)
            user.save()
        _set_groups(user, [group, *staff])
        accounts.append(DemoAccount(spec.username, spec.password, spec.name, group.name))
    return accounts


def _set_groups(user, groups: Sequence[Group]) -> None:
    if set(user.groups.values_list("pk", flat=True)) != {group.pk for group in groups}:
        user.groups.set(groups)
