"""Read confirmations (Kenntnisnahme): asking readers to confirm a released version.

* :func:`can_request_reading` – owners, deputies and the page's reviewers (its department's
  Freigabe group, for decisions the Lenkungskreis) may ask for confirmations;
* :func:`start_campaign` – asks the readers of towns, departments, groups and roles to confirm
  the page's live version; only readers who may view the page are asked, and an older campaign
  on the same page ends (a new release asks again);
* :func:`open_notice` – the notice a reader sees on the page, with what changed since the
  version they last confirmed (``knowledge.comparison.diff_versions``);
* :func:`confirm_reading` – one click; writes the audit record (:class:`ReadConfirmation`);
* :func:`campaign_status` – who confirmed which version, who is open, per department.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Revision

from knowledge.comparison import VersionDiff, diff_versions
from knowledge.models import ReadCampaign, ReadConfirmation, ReadRequest
from knowledge.reviews import user_persons
from knowledge.roles import approval_groups, is_reviewer_of, knowledge_managers
from prozesse.models import (
    CommitteeSectionPage,
    DepartmentPage,
    MunicipalityPage,
    MunicipalityStaffGroup,
    ProcessDeputy,
    RegisterEntryPage,
)
from prozesse.towns import may_act_for
from prozesse.visibility import Visibility, visibility_for

REQUEST_ACTION = "knowledge.read_requested"
CONFIRM_ACTION = "knowledge.read_confirmed"


# ---------------------------------------------------------------------------- who may ask


def can_request_reading(user, page) -> bool:
    """Owners, deputies and reviewers of a live page (and administrators) may ask for read
    confirmations; knowledge management only follows them (:func:`may_oversee`)."""
    if page is None or not page.live or not page.live_revision_id:
        return False
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    persons = user_persons(user)
    if persons and page.content_owner_id in persons:
        return True
    if persons and ProcessDeputy.objects.filter(page_id=page.pk, person_id__in=persons).exists():
        return True
    return is_reviewer_of(user, page)


def may_oversee(user, campaign: ReadCampaign, visibility: Visibility | None = None) -> bool:
    """Who may follow a campaign: whoever may ask for it on its page, whoever asked, and the
    knowledge management of the page's town – always only for a page they may see (in the
    admin; ``visibility`` saves computing it again for a list)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    page = campaign.page
    if page is None:
        return user.is_superuser or campaign.requested_by_id == user.pk
    visibility = visibility or visibility_for(user, for_admin=True)
    if not visibility.allows(page):
        return False
    if campaign.requested_by_id == user.pk or can_request_reading(user, page.specific_deferred):
        return True
    return user.has_perm("knowledge.add_handover") and may_act_for(user, page.municipality_id)


# ---------------------------------------------------------------------------- readers


def _town_of(page) -> MunicipalityPage | None:
    return page.municipality if page.municipality_id else None


def _role_users(role: str, page) -> Q:
    """Readers of a role: in the page's town (roles act in their own town), the Lenkungskreis
    across towns."""
    town = _town_of(page)
    departments = DepartmentPage.objects.descendant_of(town) if town else DepartmentPage.objects
    if role == "freigabe":
        groups = [g.pk for d in departments for g in approval_groups(d)]
        return Q(groups__in=groups)
    if role == "redaktion":
        reviewing = {g.pk for d in departments for g in approval_groups(d)}
        editing = GroupPagePermission.objects.filter(
            page__in=departments, permission__codename="change_page"
        ).values_list("group_id", flat=True)
        return Q(groups__in=set(editing) - reviewing)
    if role == "lenkungskreis":
        groups = [g.pk for s in CommitteeSectionPage.objects.all() for g in approval_groups(s)]
        return Q(groups__in=groups)
    if role == "wissen":
        return Q(pk__in=knowledge_managers(town).values("pk"))
    if role == "mitarbeitende":
        return _town_users(town) if town else Q(pk__in=[])
    return Q(pk__in=[])


def _town_users(town: MunicipalityPage) -> Q:
    staff = MunicipalityStaffGroup.objects.filter(municipality=town).values("group_id")
    return (
        Q(person__municipality=town)
        | Q(person__department__path__startswith=town.path)
        | Q(groups__in=staff)
    )


def _department_users(department: DepartmentPage) -> Q:
    anchored = GroupPagePermission.objects.filter(page=department).values("group_id")
    return Q(person__department=department) | Q(groups__in=anchored)


def candidate_readers(page, *, municipalities=(), departments=(), groups=(), roles=()) -> QuerySet:
    """Active accounts the targets name (before the visibility check)."""
    condition = Q(pk__in=[])
    for town in municipalities:
        condition |= _town_users(town)
    for department in departments:
        condition |= _department_users(department)
    if groups:
        condition |= Q(groups__in=[group.pk for group in groups])
    for role in roles:
        condition |= _role_users(role, page)
    return (
        get_user_model().objects.filter(is_active=True).filter(condition).distinct().order_by("pk")
    )


