"""Management des Ausscheidens: find what names a person, hand it to successors.

:func:`find_references` lists everything that names a person – pages they own or deputise,
alarm-chain entries, decisions they implement (live content and pending drafts), and workflow
tasks waiting on them. :func:`start_handover` snapshots that list as handover items;
:func:`execute_handover` reassigns the chosen items in one step, as proper page revisions
(:func:`knowledge.revisions.propose_change`): a handover never publishes – each change waits
in the page's own workflow, and the handover records where. Handovers stay in the actor's
town (``prozesse.towns``): only knowledge management of the person's town, or the central
group, starts and carries them out.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, Revision, TaskState, WorkflowState

from knowledge.models import (
    REASSIGNABLE_KINDS,
    Handover,
    HandoverItem,
    HandoverStatus,
    ItemKind,
)
from knowledge.revisions import propose_change
from prozesse.models import DecisionPage, EmergencyScenarioPage, ProcessDeputy, RegisterEntryPage
from prozesse.towns import may_act_for

HANDOVER_ACTION = "knowledge.handover"
OTHER_TOWN_MESSAGE = gettext_lazy(
    "Diese Person gehört zu einer anderen Kommune. Wissensübergaben beginnt und führt das "
    "Wissensmanagement ihrer Kommune (oder das Wissensmanagement aller Kommunen)."
)


def may_hand_over(user, person) -> bool:
    """Whether ``user`` acts for the person's town (see prozesse.towns)."""
    return may_act_for(user, person.municipality_id if person is not None else None)


ALARM_SLOTS = {ItemKind.ALARM_PERSON: "person", ItemKind.ALARM_SUBSTITUTE: "substitute"}


@dataclass
class Reference:
    kind: str
    page: Page
    block_id: str = ""
    label: str = ""
    draft_only: bool = False

    @property
    def key(self) -> tuple:
        return (self.kind, self.page.pk, self.block_id)


# ---------------------------------------------------------------------------- finding


def is_departed(person, today: datetime.date | None = None) -> bool:
    """After the last working day a person is "ausgeschieden"."""
    today = today or timezone.localdate()
    return bool(person is not None and person.left_on and person.left_on < today)


def alarm_chain_hits(raw_entries, person_ids) -> list[tuple[str, str, str, int]]:
    """(block id, slot, role, person id) for every alarm-chain slot naming one of the persons."""
    hits = []
    for entry in raw_entries or []:
        value = entry.get("value") or {}
        for slot in ("person", "substitute"):
            if value.get(slot) in person_ids:
                hits.append((entry.get("id") or "", slot, value.get("role") or "", value[slot]))
    return hits


def _raw_stream(value) -> list:
    if isinstance(value, str):
        try:
            return json.loads(value) if value else []
        except ValueError:
            return []
    return list(value or [])


def _pending_drafts():
    """(page id, revision content) of the latest revision of every register entry whose draft
    differs from its live version (or that was never published)."""

    revision_ids = (
        RegisterEntryPage.objects.filter(
            has_unpublished_changes=True, latest_revision__isnull=False, alias_of__isnull=True
        )
        .exclude(latest_revision=F("live_revision"))
        .values("latest_revision_id")
    )
    return Revision.objects.filter(pk__in=revision_ids).values_list("object_id", "content")


def find_references(person) -> list[Reference]:
    """Everything that names ``person``, in a stable order (kind, then page title)."""

    found: dict[tuple, Reference] = {}

    def add(kind, page, block_id="", label="", draft_only=False):
        reference = Reference(kind, page, block_id, label or page.title, draft_only)
        if reference.key in found:
            found[reference.key].draft_only = found[reference.key].draft_only and draft_only
        else:
            found[reference.key] = reference

    entries = RegisterEntryPage.objects.filter(alias_of__isnull=True)
    for page in entries.filter(content_owner=person).specific():
        add(ItemKind.OWNER, page)
    for link in ProcessDeputy.objects.filter(person=person).select_related("page"):
        add(ItemKind.DEPUTY, link.page)
    for page in DecisionPage.objects.filter(responsible_person=person, alias_of__isnull=True):
        add(ItemKind.DECISION, page)
    scenarios = EmergencyScenarioPage.objects.filter(alias_of__isnull=True)
    for scenario in scenarios:
        for block_id, slot, role, _pk in alarm_chain_hits(
            scenario.alarm_chain.raw_data, {person.pk}
        ):
            kind = ItemKind.ALARM_PERSON if slot == "person" else ItemKind.ALARM_SUBSTITUTE
            add(kind, scenario, block_id, f"{scenario.title}: {role}")

    # What only a pending draft says.
    drafts = {int(object_id): content for object_id, content in _pending_drafts()}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=drafts).specific()}
    for page_id, content in drafts.items():
        page = pages.get(page_id)
        if page is None:
            continue
        if content.get("content_owner") == person.pk:
            add(ItemKind.OWNER, page, draft_only=True)
        if content.get("responsible_person") == person.pk:
            add(ItemKind.DECISION, page, draft_only=True)
        if any(d.get("person") == person.pk for d in content.get("deputies") or []):
            add(ItemKind.DEPUTY, page, draft_only=True)
        chain = _raw_stream(content.get("alarm_chain"))
        for block_id, slot, role, _pk in alarm_chain_hits(chain, {person.pk}):
            kind = ItemKind.ALARM_PERSON if slot == "person" else ItemKind.ALARM_SUBSTITUTE
            add(kind, page, block_id, f"{page.title}: {role}", draft_only=True)

    if person.user_id:
        for reference in _workflow_references(person.user):
            found.setdefault(reference.key, reference)

    order = {kind: index for index, kind in enumerate(ItemKind.values)}
    return sorted(found.values(), key=lambda r: (order[r.kind], r.page.title, r.label))


