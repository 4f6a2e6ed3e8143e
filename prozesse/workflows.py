"""Roles, rights and moderation workflows: provisioning of groups, page permissions and workflows.

The organisation is the page tree, so every role is plain Wagtail configuration anchored on a
page (see README, "Rollen, Rechte und Freigabe"):

- a department (``DepartmentPage``) gets two groups, "Redaktion <Kommune> – <Fachbereich>" and
  "Freigabe <Kommune> – <Fachbereich>", page permissions on its subtree and its own Workflow whose
  first step is a GroupApprovalTask for the Freigabe group;
- every department workflow has a second step, "Interkommunale Freigabe (Lenkungskreis)", that
  only applies to processes flagged "Interkommunal freigeben" and is skipped otherwise;
- the committee section (``CommitteeSectionPage``) gets the "Lenkungskreis" group and a workflow
  in which the Lenkungskreis approves its decisions;
- "Wissensmanagement <Kommune>" reads its municipality in the admin, "Wissensmanagement (alle
  Kommunen)" the whole tree; both manage people, IT systems and tags;
- "Mitarbeitende" read the published intranet and have no admin access.

The groups, tasks and workflows of departments, municipalities and committees are linked to
their page by Wagtail's own page-keyed relations (``WorkflowPage.page``,
``GroupPagePermission.page`` and the groups of the workflow's approval task), not by name:
renaming a page keeps everything attached, and publishing the renamed page (or provisioning
again) renames them. Only the few global objects – "Wissensmanagement (alle Kommunen)",
"Mitarbeitende" and the intermunicipal step – are found by their fixed names. Provisioning
sets the defined state and reports every change; a second run reports none. One function per
job, used by the management commands, the admin view and ``seed_demo`` (``demo.accounts``).

Every approval step it makes is a ``FourEyesApprovalTask`` (``prozesse.models.approval``): a
GroupApprovalTask in which nobody approves their own submission; a plain GroupApprovalTask
found in its place is converted (same row, history kept). The conditional intermunicipal step
is such a task that signal receivers below skip, and the last approval publishes through
``prozesse.workflow_finish`` (WAGTAIL_FINISH_WORKFLOW_ACTION).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import page_published

from prozesse.models import (
    CommitteeSectionPage,
    DepartmentPage,
    FourEyesApprovalTask,
    MunicipalityPage,
    MunicipalityStaffGroup,
)
from prozesse.validators import validate_ags, validate_code

# ---------------------------------------------------------------------------------- names

EDITORS_NAME = "Redaktion {municipality} – {department}"
REVIEWERS_NAME = "Freigabe {municipality} – {department}"
DEPARTMENT_WORKFLOW_NAME = "Freigabeprozess {municipality} – {department}"
KNOWLEDGE_NAME = "Wissensmanagement {municipality}"
KNOWLEDGE_ALL_NAME = "Wissensmanagement (alle Kommunen)"
STAFF_NAME = "Mitarbeitende"
#: All staff of one town (for town-private view restrictions), linked by MunicipalityStaffGroup.
STAFF_TOWN_NAME = "Mitarbeitende {municipality}"
COMMITTEE_WORKFLOW_NAME = "Freigabeprozess {committee}"
COMMITTEE_TASK_NAME = "Freigabe {committee}"
#: The conditional second step of every department workflow. Task names are read-only in
#: Wagtail's admin, so this name is the task's stable key.
INTERMUNICIPAL_TASK_NAME = "Interkommunale Freigabe (Lenkungskreis)"
INTERMUNICIPAL_SKIP_COMMENT = (
    "Entfällt: Der Inhalt ist nicht zur interkommunalen Freigabe markiert."
)
#: The field of a page (process) that makes the intermunicipal step apply.
INTERMUNICIPAL_FIELD = "share_intermunicipal"

# ---------------------------------------------------------------------------------- rights

#: Wagtail page permissions (codename ``<action>_page``) per role, granted on the anchor page
#: and inherited by its subtree. Nobody but administrators gets ``publish``: publishing
#: happens through approval. ``lock`` is the weakest page permission Wagtail has; it opens
#: the page tree for reading (Wagtail has no read-only page permission).
EDITOR_PAGE_ACTIONS = ("add", "change", "lock")
REVIEWER_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
COMMITTEE_PAGE_ACTIONS = ("add", "change", "lock", "unlock")
KNOWLEDGE_PAGE_ACTIONS = ("lock",)

ADMIN_ACCESS = ("wagtailadmin.access_admin",)
#: Django permissions of the knowledge-management groups: people, IT systems, tags.
KNOWLEDGE_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    *(
        f"{app}.{action}_{model}"
        for app, model in (("prozesse", "person"), ("prozesse", "itsystem"), ("taggit", "tag"))
        for action in ("add", "change", "delete", "view")
    ),
)
#: Permissions on the root collection, so editors can upload and choose images and documents.
EDITOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)

#: The Wagtail hook through which other apps add Django permissions to provisioned roles, so
#: this module needs to know nothing about them (``knowledge`` adds its dashboard, handover
#: and feedback rights). A hook function takes a role key of ``ROLES`` and returns
#: "app_label.codename" strings for it.
ROLE_PERMISSIONS_HOOK = "provision_role_permissions"


def contributed_permissions(role: str) -> tuple[str, ...]:
    """The Django permissions other apps registered for ``role`` (see ROLE_PERMISSIONS_HOOK)."""
    labels: list[str] = []
    for hook in hooks.get_hooks(ROLE_PERMISSIONS_HOOK):
        labels.extend(hook(role) or ())
    return tuple(dict.fromkeys(labels))


PERMISSION_LABELS = {
    "add": "Anlegen (eigene Seiten bearbeiten)",
    "change": "Bearbeiten",
    "lock": "Sperren",
    "unlock": "Sperren aufheben",
    "publish": "Veröffentlichen",
    "bulk_delete": "Mit Unterseiten löschen",
}


class ProvisioningError(Exception):
    """Input that provisioning cannot use; the message is meant for the administrator."""


@dataclass
class Report:
    """What provisioning changed, as readable German lines (empty: everything was in place)."""

    changes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.changes.append(message)

    def __bool__(self) -> bool:  # a report is "truthy" when something changed
        return bool(self.changes)


@dataclass
class DepartmentRoles:
    department: DepartmentPage
    editors: Group
    reviewers: Group
    workflow: Workflow
    review_task: GroupApprovalTask


@dataclass
class CommitteeRoles:
    section: CommitteeSectionPage
    members: Group
    workflow: Workflow
    task: GroupApprovalTask
    intermunicipal_task: GroupApprovalTask


# ================================================================================ tree helpers

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slug(text: str) -> str:
    """A URL slug that spells umlauts out ("Bürgerbüro" → "buergerbuero")."""
    return slugify(text.translate(_UMLAUTS))[:80].strip("-") or "fachbereich"


def derive_code(title: str, taken: Iterable[str] = ()) -> str:
    """A department code (2–8 capitals or digits) from its title, unique among ``taken``."""
    words = re.findall(r"[A-Z0-9]+", title.translate(_UMLAUTS).upper())
    if len(words) >= 2:
        base = "".join(word[0] for word in words)[:4]
    else:
        base = (words[0] if words else "FB")[:3]
    base = base.ljust(2, "X")
    taken = {code.upper() for code in taken}
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:6]}{number}"
        number += 1
    return candidate


def home_page() -> Page:
    """The page under which municipalities and committee sections live."""
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise ProvisioningError("Es gibt keine Startseite, unter der eingerichtet wird.")
        return site.root_page.specific
    return home


def find_municipality(reference: str) -> MunicipalityPage:
    """A municipality by code, AGS, slug or title (case-insensitive)."""
    reference = reference.strip()
    matches = list(
        MunicipalityPage.objects.filter(
            Q(code__iexact=reference)
            | Q(ags=reference)
            | Q(slug=reference)
            | Q(slug=german_slug(reference))
            | Q(title__iexact=reference)
        ).distinct()
    )
    if not matches:
        raise ProvisioningError(
            f"Keine Kommune „{reference}“ gefunden (gesucht nach Kürzel, AGS, Slug und Titel)."
        )
    if len(matches) > 1:
        names = ", ".join(f"{m.title} ({m.code})" for m in matches)
        raise ProvisioningError(f"„{reference}“ ist nicht eindeutig: {names}.")
    return matches[0]


def _municipality_of(page: Page) -> MunicipalityPage | None:
    return MunicipalityPage.objects.ancestor_of(page).first()


#: Set while provisioning publishes pages itself, so the rename receiver stays out of the way.
_provisioning = ContextVar("prozesse_provisioning", default=False)


def _publish(page: Page) -> None:
    token = _provisioning.set(True)
    try:
        page.save_revision(log_action=True).publish()
    finally:
        _provisioning.reset(token)


def ensure_municipality_page(
    reference: str,
    *,
    ags: str | None = None,
    code: str | None = None,
    kind: str | None = None,
    report: Report | None = None,
) -> MunicipalityPage:
    """The municipality ``reference`` names (code, AGS, slug or title; see
    ``find_municipality``), or a new one called ``reference`` when AGS and code are given.
    Existing municipalities are not changed (rename them in the admin)."""
    report = report if report is not None else Report()
    title = reference.strip()
    for candidate in filter(None, (code, ags, title)):
        try:
            return find_municipality(candidate)
        except ProvisioningError:
            continue
    if not (ags and code):
        raise ProvisioningError(
            f"Keine Kommune „{title}“ gefunden. Zum Anlegen --ags und --code angeben."
        )
    code = code.strip().upper()
    try:
        validate_ags(ags)
        validate_code(code)
    except ValidationError as error:
        raise ProvisioningError(_error_text(error)) from error
    if MunicipalityPage.objects.filter(Q(ags=ags) | Q(code=code)).exists():
        raise ProvisioningError(f"AGS {ags} oder Kürzel {code} gehört schon einer anderen Kommune.")
    municipality = MunicipalityPage(title=title, slug=german_slug(title), ags=ags, code=code)
    if kind:
        municipality.kind = kind
    home_page().add_child(instance=municipality)
    _publish(municipality)
    report.note(f"Kommune angelegt: {title} ({municipality.code}, AGS {ags})")
    return municipality


def ensure_department_page(
    municipality: MunicipalityPage,
    title: str,
    *,
    code: str | None = None,
    report: Report | None = None,
) -> DepartmentPage:
    """Find the department in the municipality by its code (without a code: by title or
    slug); create it if missing, rename it if the title differs (groups and workflow stay
    attached)."""
    report = report if report is not None else Report()
    title = title.strip()
    if not title:
        raise ProvisioningError("Der Name des Fachbereichs fehlt.")
    if code:
        code = code.strip().upper()
        try:
            validate_code(code)
        except ValidationError as error:
            raise ProvisioningError(_error_text(error)) from error
    siblings = DepartmentPage.objects.child_of(municipality)
    by_title = (
        siblings.filter(title__iexact=title).first()
        or siblings.filter(slug=german_slug(title)).first()
    )
    if code:
        # The code identifies the department: found by code it is renamed, never re-coded.
        department = siblings.filter(code=code).first()
        if department is None and by_title is not None:
            raise ProvisioningError(
                f"„{by_title.title}“ in {municipality.title} hat das Kürzel {by_title.code}, "
                f"nicht {code}. Ein Kürzel ändert man auf der Seite des Fachbereichs im Admin."
            )
    else:
        department = by_title
    if department is None:
        code = code or derive_code(title, siblings.values_list("code", flat=True))
        department = DepartmentPage(title=title, slug=german_slug(title), code=code)
        slug, number = department.slug, 2
        while Page.objects.child_of(municipality).filter(slug=department.slug).exists():
            department.slug = f"{slug}-{number}"
            number += 1
        municipality.add_child(instance=department)
        _publish(department)
        report.note(f"Fachbereich angelegt: {municipality.title} – {title} ({code})")
        return department
    if department.title != title:
        report.note(f"Fachbereich umbenannt ({municipality.title}): {department.title} → {title}")
        department.title = department.draft_title = title
        _publish(department)
    return department


def ensure_committee_section(
    title: str | None = None, *, report: Report | None = None
) -> CommitteeSectionPage:
    """The committee section called ``title``, or the only one; created under the home page."""
    report = report if report is not None else Report()
    sections = CommitteeSectionPage.objects.all()
    if title:
        section = (
            sections.filter(title__iexact=title).first()
            or sections.filter(slug=german_slug(title)).first()
        )
    else:
        section = sections.first() if sections.count() == 1 else None
        if section is None and sections.exists():
            raise ProvisioningError("Es gibt mehrere Gremien; bitte den Titel angeben.")
        title = "Lenkungskreis"
    if section is None:
        section = CommitteeSectionPage(title=title, slug=german_slug(title))
        home_page().add_child(instance=section)
        _publish(section)
        report.note(f"Gremium angelegt: {title}")
    return section


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# ================================================================ groups, rights, workflows


def _page_permissions() -> dict[str, Permission]:
    content_type = ContentType.objects.get_for_model(Page)
    return {
        permission.codename.removesuffix("_page"): permission
        for permission in Permission.objects.filter(content_type=content_type)
    }


def _permissions(labels: Iterable[str]) -> list[Permission]:
    """Permission objects for "app_label.codename" strings; unknown ones are skipped (a model
    may not be installed in every deployment)."""
    wanted = [label.split(".", 1) for label in labels]
    query = Q(pk__in=[])
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query).select_related("content_type"))


def _free_name(model, name: str, current_pk: int | None, disambiguation: str) -> str:
    """``name`` if no other object of ``model`` uses it, else ``name (disambiguation)``."""
    name = name[:150]
    others = model.objects.filter(name=name)
    if current_pk is not None:
        others = others.exclude(pk=current_pk)
    if not others.exists():
        return name
    return f"{name[: 150 - len(disambiguation) - 3]} ({disambiguation})"


def _ensure_named(
    obj, model, name: str, disambiguation: str, kind: str, report: Report, **create_kwargs
):
    """Create ``obj`` (if None) or rename it to ``name``; returns the object."""
    if obj is None:
        existing = Group.objects.filter(name=name).first() if model is Group else None
        if existing is not None and not existing.page_permissions.exists():
            # A group of that name that no page links to yet is adopted (e.g. created by hand).
            report.note(f"{kind} übernommen: {name}")
            return existing
        obj = model.objects.create(
            name=_free_name(model, name, None, disambiguation), **create_kwargs
        )
        report.note(f"{kind} angelegt: {obj.name}")
        return obj
    wanted = _free_name(model, name, obj.pk, disambiguation)
    if obj.name != wanted:
        report.note(f"{kind} umbenannt: {obj.name} → {wanted}")
        obj.name = wanted
        obj.save(update_fields=["name"])
    return obj


def _sync_page_permissions(
    group: Group, page: Page, actions: Sequence[str], report: Report
) -> None:
    """Exactly ``actions`` for ``group`` on ``page`` (other pages are left alone)."""
    by_action = _page_permissions()
    wanted = {by_action[action] for action in actions}
    existing = GroupPagePermission.objects.filter(group=group, page=page).select_related(
        "permission"
    )
    present = set()
    for grant in existing:
        if grant.permission in wanted:
            present.add(grant.permission)
            continue
        grant.delete()
        action = grant.permission.codename.removesuffix("_page")
        report.note(
            f"Seitenrecht entzogen: {group.name} – {PERMISSION_LABELS.get(action, action)} "
            f"auf „{page.title}“"
        )
    for action in actions:
        permission = by_action[action]
        if permission not in present:
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
            report.note(
                f"Seitenrecht erteilt: {group.name} – {PERMISSION_LABELS[action]} "
                f"auf „{page.title}“"
            )


def _grant_model_permissions(group: Group, labels: Sequence[str], report: Report) -> None:
    """At least these Django permissions (further ones an administrator added stay)."""
    missing = [
        permission
        for permission in _permissions(labels)
        if not group.permissions.filter(pk=permission.pk).exists()
    ]
    if missing:
        group.permissions.add(*missing)
        names = ", ".join(
            f"{p.content_type.app_label}.{p.codename}"
            for p in sorted(missing, key=lambda p: p.codename)
        )
        report.note(f"Rechte erteilt: {group.name} – {names}")


def _grant_collection_permissions(group: Group, labels: Sequence[str], report: Report) -> None:
    root = Collection.get_first_root_node()
    for permission in _permissions(labels):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
        if created:
            report.note(
                f"Sammlungsrecht erteilt: {group.name} – {permission.codename} auf „{root.name}“"
            )


def _sync_workflow_tasks(workflow: Workflow, tasks: Sequence[Task], report: Report) -> None:
    current = list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True))
    if current == [task.pk for task in tasks]:
        return
    workflow.workflow_tasks.all().delete()
    for position, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=position)
    report.note(f"Schritte von „{workflow.name}“: " + " → ".join(task.name for task in tasks))


def _sync_task_groups(task: GroupApprovalTask, groups: Sequence[Group], report: Report) -> None:
    if set(task.groups.values_list("pk", flat=True)) != {group.pk for group in groups}:
        task.groups.set(groups)
        report.note(f"Prüfgruppe von „{task.name}“: " + ", ".join(group.name for group in groups))


def _four_eyes(task: GroupApprovalTask, report: Report) -> FourEyesApprovalTask:
    """``task`` as a four-eyes step: a plain GroupApprovalTask is converted in place (same
    primary key, so its workflows, groups and task states stay attached)."""
    if isinstance(task, FourEyesApprovalTask):
        return task
    FourEyesApprovalTask(groupapprovaltask_ptr_id=task.pk).save_base(raw=True, force_insert=True)
    Task.objects.filter(pk=task.pk).update(
        content_type=ContentType.objects.get_for_model(FourEyesApprovalTask)
    )
    report.note(f"Prüfschritt auf Vier-Augen-Freigabe umgestellt: {task.name}")
    return FourEyesApprovalTask.objects.get(pk=task.pk)


def _activate(obj, kind: str, report: Report) -> None:
    if not obj.active:
        obj.active = True
        obj.save(update_fields=["active"])
        report.note(f"{kind} wieder aktiviert: {obj.name}")


def _assign_workflow(page: Page, workflow: Workflow, report: Report) -> None:
    link = WorkflowPage.objects.filter(page=page).first()
    if link is None or link.workflow_id != workflow.pk:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        report.note(f"Workflow zugewiesen: „{page.title}“ → {workflow.name}")


def _own_workflow(page: Page) -> Workflow | None:
    """The workflow assigned to exactly this page, if no other page shares it."""
    link = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
    if link is None or link.workflow.workflow_pages.exclude(page=page).exists():
        return None
    return link.workflow


def _first_approval_task(workflow: Workflow | None) -> GroupApprovalTask | None:
    """The workflow's first step if it is a GroupApprovalTask used by this workflow alone."""
    if workflow is None:
        return None
    first = workflow.workflow_tasks.order_by("sort_order").select_related("task").first()
    if first is None:
        return None
    task = first.task.specific
    if not isinstance(task, GroupApprovalTask) or task.name == INTERMUNICIPAL_TASK_NAME:
        return None
    if WorkflowTask.objects.filter(task=task).exclude(workflow=workflow).exists():
        return None
    return task


