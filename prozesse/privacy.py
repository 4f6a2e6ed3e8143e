"""Who may read a page: town- and department-private content set by the department itself.

Editors and reviewers of a department restrict a page (and with it its subpages) to an
audience without an administrator: their town's staff ("Mitarbeitende <Kommune>"), their
department (the groups holding page rights on it) or chosen groups of their town. The rule that
then keeps the page out of every listing is :mod:`prozesse.visibility`; this module only decides
who may set which audience and records each change in the page's history.

Who may set what:

- anyone who may edit the page may make it *narrower* (restrict an open page, or drop groups);
- making it *wider* (lifting a restriction, adding groups) needs the department's approval
  right (Freigabe) — it publishes content to more readers, so it takes a second role;
- administrators may do both, and keep Wagtail's own privacy dialog (which also offers a shared
  password).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, PageViewRestriction

from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.roles.definitions import STAFF_TOWN_NAME


class Audience:
    ALL = "alle"
    TOWN = "kommune"
    DEPARTMENT = "fachbereich"
    GROUPS = "gruppen"

    CHOICES = [
        (ALL, gettext_lazy("Alle Mitarbeitenden aller Kommunen")),
        (TOWN, gettext_lazy("Nur die Mitarbeitenden meiner Kommune")),
        (DEPARTMENT, gettext_lazy("Nur der Fachbereich (Redaktion und Freigabe)")),
        (GROUPS, gettext_lazy("Nur ausgewählte Gruppen meiner Kommune")),
    ]


@dataclass(frozen=True)
class Setting:
    """The page's own restriction, as an audience and its groups."""

    audience: str
    groups: frozenset[int]


def _municipality_of(page: Page) -> Page | None:

    if page.specific_class is MunicipalityPage:
        return page
    return MunicipalityPage.objects.ancestor_of(page).first()


def _department_of(page: Page) -> Page | None:

    if page.specific_class is DepartmentPage:
        return page
    return DepartmentPage.objects.ancestor_of(page).first()


def town_staff_group(page: Page) -> Group | None:
    town = _municipality_of(page)
    if town is None:
        return None
    return Group.objects.filter(name=STAFF_TOWN_NAME.format(municipality=town.title)).first()


def department_groups(page: Page) -> QuerySet[Group]:
    """The groups holding page rights on the page's department (its Redaktion and Freigabe)."""
    department = _department_of(page)
    if department is None:
        return Group.objects.none()
    return Group.objects.filter(
        pk__in=GroupPagePermission.objects.filter(page=department).values("group")
    ).order_by("name")


def choosable_groups(page: Page) -> QuerySet[Group]:
    """Groups of the page's town: its staff group and every group with page rights in it."""
    town = _municipality_of(page)
    if town is None:
        return Group.objects.none()
    holders = GroupPagePermission.objects.filter(page__path__startswith=town.path).values("group")
    staff = town_staff_group(page)
    condition = {"pk__in": holders}
    queryset = Group.objects.filter(**condition)
    if staff is not None:
        queryset = queryset | Group.objects.filter(pk=staff.pk)
    return queryset.distinct().order_by("name")


def available_audiences(page: Page) -> list[tuple[str, str]]:
    """The audiences that exist for the page (a town without its staff group offers none)."""
    missing = set()
    if town_staff_group(page) is None:
        missing.add(Audience.TOWN)
    if not department_groups(page).exists():
        missing.add(Audience.DEPARTMENT)
    if not choosable_groups(page).exists():
        missing.add(Audience.GROUPS)
    return [(key, label) for key, label in Audience.CHOICES if key not in missing]


def own_restriction(page: Page) -> PageViewRestriction | None:
    return PageViewRestriction.objects.filter(page=page).prefetch_related("groups").first()


