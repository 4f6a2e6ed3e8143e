"""Builders for the decision-tracking tests: decisions with tasks, pages that name a decision,
and a view restriction that keeps readers without a group out."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from prozesse.models import DecisionPage, DecisionReference, DecisionTask
from tests.factories import DecisionPageFactory


def decision_with_tasks(*tasks: dict, **fields) -> DecisionPage:
    """A published decision with the given tasks (``DecisionTask`` field dicts)."""
    decision = DecisionPageFactory(**fields)
    decision.tasks = [DecisionTask(sort_order=n, **task) for n, task in enumerate(tasks)]
    decision.save()
    decision.save_revision().publish()
    return DecisionPage.objects.get(pk=decision.pk)


def publish_naming(page: Page, *decisions: DecisionPage, user=None) -> Page:
    """Publish a new revision of ``page`` that names ``decisions`` under "Geändert durch
    Beschluss", the way the editor does."""
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.decision_references = [
        DecisionReference(decision=decision, sort_order=n) for n, decision in enumerate(decisions)
    ]
    draft.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)


def restrict_to_new_group(page: Page, name: str = "Lenkungskreis intern") -> Group:
    group = Group.objects.create(name=name)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return group


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