def _only_group(task: GroupApprovalTask | None, page: Page) -> Group | None:
    """The task's approval group, if it is exactly one group with rights on ``page``."""
    if task is None:
        return None
    groups = list(task.groups.all())
    if len(groups) == 1 and groups[0].page_permissions.filter(page=page).exists():
        return groups[0]
    return None


def _best_group(
    held: dict[Group, set[str]],
    actions: Sequence[str],
    expected_name: str,
    required: str | None = None,
) -> Group | None:
    """Among groups and the page permissions they hold on one page, the one that holds
    ``actions`` (and the ``required`` one among them): preferably the one called
    ``expected_name``, then the one with exactly these rights, then the closest match (the
    oldest on a tie). Rights added or removed by hand therefore do not detach a group from
    its page."""
    wanted = {f"{action}_page" for action in actions}
    best, best_rank = None, None
    for group, codenames in held.items():
        if not wanted & codenames or (required and f"{required}_page" not in codenames):
            continue
        rank = (group.name != expected_name, codenames != wanted, len(wanted - codenames), group.pk)
        if best_rank is None or rank < best_rank:
            best, best_rank = group, rank
    return best


def _group_with_rights_on(
    page: Page,
    actions: Sequence[str],
    exclude: Iterable[Group | None],
    expected_name: str,
    required: str | None = None,
) -> Group | None:
    """The group attached to ``page`` for a role with ``actions`` (see ``_best_group``)."""
    excluded = {group.pk for group in exclude if group is not None}
    held: dict[Group, set[str]] = {}
    for grant in (
        GroupPagePermission.objects.filter(page=page)
        .exclude(group_id__in=excluded)
        .select_related("group", "permission")
    ):
        held.setdefault(grant.group, set()).add(grant.permission.codename)
    return _best_group(held, actions, expected_name, required)


