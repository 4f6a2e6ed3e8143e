"""Roles from the directory: apply the mapping to one account.

What a directory entry says (its groups, and the town of its directory or provider) becomes
the account's roles here, at every sign-in and in ``manage.py sync_directory``. Only the
groups the mapping manages are added or removed – the mapped roles, the staff groups of the
towns and "Mitarbeitende"; a group given by hand that no mapping row names is never touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext as _

from directory.models import DirectoryMapping
from prozesse.models import MunicipalityPage, MunicipalityStaffGroup
from prozesse.roles.definitions import STAFF_NAME

logger = logging.getLogger("directory")


@dataclass
class RoleDecision:
    """The roles an entry should have, and why."""

    town: MunicipalityPage | None
    groups: set[Group]
    unknown: list[str] = field(default_factory=list)
    rows: list[DirectoryMapping] = field(default_factory=list)
    #: Why the entry gets no role (town not determinable or ambiguous), German.
    problem: str = ""

    @property
    def take_contact_data(self) -> bool:
        return any(row.take_contact_data for row in self.rows)


def group_keys(identifier: str) -> set[str]:
    """The forms under which a directory group may appear in the mapping: the whole value and,
    for a DN, the value of its first part ("cn=nst-alle,ou=…" → "nst-alle")."""
    value = identifier.strip().lower()
    keys = {value}
    first = value.split(",", 1)[0]
    if "=" in first:
        keys.add(first.split("=", 1)[1].strip())
    if value.startswith("/"):  # Keycloak's full group path
        keys.add(value.rsplit("/", 1)[-1])
    return keys


def matching_rows(
    source: str, directory_groups: list[str]
) -> tuple[list[DirectoryMapping], list[str]]:
    """The mapping rows that apply to these groups, and the groups no row names."""
    rows = list(
        DirectoryMapping.objects.filter(Q(source="") | Q(source=source)).select_related(
            "group", "municipality"
        )
    )
    by_key: dict[str, list[DirectoryMapping]] = {}
    #: Rows given as a DN, by the value of its first part: a token's plain group name matches.
    by_name: dict[str, list[DirectoryMapping]] = {}
    for row in rows:
        value = row.directory_group.strip().lower()
        by_key.setdefault(value, []).append(row)
        for key in group_keys(value) - {value}:
            by_name.setdefault(key, []).append(row)
    found: list[DirectoryMapping] = []
    unknown: list[str] = []
    for identifier in directory_groups:
        value = identifier.strip().lower()
        hits = [row for key in group_keys(value) for row in by_key.get(key, [])]
        if "=" not in value:  # a plain name (token claim) also matches a row given as a DN
            hits += by_name.get(value.rsplit("/", 1)[-1], [])
        if hits:
            found.extend(row for row in hits if row not in found)
        else:
            unknown.append(identifier)
    return found, unknown


def staff_group_of(town: MunicipalityPage) -> Group | None:
    link = MunicipalityStaffGroup.objects.filter(municipality=town).select_related("group").first()
    return link.group if link is not None else None


def decide(source: str, directory_groups: list[str], town_code: str = "") -> RoleDecision:
    """The roles for an entry of ``source`` in ``directory_groups``. The town is the one of
    the directory or provider (``town_code``), else the one the mapped groups name; without
    exactly one town the entry gets no role."""
    rows, unknown = matching_rows(source, directory_groups)
    towns = {row.municipality for row in rows if row.municipality_id}
    if town_code:
        town = MunicipalityPage.objects.filter(code__iexact=town_code).first()
        if town is None:
            return RoleDecision(None, set(), unknown, rows, problem=_no_town_message())
        towns = {town}
    if len(towns) != 1:
        return RoleDecision(None, set(), unknown, rows, problem=_no_town_message(len(towns) > 1))
    town = next(iter(towns))
    groups = {row.group for row in rows if row.group_id}
    staff = staff_group_of(town)
    if staff is not None:
        groups.add(staff)
    everyone = Group.objects.filter(name=STAFF_NAME).first()
    if everyone is not None:
        groups.add(everyone)
    return RoleDecision(town, groups, unknown, rows)


def _no_town_message(ambiguous: bool = False) -> str:
    if ambiguous:
        return _(
            "Ihr Konto gehört laut Verzeichnis zu mehreren Kommunen. Bitte wenden Sie sich an "
            "die IT Ihrer Kommune, damit die Zuordnung eindeutig wird."
        )
    return _(
        "Zu Ihrem Konto ist keine Kommune hinterlegt, deshalb haben Sie noch keine Rechte im "
        "Intranet. Bitte wenden Sie sich an die IT Ihrer Kommune."
    )


def managed_groups() -> set[Group]:
    """Every group the mapping adds or removes: mapped roles, the towns' staff groups and
    "Mitarbeitende"."""
    ids = set(DirectoryMapping.objects.exclude(group=None).values_list("group_id", flat=True))
    ids |= set(MunicipalityStaffGroup.objects.values_list("group_id", flat=True))
    ids |= set(Group.objects.filter(name=STAFF_NAME).values_list("pk", flat=True))
    return set(Group.objects.filter(pk__in=ids))


def apply_roles(user, decision: RoleDecision, *, dry_run: bool = False) -> list[str]:
    """Bring the account's managed groups in line with ``decision``; the changes, in German."""
    current = set(user.groups.all()) if user.pk else set()
    managed = managed_groups()
    add = sorted(decision.groups - current, key=lambda g: g.name)
    remove = sorted((current & managed) - decision.groups, key=lambda g: g.name)
    changes = [f"{user.username}: Rolle „{g.name}“ hinzugefügt" for g in add]
    changes += [f"{user.username}: Rolle „{g.name}“ entzogen" for g in remove]
    if decision.unknown:
        logger.warning(
            "Directory groups of %s without a mapping row: %s",
            user.username,
            ", ".join(decision.unknown),
        )
    if decision.problem:
        logger.warning("No town for %s: %s", user.username, decision.problem)
    if not dry_run:
        user.groups.add(*add)
        user.groups.remove(*remove)
    return changes
