"""Decision tracking at work: what publishing changes, what readers see, what a person must do.

* :func:`after_page_published` – the one ``page_published`` receiver of decision tracking
  (connected in ``prozesse.signals``), two steps in a fixed order:

  1. a published decision whose status differs from the last one recorded gets a new entry
     in its status history (:class:`~prozesse.models.DecisionStatusChange`, who and when);
  2. every decision the published page names under "Geändert durch Beschluss" (and a
     published decision itself) brings its page links up to date
     (:func:`sync_decision_pages`).

* :func:`sync_decision_pages` – a page whose *published* version names the decision counts as
  done ("umgesetzt") on the decision. A page that names the decision without being listed on
  it is added to the decision's list, already done: whoever carried the decision in says so,
  and the committee should see it. Once done, a link stays done even if a later version drops
  the reference (the change happened). Publishing the decision itself runs the same sync, so
  an older draft of the decision cannot set a done page back to "offen".
* :func:`decorate_decisions` – per decision the light of its worst task (red when the decision
  itself is past its due date) and "x von y
  Seiten umgesetzt", counted only over pages the reader may see (``prozesse.visibility``).
* :func:`open_decision_tasks_for` – the open tasks of the person linked to a user, only of
  decisions that user may see ("Meine Aufgaben").
* :func:`track_decision` – an imported paper (OParl) becomes a tracked decision: status
  "beschlossen" and a first task, published as a revision like any edit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from prozesse.models.base import RegisterEntryPage
from prozesse.models.decision import (
    OPEN_DECISION_STATUSES,
    DecisionAffectedPage,
    DecisionPage,
    DecisionStatus,
    ImplementationState,
)
from prozesse.models.decision_tracking import (
    CLOSED_TASK_STATUSES,
    DecisionReference,
    DecisionStatusChange,
    DecisionTask,
    Light,
    decision_light,
)
from prozesse.visibility import Visibility, visibility_for

# --------------------------------------------------------------------------- publishing


def after_page_published(sender, instance: Page, revision: Revision | None = None, **kwargs):
    """``page_published`` of a register entry: status history first, then the page links."""
    if isinstance(instance, DecisionPage):
        record_status_change(instance, revision)
        sync_decision_pages(instance)
        return
    if isinstance(instance, RegisterEntryPage):
        ids = DecisionReference.objects.filter(page_id=instance.pk).values_list("decision_id")
        for decision in DecisionPage.objects.filter(pk__in=ids):
            sync_decision_pages(decision)


def record_status_change(decision: DecisionPage, revision: Revision | None) -> bool:
    """Add the published status to the history when it differs from the last one recorded."""
    last = decision.status_changes.order_by("changed_at", "pk").last()
    if last is not None and last.status == decision.decision_status:
        return False
    user = revision.user if revision is not None else None
    DecisionStatusChange.objects.create(
        decision=decision,
        previous_status=last.status if last is not None else "",
        status=decision.decision_status,
        changed_by=user,
        changed_by_name=(user.get_full_name() or user.get_username())[:200] if user else "",
        revision=revision,
    )
    return True


def sync_decision_pages(decision: DecisionPage) -> int:
    """Mark done every link to a live page that names ``decision``; add missing links.
    Returns how many links changed."""
    naming = set(
        DecisionReference.objects.filter(decision=decision, page__live=True).values_list(
            "page_id", flat=True
        )
    )
    naming.discard(decision.pk)
    if not naming:
        return 0
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        links = DecisionAffectedPage.objects.filter(page=decision)
        listed = set(links.values_list("target_id", flat=True))
        changed += links.filter(target_id__in=naming, implemented_at__isnull=True).update(
            implemented_at=now
        )
        changed += (
            links.filter(target_id__in=naming)
            .exclude(state=ImplementationState.DONE)
            .update(state=ImplementationState.DONE)
        )
        next_order = (links.aggregate(top=Max("sort_order"))["top"] or 0) + 1
        missing = sorted(naming - listed)
        DecisionAffectedPage.objects.bulk_create(
            DecisionAffectedPage(
                page=decision,
                target_id=target_id,
                state=ImplementationState.DONE,
                implemented_at=now,
                sort_order=next_order + offset,
            )
            for offset, target_id in enumerate(missing)
        )
    return changed + len(missing)


# --------------------------------------------------------------------------- reading


def decorate_decisions(
    decisions: Iterable[DecisionPage], visibility: Visibility, today: datetime.date | None = None
) -> list[DecisionPage]:
    """Give each decision ``.light`` (worst open task, ``None`` without tasks),
    ``.pages_total`` and ``.pages_done`` (live pages the reader may see), in two queries."""
    today = today or timezone.localdate()
    decisions = list(decisions)
    by_id = {decision.pk: decision for decision in decisions}
    lights: dict[int, list[Light]] = defaultdict(list)
    for task in DecisionTask.objects.filter(page_id__in=by_id).select_related("page"):
        lights[task.page_id].append(task.light(today))
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    links = DecisionAffectedPage.objects.filter(page_id__in=by_id, target__live=True)
    for page_id, path, state in links.values_list("page_id", "target__path", "state"):
        if visibility.allows_path(path):
            totals[page_id][0] += 1
            totals[page_id][1] += state == ImplementationState.DONE
    for decision in decisions:
        decision.light = decision_light(lights[decision.pk])
        if decision.is_overdue:  # past its own due date: red, whatever its tasks say
            decision.light = Light.RED
        decision.pages_total, decision.pages_done = totals[decision.pk]
    return decisions


def changing_decisions(page: RegisterEntryPage, visibility: Visibility) -> list[DecisionPage]:
    """The live decisions the page's published version names that the reader may see."""
    # Most pages are named by no decision: the plain id list (a cheap query) spares them
    # building the decision query through the page tables.
    ids = list(
        DecisionReference.objects.filter(page_id=page.pk).values_list("decision_id", flat=True)
    )
    if not ids:
        return []
    decisions = DecisionPage.objects.live().filter(pk__in=ids).order_by("decision_number")
    return list(visibility.apply(decisions))