def _department_names(
    department: DepartmentPage, municipalities: dict[str, MunicipalityPage] | None = None
) -> dict[str, str]:
    if municipalities is not None:
        municipality = municipalities.get(department.path[: -department.steplen])
    else:
        municipality = _municipality_of(department)
    values = {
        "municipality": municipality.title if municipality else "",
        "department": department.title,
    }
    return {
        "editors": EDITORS_NAME.format(**values),
        "reviewers": REVIEWERS_NAME.format(**values),
        "workflow": DEPARTMENT_WORKFLOW_NAME.format(**values),
        "disambiguation": f"{municipality.code if municipality else ''}-{department.code}",
    }


def intermunicipal_task() -> GroupApprovalTask | None:
    task = GroupApprovalTask.objects.filter(name=INTERMUNICIPAL_TASK_NAME).order_by("pk").first()
    return task.specific if task is not None else None


@transaction.atomic
def provision_department_roles(
    department: DepartmentPage, report: Report | None = None
) -> DepartmentRoles:
    """Groups, page permissions and workflow of an existing department page."""
    report = report if report is not None else Report()
    department = department.specific
    names = _department_names(department)
    key = names["disambiguation"]

    workflow = _own_workflow(department)
    review_task = _first_approval_task(workflow)
    # Without its workflow step, the reviewers' group is the one with the right to unlock.
    reviewers = _only_group(review_task, department) or _group_with_rights_on(
        department, REVIEWER_PAGE_ACTIONS, [], names["reviewers"], required="unlock"
    )
    editors = _group_with_rights_on(
        department, EDITOR_PAGE_ACTIONS, exclude=[reviewers], expected_name=names["editors"]
    )

    editors = _ensure_named(editors, Group, names["editors"], key, "Gruppe", report)
    reviewers = _ensure_named(reviewers, Group, names["reviewers"], key, "Gruppe", report)
    _sync_page_permissions(editors, department, EDITOR_PAGE_ACTIONS, report)
    _sync_page_permissions(reviewers, department, REVIEWER_PAGE_ACTIONS, report)
    for role, group in (("redaktion", editors), ("freigabe", reviewers)):
        _grant_model_permissions(group, (*ADMIN_ACCESS, *contributed_permissions(role)), report)
        _grant_collection_permissions(group, EDITOR_COLLECTION_PERMISSIONS, report)

    review_task = _ensure_named(
        review_task, FourEyesApprovalTask, names["reviewers"], key, "Prüfschritt", report
    )
    review_task = _four_eyes(review_task, report)
    _activate(review_task, "Prüfschritt", report)
    _sync_task_groups(review_task, [reviewers], report)
    workflow = _ensure_named(workflow, Workflow, names["workflow"], key, "Workflow", report)
    _activate(workflow, "Workflow", report)
    steps = [review_task]
    if (second := intermunicipal_task()) is not None:
        steps.append(second)
    _sync_workflow_tasks(workflow, steps, report)
    _assign_workflow(department, workflow, report)
    return DepartmentRoles(department, editors, reviewers, workflow, review_task)


