"""manage.py track_oparl_paper: an imported OParl paper becomes a tracked decision (status
"beschlossen", a first task, an entry in the status history); a re-import keeps the tasks."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from prozesse.models import DecisionPage, DecisionStatusChange
from tests.commands import run
from tests.factories import DecisionPageFactory, PersonFactory, UserFactory
from tests.fixtures import OPARL_FIXTURES

pytestmark = pytest.mark.django_db

GOLF_ID = "https://web1.karlsruhe.de/oparl/bodies/0001/papers/vo/48018"


@pytest.fixture
def imported():
    UserFactory(username="import", is_superuser=True)
    run("import_oparl", OPARL_FIXTURES)
    return DecisionPage.objects.get(oparl_id=GOLF_ID)


def test_an_imported_paper_becomes_a_tracked_decision_with_a_first_task(imported):
    person = PersonFactory(email="kai.bauer@vg-kaisersesch.de")
    output = run("track_oparl_paper", GOLF_ID, verantwortlich="KAI.BAUER@vg-kaisersesch.de",
                 frist="2026-09-30", aufgabe="Stellungnahme vorbereiten")  # fmt: skip
    decision = DecisionPage.objects.get(pk=imported.pk)
    task = decision.tasks.get()
    assert decision.live and decision.decision_status == "beschlossen"
    assert (task.title, task.responsible, str(task.due_date)) == (
        "Stellungnahme vorbereiten", person, "2026-09-30"
    )  # fmt: skip
    assert DecisionStatusChange.objects.get(decision=decision).status == "beschlossen"
    assert "In der Beschlusskontrolle" in output


def test_a_paper_is_found_by_its_decision_number_too(imported):
    run("track_oparl_paper", imported.decision_number)
    assert DecisionPage.objects.get(pk=imported.pk).tasks.get().title == "Umsetzung planen"


def test_a_reimport_keeps_the_tasks_of_a_tracked_paper(imported):
    run("track_oparl_paper", GOLF_ID)
    run("import_oparl", OPARL_FIXTURES, publish=True)
    assert DecisionPage.objects.get(pk=imported.pk).tasks.count() == 1


def test_a_decision_not_from_oparl_is_refused_in_german(db):
    UserFactory(is_superuser=True)
    DecisionPageFactory(decision_number="LK-2026-90")
    with pytest.raises(CommandError, match="nicht aus OParl importiert"):
        run("track_oparl_paper", "LK-2026-90")


def test_an_unknown_paper_and_an_unknown_person_are_refused_in_german(imported):
    with pytest.raises(CommandError, match="keine Vorlage"):
        run("track_oparl_paper", "vo/00000")
    with pytest.raises(CommandError, match="Keine Person"):
        run("track_oparl_paper", GOLF_ID, verantwortlich="niemand@example.org")
