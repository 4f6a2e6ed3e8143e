"""Builders for the read-confirmation tests: a released process in a provisioned department,
its readers, and a campaign asked for through ``knowledge.reading`` (as the product does)."""

from __future__ import annotations

import datetime

from knowledge.reading import start_campaign
from tests.builders import publish, save_draft
from tests.factories import PersonFactory, ProcessPageFactory, UserFactory
from tests.knowledge.support import today


def reader(department, name: str, *groups):
    """A member of staff of ``department`` with an account (and e-mail)."""
    first, last = name.split(" ", 1)
    user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@vg.example")
    user.groups.add(*groups)
    PersonFactory(name=name, department=department, user=user, email=user.email)
    return user


def released_process(roles, **fields):
    """A published process (with its live revision) in the provisioned department."""
    page = ProcessPageFactory(parent=roles.department, **fields)
    return publish(page)


def release(page, **changes):
    """Release a new version with ``changes`` (a revision, published)."""
    save_draft(page, **changes).publish()
    return type(page).objects.get(pk=page.pk)


def ask(page, requester, *, days: int = 14, **targets):
    """Ask for read confirmations of the page's live version."""
    return start_campaign(
        page, requester, due_date=today() + datetime.timedelta(days=days), **targets
    )