def provision_department(
    municipality: MunicipalityPage,
    title: str,
    *,
    code: str | None = None,
    report: Report | None = None,
) -> DepartmentRoles:
    """``manage.py provision_department``: the department page, then its roles."""
    report = report if report is not None else Report()
    with transaction.atomic():
        department = ensure_department_page(municipality, title, code=code, report=report)
        return provision_department_roles(department, report)


@transaction.atomic
def provision_municipality_roles(
    municipality: MunicipalityPage, report: Report | None = None
) -> Group:
    """The municipality's knowledge-management group (reads the municipality in the admin)."""
    report = report if report is not None else Report()
    name = KNOWLEDGE_NAME.format(municipality=municipality.title)
    group = _group_with_rights_on(
        municipality, KNOWLEDGE_PAGE_ACTIONS, exclude=[], expected_name=name
    )
    group = _ensure_named(group, Group, name, municipality.code, "Gruppe", report)
    _sync_page_permissions(group, municipality, KNOWLEDGE_PAGE_ACTIONS, report)
    _grant_model_permissions(
        group, (*KNOWLEDGE_MODEL_PERMISSIONS, *contributed_permissions("wissen_kommune")), report
    )
    provision_municipality_staff(municipality, report)
    return group


def municipality_staff_group(municipality: MunicipalityPage) -> Group | None:
    link = MunicipalityStaffGroup.objects.filter(municipality=municipality).first()
    return link.group if link is not None else None