def readers(page, **targets) -> list:
    """The accounts the targets name who may view ``page`` (the one visibility rule)."""
    return [
        user
        for user in candidate_readers(page, **targets).select_related("person__department")
        if visibility_for(user).allows(page)
    ]


# ---------------------------------------------------------------------------- campaigns


def version_label(revision: Revision) -> str:
    return _("Stand %(date)s (Version %(id)d)") % {
        "date": timezone.localtime(revision.created_at).strftime("%d.%m.%Y"),
        "id": revision.pk,
    }


def _department_of(user, targeted=()) -> tuple[DepartmentPage | None, str, str]:
    """The reader's department and town: their person's, else the targeted department whose
    groups they belong to (editors and reviewers often have no person record)."""
    person = getattr(user, "person", None)
    department = person.department if person is not None and person.department_id else None
    if department is None and targeted:
        anchored = GroupPagePermission.objects.filter(
            page__in=targeted, group__in=user.groups.all()
        ).values_list("page_id", flat=True)
        department = next((d for d in targeted if d.pk in set(anchored)), None)
    town = ""
    if department is not None:
        parent = MunicipalityPage.objects.ancestor_of(department).first()
        town = parent.title if parent else ""
    elif person is not None and person.municipality_id:
        town = person.municipality.title
    return department, department.title if department else "", town


@transaction.atomic
def start_campaign(
    page,
    user,
    *,
    due_date: datetime.date,
    municipalities=(),
    departments=(),
    groups=(),
    roles=(),
    note: str = "",
) -> ReadCampaign:
    """Ask the targeted readers who may view ``page`` to confirm its live version. An older
    campaign on the page ends: its open readers are asked again by this one."""
    page = RegisterEntryPage.objects.select_for_update().get(pk=page.pk).specific
    if not can_request_reading(user, page):
        raise PermissionDenied(_("Sie dürfen für diese Seite keine Kenntnisnahme anfordern."))
    targets = {
        "municipalities": list(municipalities),
        "departments": list(departments),
        "groups": list(groups),
        "roles": list(roles),
    }
    if not any(targets.values()):
        raise ValidationError(_("Bitte wählen Sie aus, wer die Seite zur Kenntnis nehmen soll."))
    if due_date < timezone.localdate():
        raise ValidationError(
            _("Das Datum „Zur Kenntnis bis“ darf nicht in der Vergangenheit liegen.")
        )
    # Who asks has read it: the requester is not asked.
    found = [reader for reader in readers(page, **targets) if reader.pk != user.pk]
    if not found:
        raise ValidationError(
            _(
                "Die Auswahl erreicht niemanden, der diese Seite sehen darf. "
                "Bitte erweitern Sie sie."
            )
        )
    revision = Revision.objects.get(pk=page.live_revision_id)
    ReadCampaign.objects.filter(page=page, superseded=False).update(superseded=True)
    campaign = ReadCampaign.objects.create(
        page=page,
        page_title=page.title[:255],
        revision_id=revision.pk,
        version_label=version_label(revision),
        roles=targets["roles"],
        due_date=due_date,
        note=note[:1000],
        requested_by=user,
        requested_by_name=(user.get_full_name() or user.get_username())[:200],
    )
    campaign.municipalities.set(targets["municipalities"])
    campaign.departments.set(targets["departments"])
    campaign.groups.set(targets["groups"])
    rows = []
    for reader in found:
        department, department_name, town = _department_of(reader, targets["departments"])
        rows.append(
            ReadRequest(
                campaign=campaign,
                user=reader,
                department=department,
                department_name=department_name[:255],
                municipality_name=town[:255],
            )
        )
    ReadRequest.objects.bulk_create(rows)
    log(
        instance=page,
        action=REQUEST_ACTION,
        user=user,
        data={"campaign": campaign.pk, "version": campaign.version_label, "readers": len(rows)},
        content_changed=False,
    )
    return campaign


def open_requests(user) -> QuerySet[ReadRequest]:
    """The user's open read requests of running campaigns on live pages (not yet filtered by
    visibility: callers apply it to ``campaign__page``)."""
    if user is None or not user.is_authenticated:
        return ReadRequest.objects.none()
    return ReadRequest.objects.filter(
        user=user,
        confirmed_at__isnull=True,
        campaign__superseded=False,
        campaign__page__live=True,
    ).select_related("campaign__page")


# ---------------------------------------------------------------------------- the reader


@dataclass
class Notice:
    """What a reader sees on the page: the request and what changed since their last
    confirmed version (``diff`` is None when they never confirmed one)."""

    request: ReadRequest
    campaign: ReadCampaign
    previous: ReadConfirmation | None
    diff: VersionDiff | None
    previous_missing: bool = False