def current_setting(page: Page) -> Setting:
    restriction = own_restriction(page)
    if restriction is None:
        return Setting(Audience.ALL, frozenset())
    groups = frozenset(restriction.groups.values_list("pk", flat=True))
    staff = town_staff_group(page)
    if staff is not None and groups == {staff.pk}:
        return Setting(Audience.TOWN, groups)
    if groups and groups == frozenset(department_groups(page).values_list("pk", flat=True)):
        return Setting(Audience.DEPARTMENT, groups)
    return Setting(Audience.GROUPS, groups)


def may_edit_audience(user, page: Page) -> bool:
    return page.permissions_for_user(user).can_edit()


def may_widen(user, page: Page) -> bool:
    """Approvers of the page's workflow (its department's Freigabe) and administrators."""
    if user.is_superuser:
        return True
    workflow = page.get_workflow()
    if workflow is None:
        return False
    approvers = GroupApprovalTask.objects.filter(
        workflow_tasks__workflow=workflow, active=True
    ).values("groups")
    return user.groups.filter(pk__in=approvers).exists()


def groups_for(page: Page, audience: str, chosen: list[Group]) -> frozenset[int]:
    if audience == Audience.ALL:
        return frozenset()
    if audience == Audience.TOWN:
        staff = town_staff_group(page)
        if staff is None:
            raise ValueError(_("Für diese Kommune gibt es keine Gruppe der Mitarbeitenden."))
        return frozenset({staff.pk})
    if audience == Audience.DEPARTMENT:
        groups = frozenset(department_groups(page).values_list("pk", flat=True))
        if not groups:
            raise ValueError(_("Dieser Fachbereich hat keine Redaktion und keine Freigabe."))
        return groups
    allowed = set(choosable_groups(page).values_list("pk", flat=True))
    picked = frozenset(group.pk for group in chosen)
    if not picked:
        raise ValueError(_("Bitte wählen Sie mindestens eine Gruppe."))
    if not picked <= allowed:
        raise ValueError(_("Diese Gruppe gehört nicht zu Ihrer Kommune."))
    return picked


def is_wider(before: Setting, audience: str, after_groups: frozenset[int]) -> bool:
    """Does the new audience reach anyone the old one did not? All staff ⊃ the town's staff ⊃
    any groups of the town; among chosen groups, adding one widens."""
    if before.audience == Audience.ALL:
        return False
    if audience == Audience.ALL:
        return True
    if before.audience == Audience.TOWN:
        return False
    if audience == Audience.TOWN:
        return True
    return not after_groups <= before.groups


@transaction.atomic
def set_audience(page: Page, user, audience: str, chosen: list[Group] = ()) -> Setting:
    """Restrict ``page`` (and its subpages) to ``audience``; record the change in its history.
    Raises PermissionDenied or ValueError (German message) for what the user may not do."""
    if not may_edit_audience(user, page):
        raise PermissionDenied(_("Sie dürfen diese Seite nicht bearbeiten."))
    before = current_setting(page)
    groups = groups_for(page, audience, list(chosen))
    if is_wider(before, audience, groups) and not may_widen(user, page):
        raise PermissionDenied(
            _(
                "Den Kreis der Lesenden erweitern darf nur die Freigabe des Fachbereichs. "
                "Einschränken dürfen Sie selbst."
            )
        )
    restriction = own_restriction(page)
    if not groups:
        if restriction is not None:
            restriction.delete(user=user)
        return Setting(Audience.ALL, frozenset())
    if restriction is None:
        restriction = PageViewRestriction(page=page)
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.password = ""
    restriction.save(user=user)
    restriction.groups.set(groups)
    return current_setting(page)


def audience_label(page: Page) -> str:
    """Plain German: who may read the page, including what its ancestors restrict."""
    restrictions = page.get_view_restrictions().exclude(restriction_type=PageViewRestriction.LOGIN)
    parts = []
    for restriction in restrictions.prefetch_related("groups"):
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            parts.append(_("wer das gemeinsame Passwort kennt"))
        else:
            parts.append(", ".join(sorted(group.name for group in restriction.groups.all())))
    if not parts:
        return _("Alle Mitarbeitenden aller Kommunen")
    return _("Nur: %(who)s") % {"who": " und ".join(parts)}