@transaction.atomic
def provision_municipality_staff(
    municipality: MunicipalityPage, report: Report | None = None
) -> Group:
    """ "Mitarbeitende <Kommune>": all staff of the town (no rights of its own; pages are
    restricted to it). Attached to the municipality by MunicipalityStaffGroup."""
    report = report if report is not None else Report()
    name = STAFF_TOWN_NAME.format(municipality=municipality.title)
    group = municipality_staff_group(municipality)
    if group is None:
        existing = Group.objects.filter(name=name, staff_of__isnull=True).first()
        if existing is not None and not existing.page_permissions.exists():
            group = existing
            report.note(f"Gruppe übernommen: {name}")
        else:
            group = Group.objects.create(name=_free_name(Group, name, None, municipality.code))
            report.note(f"Gruppe angelegt: {group.name}")
        MunicipalityStaffGroup.objects.create(municipality=municipality, group=group)
    else:
        group = _ensure_named(group, Group, name, municipality.code, "Gruppe", report)
    _grant_model_permissions(group, contributed_permissions("mitarbeitende"), report)
    return group


def provision_municipality(
    municipality: MunicipalityPage,
    departments: Sequence[tuple[str, str | None]] = (),
    report: Report | None = None,
) -> list[DepartmentRoles]:
    """``manage.py provision_municipality``: knowledge management of the municipality, the
    listed departments (title, code) and every other department it already has."""
    report = report if report is not None else Report()
    with transaction.atomic():
        provision_municipality_roles(municipality, report)
        pages = [
            ensure_department_page(municipality, title, code=code, report=report)
            for title, code in departments
        ]
        pages += [
            page
            for page in DepartmentPage.objects.child_of(municipality).order_by("path")
            if page.pk not in {p.pk for p in pages}
        ]
        return [provision_department_roles(page, report) for page in pages]


@transaction.atomic
def provision_global_roles(report: Report | None = None) -> dict[str, Group]:
    """ "Wissensmanagement (alle Kommunen)" (reads the whole tree) and "Mitarbeitende"."""
    report = report if report is not None else Report()
    knowledge = Group.objects.filter(name=KNOWLEDGE_ALL_NAME).first()
    if knowledge is None:
        knowledge = Group.objects.create(name=KNOWLEDGE_ALL_NAME)
        report.note(f"Gruppe angelegt: {KNOWLEDGE_ALL_NAME}")
    _sync_page_permissions(knowledge, home_page(), KNOWLEDGE_PAGE_ACTIONS, report)
    _grant_model_permissions(
        knowledge, (*KNOWLEDGE_MODEL_PERMISSIONS, *contributed_permissions("wissen_alle")), report
    )
    staff, created = Group.objects.get_or_create(name=STAFF_NAME)
    if created:
        report.note(f"Gruppe angelegt: {STAFF_NAME}")
    _grant_model_permissions(staff, contributed_permissions("mitarbeitende"), report)
    _disarm_wagtail_default_groups(report)
    return {"wissen_alle": knowledge, "mitarbeitende": staff}