def _revision_object(revision_id: int):
    revision = Revision.objects.filter(pk=revision_id).first()
    return revision.as_object() if revision is not None else None


def open_notice(user, page) -> Notice | None:
    """The open request of ``user`` on ``page`` (a page they may view), with the difference
    to the version they last confirmed."""
    request = open_requests(user).filter(campaign__page_id=page.pk).order_by("-pk").first()
    if request is None:
        return None
    campaign = request.campaign
    previous = (
        ReadConfirmation.objects.filter(user=user, page_id=page.pk)
        .exclude(revision_id=campaign.revision_id)
        .order_by("-confirmed_at", "-pk")
        .first()
    )
    if previous is None:
        return Notice(request, campaign, None, None)
    then = _revision_object(previous.revision_id)
    now = _revision_object(campaign.revision_id) or page.specific
    if then is None:
        return Notice(request, campaign, previous, None, previous_missing=True)
    return Notice(request, campaign, previous, diff_versions(then, now))


def confirm_reading(campaign_id: int, user) -> tuple[ReadConfirmation, bool]:
    """Record that ``user`` read the campaign's version. Raises ``ReadRequest.DoesNotExist``
    when the user was not asked, the campaign ended or the page is out of their sight;
    confirming twice returns the first record (``created`` False)."""
    request = (
        ReadRequest.objects.select_related("campaign__page")
        .filter(
            campaign_id=campaign_id,
            user=user,
            campaign__superseded=False,
            campaign__page__live=True,
        )
        .first()
    )
    if request is None or not visibility_for(user).allows(request.campaign.page):
        raise ReadRequest.DoesNotExist
    campaign = request.campaign
    existing = ReadConfirmation.objects.filter(campaign=campaign, user=user).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            confirmation = ReadConfirmation.objects.create(
                campaign=campaign,
                user=user,
                user_name=(user.get_full_name() or user.get_username())[:200],
                page_id=campaign.page_id,
                page_title=campaign.page_title,
                revision_id=campaign.revision_id,
                version_label=campaign.version_label,
            )
            ReadRequest.objects.filter(pk=request.pk).update(confirmed_at=confirmation.confirmed_at)
    except IntegrityError:  # a second click at the same moment
        return ReadConfirmation.objects.get(campaign=campaign, user=user), False
    log(
        instance=campaign.page,
        action=CONFIRM_ACTION,
        user=user,
        data={"campaign": campaign.pk, "version": campaign.version_label},
        content_changed=False,
    )
    return confirmation, True


# ---------------------------------------------------------------------------- figures


@dataclass
class DepartmentFigures:
    name: str
    total: int = 0
    confirmed: int = 0

    @property
    def open(self) -> int:
        return self.total - self.confirmed

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.total) if self.total else 0


@dataclass
class CampaignStatus:
    campaign: ReadCampaign
    rows: list[ReadRequest]
    departments: list[DepartmentFigures] = field(default_factory=list)
    total: DepartmentFigures = field(default_factory=lambda: DepartmentFigures(""))


def campaign_status(campaign: ReadCampaign) -> CampaignStatus:
    """Every asked reader with the version they confirmed, and the figures per department."""
    rows = list(
        campaign.requests.select_related("user").order_by(
            "municipality_name", "department_name", "user__last_name", "user__username"
        )
    )
    confirmations = {c.user_id: c for c in ReadConfirmation.objects.filter(campaign=campaign)}
    figures: dict[str, DepartmentFigures] = {}
    total = DepartmentFigures(_("Alle"))
    for row in rows:
        row.confirmation = confirmations.get(row.user_id)
        label = " – ".join(
            part for part in (row.municipality_name, row.department_name) if part
        ) or _("ohne Fachbereich")
        row.department_label = label
        entry = figures.setdefault(label, DepartmentFigures(label))
        for bucket in (entry, total):
            bucket.total += 1
            bucket.confirmed += row.confirmed_at is not None
    return CampaignStatus(campaign, rows, sorted(figures.values(), key=lambda f: f.name), total)


def campaigns_overseen(user) -> list[ReadCampaign]:
    """The campaigns ``user`` may follow (see :func:`may_oversee`), newest first."""
    visibility = visibility_for(user, for_admin=True)
    campaigns = visibility.apply(
        ReadCampaign.objects.filter(page__isnull=False), "page__"
    ).select_related("page__municipality")
    if user.is_superuser:
        campaigns = ReadCampaign.objects.select_related("page__municipality")
    return [
        campaign
        for campaign in campaigns.order_by("-created_at", "-pk")
        if may_oversee(user, campaign, visibility)
    ]


def group_choices() -> QuerySet[Group]:
    return Group.objects.order_by("name")