def _workflow_references(user) -> list[Reference]:
    references = []
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=GroupApprovalTask.objects.filter(groups__in=user.groups.all()),
        )
        .select_related("task", "workflow_state")
        .distinct()
    )
    for state in states:
        page = _workflow_page(state.workflow_state)
        if page is None:
            continue
        task = GroupApprovalTask.objects.get(pk=state.task_id)
        others = (
            task.groups.filter(user__is_active=True).exclude(user=user).values("user").distinct()
        )
        label = _("Freigabe „%(task)s“ wartet auf die Gruppe %(groups)s") % {
            "task": state.task.name,
            "groups": ", ".join(task.groups.values_list("name", flat=True)),
        }
        if not others.exists():
            label += " – " + _("die Person ist dort die einzige!")
        references.append(Reference(ItemKind.TASK, page, f"task-{state.pk}", label))
    for state in WorkflowState.objects.filter(
        requested_by=user,
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
    ).select_related("workflow"):
        page = _workflow_page(state)
        if page is None:
            continue
        label = _("Eingereicht zur Freigabe (%(status)s)") % {"status": state.get_status_display()}
        references.append(Reference(ItemKind.WORKFLOW, page, f"workflow-{state.pk}", label))
    return references


def _workflow_page(state) -> Page | None:
    obj = state.content_object
    return obj.specific if isinstance(obj, Page) else None


# ---------------------------------------------------------------------------- starting


@transaction.atomic
def start_handover(
    person,
    *,
    reason: str,
    last_working_day: datetime.date,
    user,
    default_successor=None,
    return_date=None,
    note: str = "",
) -> Handover:
    """Open a handover and snapshot everything that names the person. For Ruhestand and
    Stellenwechsel the last working day becomes the person's "Ausgeschieden am". Refused
    (ValidationError on "person") for a person of a town the user does not act for."""
    if not may_hand_over(user, person):
        raise ValidationError({"person": str(OTHER_TOWN_MESSAGE)})
    handover = Handover(
        person=person,
        reason=reason,
        last_working_day=last_working_day,
        return_date=return_date,
        default_successor=default_successor,
        note=note,
        started_by=user,
    )
    handover.full_clean()
    handover.save()
    refresh_items(handover)
    if handover.is_permanent and person.left_on != last_working_day:
        person.left_on = last_working_day
        person.save(update_fields=["left_on"])
    return handover


@transaction.atomic
def refresh_items(handover: Handover) -> tuple[int, int]:
    """Bring the item list up to date: add what names the person now, drop open items that no
    longer do. Done items and chosen successors stay. Returns (added, removed)."""
    references = {ref.key: ref for ref in find_references(handover.person)}
    existing = {(item.kind, item.page_id, item.block_id): item for item in handover.items.all()}
    added = 0
    for key, reference in references.items():
        item = existing.get(key)
        if item is None:
            HandoverItem.objects.create(
                handover=handover,
                kind=reference.kind,
                page=reference.page,
                block_id=reference.block_id,
                label=reference.label[:300],
                draft_only=reference.draft_only,
            )
            added += 1
        elif item.done_at is None and (
            item.label != reference.label[:300] or item.draft_only != reference.draft_only
        ):
            item.label, item.draft_only = reference.label[:300], reference.draft_only
            item.save(update_fields=["label", "draft_only"])
    stale = [
        item.pk for key, item in existing.items() if key not in references and not item.done_at
    ]
    HandoverItem.objects.filter(pk__in=stale).delete()
    return added, len(stale)


# ---------------------------------------------------------------------------- executing


@dataclass
class Transfer:
    pages: int
    items: int


def _mutation(person_id: int, changes: list[tuple[HandoverItem, object]]):
    """A page mutation replacing ``person_id`` by the successors of the given items."""
    order = {kind: index for index, kind in enumerate(ItemKind.values)}
    changes = sorted(changes, key=lambda change: order[change[0].kind])

    def mutate(page) -> set[str]:
        changed: set[str] = set()
        for item, successor in changes:
            if item.kind == ItemKind.OWNER and page.content_owner_id == person_id:
                page.content_owner = successor
                changed.add("content_owner")
            elif item.kind == ItemKind.DECISION and page.responsible_person_id == person_id:
                page.responsible_person = successor
                changed.add("responsible_person")
            elif item.kind == ItemKind.DEPUTY and _replace_deputy(page, person_id, successor):
                changed.add("deputies")
            elif item.kind in ALARM_SLOTS and _replace_in_alarm_chain(
                page, item.block_id, ALARM_SLOTS[item.kind], person_id, successor
            ):
                changed.add("alarm_chain")
        return changed

    return mutate