#: Groups Wagtail's own migrations create with add/edit/publish rights on the whole tree.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def _disarm_wagtail_default_groups(report: Report) -> None:
    """Wagtail's default groups may publish anywhere: a member would bypass the four-eyes
    workflows and every town boundary. Provisioning takes their page rights away (the groups
    and their members stay; administrators give people our roles instead)."""
    for name in WAGTAIL_DEFAULT_GROUPS:
        rights = GroupPagePermission.objects.filter(group__name=name)
        if rights.exists():
            rights.delete()
            report.note(
                f"Wagtail-Standardgruppe „{name}“: Seitenrechte entzogen (sie umgingen Freigabe "
                "und Kommunengrenzen)"
            )


@transaction.atomic
def provision_committee_roles(
    section: CommitteeSectionPage, report: Report | None = None
) -> CommitteeRoles:
    """The committee group, its rights on the section, the decision workflow, and the
    intermunicipal step in every department workflow."""
    report = report if report is not None else Report()
    section = section.specific
    committee = section.title
    workflow = _own_workflow(section)
    task = _first_approval_task(workflow)
    members = _only_group(task, section) or _group_with_rights_on(
        section, COMMITTEE_PAGE_ACTIONS, exclude=[], expected_name=committee
    )
    members = _ensure_named(members, Group, committee, str(section.pk), "Gruppe", report)
    _sync_page_permissions(members, section, COMMITTEE_PAGE_ACTIONS, report)
    _grant_model_permissions(
        members, (*ADMIN_ACCESS, *contributed_permissions("lenkungskreis")), report
    )
    _grant_collection_permissions(members, EDITOR_COLLECTION_PERMISSIONS, report)

    task = _ensure_named(
        task,
        FourEyesApprovalTask,
        COMMITTEE_TASK_NAME.format(committee=committee),
        str(section.pk),
        "Prüfschritt",
        report,
    )
    task = _four_eyes(task, report)
    _activate(task, "Prüfschritt", report)
    _sync_task_groups(task, [members], report)
    workflow = _ensure_named(
        workflow,
        Workflow,
        COMMITTEE_WORKFLOW_NAME.format(committee=committee),
        str(section.pk),
        "Workflow",
        report,
    )
    _activate(workflow, "Workflow", report)
    _sync_workflow_tasks(workflow, [task], report)
    _assign_workflow(section, workflow, report)

    second = intermunicipal_task()
    if second is None:
        second = FourEyesApprovalTask.objects.create(name=INTERMUNICIPAL_TASK_NAME)
        report.note(f"Prüfschritt angelegt: {INTERMUNICIPAL_TASK_NAME}")
    second = _four_eyes(second, report)
    _activate(second, "Prüfschritt", report)
    committee_tasks = GroupApprovalTask.objects.filter(
        workflow_tasks__workflow__workflow_pages__page__in=CommitteeSectionPage.objects.all()
    )
    committee_groups = list(
        Group.objects.filter(pk__in=committee_tasks.values("groups")).order_by("pk")
    )
    _sync_task_groups(second, committee_groups or [members], report)
    for link in WorkflowPage.objects.filter(page__in=DepartmentPage.objects.all()).select_related(
        "workflow"
    ):
        steps = [
            step.task
            for step in link.workflow.workflow_tasks.order_by("sort_order").select_related("task")
        ]
        if second.pk not in {step.pk for step in steps}:
            _sync_workflow_tasks(link.workflow, [*steps, second], report)
    for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS):
        sync_intermunicipal_step(state)
    return CommitteeRoles(section, members, workflow, task, second)


def provision_committee(title: str | None = None, report: Report | None = None) -> CommitteeRoles:
    """``manage.py provision_committee``: the committee section page, then its roles."""
    report = report if report is not None else Report()
    with transaction.atomic():
        section = ensure_committee_section(title, report=report)
        return provision_committee_roles(section, report)


@transaction.atomic
def provision_all(report: Report | None = None) -> Report:
    """``manage.py provision_all``: every role over the existing tree (creates no pages).
    Committees come first, so department workflows get their intermunicipal step."""
    report = report if report is not None else Report()
    provision_global_roles(report)
    for section in CommitteeSectionPage.objects.order_by("path"):
        provision_committee_roles(section, report)
    for municipality in MunicipalityPage.objects.order_by("path"):
        provision_municipality_roles(municipality, report)
    for department in DepartmentPage.objects.order_by("path"):
        provision_department_roles(department, report)
    return report


# ============================================================== intermunicipal second step


def _shares_intermunicipal(workflow_state: WorkflowState) -> bool:
    """Whether the submitted content (its latest revision) is flagged for other towns."""
    page = workflow_state.content_object
    revision = page.get_latest_revision() if page is not None else None
    return bool(revision and revision.content.get(INTERMUNICIPAL_FIELD))


def sync_intermunicipal_step(workflow_state: WorkflowState) -> None:
    """Skip the intermunicipal step of a running workflow unless its content is flagged.

    A skipped TaskState counts as done for Wagtail (``get_next_task``), sends no notification
    and shows in the workflow history with a comment. When the editor flags the content later
    (a resubmission, or an edit during review), the skip is withdrawn before the first step's
    approval moves the workflow on, so the Lenkungskreis reviews it.
    """
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    link = (
        WorkflowTask.objects.filter(
            workflow_id=workflow_state.workflow_id, task__name=INTERMUNICIPAL_TASK_NAME
        )
        .select_related("task")
        .first()
    )
    if link is None:
        return
    states = TaskState.objects.filter(workflow_state=workflow_state, task=link.task)
    skipped = states.filter(status=TaskState.STATUS_SKIPPED)
    if _shares_intermunicipal(workflow_state):
        skipped.delete()
    elif not states.exclude(status=TaskState.STATUS_CANCELLED).exists():
        TaskState.objects.create(
            workflow_state=workflow_state,
            task=link.task,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            comment=INTERMUNICIPAL_SKIP_COMMENT,
        )


@receiver(post_save, sender=WorkflowState, dispatch_uid="prozesse_intermunicipal_on_workflow")
def _intermunicipal_on_workflow_saved(sender, instance: WorkflowState, **kwargs) -> None:
    # Runs when a workflow starts or resumes, before Wagtail picks the next task.
    sync_intermunicipal_step(instance)