def open_tasks_condition(prefix: str = "", today: datetime.date | None = None) -> Q:
    """Tasks still to do (optionally: overdue on ``today``), reached through ``prefix``."""
    condition = ~Q(**{f"{prefix}status__in": CLOSED_TASK_STATUSES}) & Q(
        **{f"{prefix}progress__lt": 100}
    )
    if today is not None:
        condition &= Q(**{f"{prefix}due_date__lt": today})
    return condition


def overdue_decisions(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Open decisions past their own due date or with an open task past its due date."""
    today = today or timezone.localdate()
    late_task = DecisionTask.objects.filter(open_tasks_condition(today=today), page=OuterRef("pk"))
    return queryset.filter(decision_status__in=OPEN_DECISION_STATUSES).filter(
        Q(due_date__lt=today) | Exists(late_task)
    )


def decisions_of_person(queryset: QuerySet, person) -> QuerySet:
    """Decisions the person carries out, or holds a task of."""
    task = DecisionTask.objects.filter(responsible=person, page=OuterRef("pk"))
    return queryset.filter(Q(responsible_person=person) | Exists(task))


def open_decision_tasks_for(
    user, session=None, visibility: Visibility | None = None
) -> QuerySet[DecisionTask]:
    """Open tasks of the person linked to ``user``, of live decisions the user may see
    (``session``: the password restrictions they passed; or the reader's ``visibility`` when
    the caller has it already), soonest due first."""
    if user is None or not user.is_authenticated:
        return DecisionTask.objects.none()
    tasks = DecisionTask.objects.filter(
        open_tasks_condition(), responsible__user=user, page__live=True
    ).exclude(page__decision_status=DecisionStatus.REVOKED)
    visibility = visibility if visibility is not None else visibility_for(user, session)
    tasks = visibility.apply(tasks, prefix="page__")
    return tasks.select_related("page", "responsible").order_by(
        "due_date", "page__decision_number", "sort_order"
    )


# --------------------------------------------------------------------------- tracking


def track_decision(
    decision: DecisionPage,
    *,
    user,
    responsible=None,
    due_date: datetime.date | None = None,
    task_title: str = "",
) -> DecisionPage:
    """Put a decision (typically an imported OParl paper) under tracking: status
    "beschlossen" when it was only proposed, and a first task when it has none; published as
    a revision by ``user``, so the status history names them."""
    page = decision.get_latest_revision_as_object()
    if page.decision_status == DecisionStatus.PROPOSED:
        page.decision_status = DecisionStatus.DECIDED
    if responsible is not None and page.responsible_person_id is None:
        page.responsible_person = responsible
    if due_date is not None and page.due_date is None:
        page.due_date = due_date
    if not page.tasks.all():
        page.tasks = [
            DecisionTask(
                title=task_title or _("Umsetzung planen"),
                responsible=responsible or page.responsible_person,
                due_date=due_date or page.due_date,
                sort_order=0,
            )
        ]
    page.save_revision(user=user).publish(user=user)
    return DecisionPage.objects.get(pk=decision.pk)