def _replace_deputy(page, person_id: int, successor) -> bool:
    deputies = list(page.deputies.all())
    if not any(link.person_id == person_id for link in deputies):
        return False
    kept, taken = [], {page.content_owner_id}
    taken.update(link.person_id for link in deputies if link.person_id != person_id)
    for link in deputies:
        if link.person_id == person_id:
            if successor.pk in taken:
                continue  # already deputy (or owner): the entry goes
            link.person = successor
            taken.add(successor.pk)
        kept.append(link)
    page.deputies = kept
    return True


def _replace_in_alarm_chain(page, block_id: str, slot: str, person_id: int, successor) -> bool:
    raw = [dict(entry, value=dict(entry.get("value") or {})) for entry in page.alarm_chain.raw_data]
    hit = False
    for entry in raw:
        if block_id and entry.get("id") != block_id:
            continue
        if entry["value"].get(slot) == person_id:
            entry["value"][slot] = successor.pk
            hit = True
    if hit:
        page.alarm_chain = raw
    return hit


def validate_transfer(
    handover: Handover, today: datetime.date | None = None, *, visibility=None
) -> list:
    """The open, chosen, reassignable items (with ``visibility``: only those on pages the user
    may see); raises ValidationError with German messages for items without a usable
    successor."""
    items = handover.items.filter(selected=True, done_at__isnull=True, kind__in=REASSIGNABLE_KINDS)
    if visibility is not None:
        items = items.filter(visibility.q("page__"))
    items = list(items.select_related("page", "successor").order_by("pk"))
    errors = []
    for item in items:
        successor = item.successor or handover.default_successor
        if successor is None:
            errors.append(
                _("Für „%(item)s“ (%(kind)s) ist keine Nachfolge gewählt.")
                % {"item": item.label, "kind": item.get_kind_display()}
            )
        elif successor.pk == handover.person_id:
            errors.append(
                _("„%(item)s“ kann nicht an die Person selbst übergeben werden.")
                % {"item": item.label}
            )
        elif is_departed(successor, today):
            errors.append(
                _("%(name)s ist ausgeschieden und kann „%(item)s“ nicht übernehmen.")
                % {"name": successor.name, "item": item.label}
            )
    if errors:
        raise ValidationError(errors)
    return items


@transaction.atomic
def execute_handover(
    handover: Handover, user, today: datetime.date | None = None, *, visibility=None
) -> Transfer:
    """Reassign every chosen item in one step: per page one new revision that waits in the
    page's own workflow (nothing is published), a history entry saying who handed what to
    whom, and on each item where its change waits. With ``visibility``, items on pages the
    user may not see stay untouched (their own area hands them over)."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if not may_hand_over(user, handover.person):
        raise PermissionDenied(str(OTHER_TOWN_MESSAGE))
    if handover.status == HandoverStatus.CLOSED:
        raise ValidationError(_("Diese Wissensübergabe ist bereits abgeschlossen."))
    items = validate_transfer(handover, today, visibility=visibility)
    by_page: dict[int, list[tuple[HandoverItem, object]]] = defaultdict(list)
    for item in items:
        by_page[item.page_id].append((item, item.successor or handover.default_successor))

    now = timezone.now()
    pages = {page.pk: page for page in Page.objects.filter(pk__in=by_page).specific()}
    for page_id, changes in by_page.items():
        page = pages[page_id]
        proposal = propose_change(page, _mutation(handover.person_id, changes), user=user)
        revision = proposal.revision if proposal is not None else None
        log(
            instance=page,
            action=HANDOVER_ACTION,
            user=user,
            revision=revision,
            data={
                "handover": handover.pk,
                "person": handover.person.name,
                "waiting_at": proposal.waiting_at if proposal is not None else "",
                "changes": [
                    {"what": str(item.get_kind_display()), "to": successor.name}
                    for item, successor in changes
                ],
            },
        )
        HandoverItem.objects.filter(pk__in=[item.pk for item, _s in changes]).update(
            done_at=now,
            revision=revision,
            waiting_at=proposal.waiting_at if proposal is not None else "",
        )
    handover.status = HandoverStatus.TRANSFERRED
    handover.transferred_at, handover.transferred_by = now, user
    handover.save(update_fields=["status", "transferred_at", "transferred_by"])
    return Transfer(pages=len(by_page), items=len(items))


def close_handover(handover: Handover) -> None:
    handover.status = HandoverStatus.CLOSED
    handover.closed_at = timezone.now()
    handover.save(update_fields=["status", "closed_at"])
