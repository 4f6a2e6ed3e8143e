"""Demo read confirmations (Kenntnisnahme), on top of ``demo.seed.seed_demo``.

A released process of the demo department ("Reisepass beantragen", Diez) asked the
department to confirm it; some confirmed. Then a new version was released (a step reworded,
the processing time shorter) and a new campaign asks again: the second reviewer confirmed,
"mitarbeiterin" and "redaktion" are still open and see on the page what changed since the
version they confirmed. Uses the product's own functions (``knowledge.reading``). Idempotent:
a page that has a campaign is left alone.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from knowledge.models import ReadCampaign
from knowledge.notifications import muted
from knowledge.reading import confirm_reading, start_campaign
from prozesse.models import MunicipalityPage, ProcessPage

TOWN, TITLE = "diez", "Reisepass beantragen"
REQUESTER = "freigabe"
#: Who confirmed the first version, and who the second.
FIRST_READERS = ("mitarbeiterin", "redaktion", "freigabe2")
SECOND_READERS = ("freigabe2",)


def _users(names) -> list:
    users = get_user_model().objects.filter(username__in=names)
    return sorted(users, key=lambda user: names.index(user.username))


def _new_version(page: ProcessPage, user) -> ProcessPage:
    """Release a second version: one step reworded, a shorter processing time."""
    draft = page.get_latest_revision_as_object()
    steps = [dict(entry) for entry in draft.steps.raw_data]
    if len(steps) >= 2:
        value = dict(steps[1]["value"])
        value["name"] = f"{value.get('name', 'Antrag prüfen')} (mit Online-Terminvergabe)"
        value["description"] = (
            "Termine werden nur noch online vergeben; Eilanträge nimmt die Teamleitung an."
        )
        steps[1] = {**steps[1], "value": value}
    draft.steps = steps
    draft.summary = (
        (draft.summary or "").rstrip()
        + " Seit dem 1. Dezember nur mit Online-Termin; Eilanträge über die Teamleitung."
    ).strip()
    draft.processing_minutes = max((draft.processing_minutes or 20) - 5, 5)
    draft.save_revision(user=user).publish(user=user)
    return ProcessPage.objects.get(pk=page.pk)


def seed_reading_demo(*, stdout: TextIO | None = None) -> list[str]:
    """Add the demo campaigns; assumes ``seed_demo()`` and the demo accounts exist."""
    lines: list[str] = []
    town = MunicipalityPage.objects.filter(slug=TOWN).first()
    requester = get_user_model().objects.filter(username=REQUESTER).first()
    if town is None or requester is None:
        return lines
    page = (
        ProcessPage.objects.live().descendant_of(town).filter(title=TITLE).order_by("path").first()
    )
    if page is None or page.department_id is None:
        return lines
    if ReadCampaign.objects.filter(page=page).exists():
        return lines
    due = timezone.localdate() + datetime.timedelta(days=14)
    with muted(), transaction.atomic():
        first = start_campaign(page, requester, due_date=due, departments=[page.department])
        for user in _users(FIRST_READERS):
            confirm_reading(first.pk, user)
        # The approved change is published (in the demo by the administrator, as the
        # department's workflow would after Freigabe).
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        page = _new_version(page, admin)
        second = start_campaign(
            page,
            requester,
            due_date=due,
            departments=[page.department],
            note="Neu: Termine nur noch online. Bitte lesen Sie die geänderten Schritte.",
        )
        for user in _users(SECOND_READERS):
            confirm_reading(second.pk, user)
    lines.append(f"Kenntnisnahme: {TITLE} ({TOWN}), {second.requests.count()} Personen gefragt")
    if stdout is not None:
        stdout.write(f"{lines[-1]}\n")
    return lines