@receiver(post_save, sender=TaskState, dispatch_uid="prozesse_intermunicipal_on_task")
def _intermunicipal_on_task_saved(sender, instance: TaskState, **kwargs) -> None:
    # Runs when the department's step is approved, before Wagtail moves the workflow on.
    if instance.status == TaskState.STATUS_APPROVED and instance.task.name != (
        INTERMUNICIPAL_TASK_NAME
    ):
        sync_intermunicipal_step(instance.workflow_state)


# ===================================================================== renames keep names


@receiver(page_published, dispatch_uid="prozesse_role_names_follow_pages")
def _role_names_follow_page(sender, instance: Page, **kwargs) -> None:
    """Publishing a provisioned department, municipality or committee page provisions it
    again, so a new title renames its groups, steps and workflow (they stay attached by
    page). Pages that were never provisioned are left alone."""
    if _provisioning.get():
        return
    if isinstance(instance, DepartmentPage):
        departments = [instance]
    elif isinstance(instance, MunicipalityPage):
        departments = list(DepartmentPage.objects.child_of(instance))
        name = KNOWLEDGE_NAME.format(municipality=instance.title)
        if _group_with_rights_on(instance, KNOWLEDGE_PAGE_ACTIONS, [], name) is not None:
            provision_municipality_roles(instance)
    elif isinstance(instance, CommitteeSectionPage):
        if WorkflowPage.objects.filter(page=instance).exists():
            provision_committee_roles(instance)
        return
    else:
        return
    for department in departments:
        if WorkflowPage.objects.filter(page=department).exists():
            provision_department_roles(department)


# =================================================================== overview for the admin


@dataclass(frozen=True)
class DepartmentOverview:
    department: DepartmentPage
    municipality: MunicipalityPage | None
    editors: Group | None
    reviewers: Group | None
    workflow: Workflow | None


def department_overview() -> list[DepartmentOverview]:
    """Every department with its groups (annotated with ``members``) and workflow, None where
    not provisioned; in a constant number of queries, with the rules of provisioning."""
    departments = list(DepartmentPage.objects.order_by("path"))
    municipalities = {m.path: m for m in MunicipalityPage.objects.all()}
    links = {
        link.page_id: link
        for link in WorkflowPage.objects.filter(page__in=departments)
        .select_related("workflow")
        .annotate(shared=Count("workflow__workflow_pages"))
    }
    first_steps: dict[int, WorkflowTask] = {}
    for step in WorkflowTask.objects.filter(
        workflow__in=[link.workflow_id for link in links.values()]
    ).order_by("-sort_order"):
        first_steps[step.workflow_id] = step
    approvers: dict[int, list[int]] = {}
    for task_id, group_id in GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id__in=[step.task_id for step in first_steps.values()]
    ).values_list("groupapprovaltask_id", "group_id"):
        approvers.setdefault(task_id, []).append(group_id)
    grants = GroupPagePermission.objects.filter(page__in=departments).values_list(
        "page_id", "group_id", "permission__codename"
    )
    groups = {
        group.pk: group
        for group in Group.objects.filter(
            pk__in={group_id for _page, group_id, _codename in grants}
        ).annotate(
            members=Count("user"),
            active_members=Count("user", filter=Q(user__is_active=True)),
        )
    }
    held: dict[int, dict[Group, set[str]]] = {}
    for page_id, group_id, codename in grants:
        held.setdefault(page_id, {}).setdefault(groups[group_id], set()).add(codename)

    rows = []
    for department in departments:
        link = links.get(department.pk)
        workflow = link.workflow if link is not None and link.shared == 1 else None
        step = first_steps.get(workflow.pk) if workflow else None
        on_page = held.get(department.pk, {})
        reviewer_ids = approvers.get(step.task_id, []) if step else []
        reviewers = next((group for group in on_page if [group.pk] == reviewer_ids), None)
        editors = _best_group(
            {group: rights for group, rights in on_page.items() if group != reviewers},
            EDITOR_PAGE_ACTIONS,
            _department_names(department, municipalities)["editors"],
        )
        municipality = municipalities.get(department.path[: -department.steplen])
        rows.append(DepartmentOverview(department, municipality, editors, reviewers, workflow))
    return rows


@dataclass(frozen=True)
class ShortStep:
    """An approval step whose groups have fewer than two active members: whatever one of
    them submits, nobody may approve (four eyes)."""

    task: GroupApprovalTask
    groups: list[Group]
    active_members: int


def steps_without_second_reviewer() -> list[ShortStep]:
    """Every active four-eyes step used by an active workflow with fewer than two active
    members across its groups, by name; in a constant number of queries."""
    tasks = list(
        FourEyesApprovalTask.objects.filter(active=True, workflow_tasks__workflow__active=True)
        .distinct()
        .prefetch_related("groups")
        .order_by("name")
    )
    group_ids = {group.pk for task in tasks for group in task.groups.all()}
    members: dict[int, set[int]] = {}
    for group_id, user_id in (
        get_user_model()
        .groups.through.objects.filter(group_id__in=group_ids, user__is_active=True)
        .values_list("group_id", "user_id")
    ):
        members.setdefault(group_id, set()).add(user_id)
    short = []
    for task in tasks:
        groups = list(task.groups.all())
        active = len(set().union(*(members.get(group.pk, set()) for group in groups)))
        if active < 2:
            short.append(ShortStep(task, groups, active))
    return short


# ======================================================================= permission matrix

#: The actions of the permission matrix, as the admin offers them.
ACTIONS: dict[str, str] = {
    "view": "Im Admin ansehen",
    "create": "Anlegen",
    "edit": "Bearbeiten",
    "submit": "Zur Freigabe einreichen",
    "approve": "Freigeben / Änderungen anfordern",
    "publish": "Direkt veröffentlichen",
    "delete": "Löschen",
    "move": "Verschieben",
    "unpublish": "Veröffentlichung zurückziehen",
    "approve_own": "Eigene Änderung freigeben",
    "confirm": "Aktualität bestätigen",
    "handover": "Wissensübergabe beginnen",
    "edit_person": "Person bearbeiten",
}
#: Where the page lies, seen from the reference department A of municipality T.
SCOPES: dict[str, str] = {
    "own": "eigener Fachbereich (A)",
    "sibling": "anderer Fachbereich derselben Kommune (B)",
    "other_town": "Fachbereich einer anderen Kommune (C)",
    "committee": "Lenkungskreis (Beschlüsse)",
}
SCOPE_SHORT = {"own": "A", "sibling": "B", "other_town": "C", "committee": "L"}
ROLES: dict[str, str] = {
    "redaktion": "Redaktion T – A",
    "freigabe": "Freigabe T – A",
    "lenkungskreis": "Lenkungskreis",
    "wissen_kommune": "Wissensmanagement T",
    "wissen_alle": "Wissensmanagement (alle Kommunen)",
    "mitarbeitende": "Mitarbeitende",
    "administration": "Administration (Superuser)",
}
_ALL = "own sibling other_town committee"


def _allowed(**cells: str) -> dict[str, frozenset[str]]:
    return {action: frozenset(cells.get(action, "").split()) for action in ACTIONS}


#: THE permission table: role → action → scopes where the action is allowed (published
#: pages; "approve" refers to a page waiting in the first step of its workflow). The tests
#: in tests/workflows/test_permission_matrix.py check every cell through the admin views,
#: and the README shows this table (render_permission_table).
PERMISSION_MATRIX: dict[str, dict[str, frozenset[str]]] = {
    "redaktion": _allowed(view="own", create="own", edit="own", submit="own"),
    "freigabe": _allowed(
        view="own", create="own", edit="own", submit="own", approve="own", confirm="own"
    ),
    "lenkungskreis": _allowed(
        view="committee",
        create="committee",
        edit="committee",
        submit="committee",
        approve="committee",
        confirm="committee",
    ),
    "wissen_kommune": _allowed(
        view="own sibling", confirm="own sibling", handover="own sibling", edit_person="own sibling"
    ),
    "wissen_alle": _allowed(view=_ALL, confirm=_ALL, handover=_ALL, edit_person=_ALL),
    "mitarbeitende": _allowed(),
    "administration": _allowed(**{**dict.fromkeys(ACTIONS, _ALL), "approve_own": ""}),
}

MATRIX_NOTES = (
    "Bezug: Die Rollen Redaktion/Freigabe gehören zu Fachbereich **A** der Kommune **T**; "
    "**B** ist ein anderer Fachbereich in T, **C** ein Fachbereich einer anderen Kommune, "
    "**L** das Gremium Lenkungskreis. Für Rollen ohne Fachbereich bezeichnen die Buchstaben "
    "dieselben Seiten. Geprüft an veröffentlichten Seiten; „Freigeben“ an einer Seite, die "
    "im ersten Schritt ihres Workflows wartet.",
    "Veröffentlicht wird durch die Freigabe: Redaktion und Freigabe veröffentlichen nicht "
    "direkt; die letzte Freigabe im Workflow veröffentlicht (auch zeitgesteuert). "
    "Löschen, Verschieben und Zurückziehen veröffentlichter Seiten bleibt der "
    "Administration vorbehalten; nie veröffentlichte Entwürfe im eigenen Fachbereich "
    "dürfen Redaktion und Freigabe löschen.",
    "Prozesse mit „Interkommunal freigeben“ brauchen nach der Freigabe des Fachbereichs "
    "eine zweite Freigabe durch den Lenkungskreis (in jeder Kommune); bei allen anderen "
    "Inhalten entfällt dieser Schritt und erscheint in der Historie als übersprungen.",
    "Wissensmanagement sieht den Seitenbaum im Admin über das Recht „Sperren“ (Wagtail kennt "
    "kein reines Leserecht für Seiten) und pflegt Personen, Fachverfahren und Schlagwörter.",
    "Mitarbeitende lesen alle veröffentlichten Seiten im Intranet und haben keinen Admin-Zugang.",
    "Vier Augen: Niemand gibt eine Änderung frei (oder fordert als Prüfer:in Änderungen an), "
    "die er oder sie selbst eingereicht oder verfasst hat – auch die Administration nicht. "
    "„Freigeben“ ist an der Einreichung einer anderen Person geprüft, „Eigene Änderung "
    "freigeben“ an einer eigenen.",
    "Wissensmanagement handelt nur für seine Kommune: Aktualität bestätigen, "
    "Wissensübergaben und Personen (hier: eine Person des Fachbereichs A, B oder C; bei L "
    "eine Person ohne Kommune) – das Wissensmanagement aller Kommunen für alle. Bestätigen "
    "dürfen außerdem die Prüfer:innen einer Seite und ihre Verantwortlichen.",
)


def permission_rows() -> list[tuple[str, list[str]]]:
    """(role label, one cell per action) with the allowed scopes as letters, "–" for none."""
    return [
        (
            label,
            [
                " ".join(SCOPE_SHORT[s] for s in SCOPES if s in PERMISSION_MATRIX[role][action])
                or "–"
                for action in ACTIONS
            ],
        )
        for role, label in ROLES.items()
    ]


def render_permission_table() -> str:
    """The permission table in Markdown with its numbered notes, as in the README."""
    lines = [
        "| Rolle | " + " | ".join(ACTIONS.values()) + " |",
        "|---|" + "---|" * len(ACTIONS),
    ]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in permission_rows()]
    lines.append("")
    lines += [f"{number}. {note}" for number, note in enumerate(MATRIX_NOTES, 1)]
    return "\n".join(lines)
