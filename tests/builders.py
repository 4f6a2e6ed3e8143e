"""Builders shared across the suite: publishing a page and saving a draft the way the editor
does (through a revision), an admin user, and pages with full content (a process with every
field, a scenario that hits processes) for rendering, search, export and browser tests.

Test data sets for one area are built elsewhere, each for its own reason (named in their
docstrings): the provisioned organisation (``tests/roles/organisation.py``), the leak test's
marked organisation (``tests/security/leak_setup.py``), the small search register
(``tests/search/register.py``), the relevance corpus (``tests/search/relevance/corpus.py``) and
the browser tests' register (``tests/e2e/support.py``).
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from wagtail.models import Page, PageViewRestriction, Revision

from prozesse.models import ProcessDeputy, ProcessPage, RelatedProcess, ScenarioProcess
from tests.factories import (
    EmergencyScenarioPageFactory,
    ITSystemFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)
from tests.fixtures import BPMN_FIXTURES

BPMN_FIXTURE = BPMN_FIXTURES / "rechnungseingang.bpmn"


def publish(page: Page, user=None, *, tags=()) -> Page:
    """Publish the page's saved content as a revision (by ``user``, after adding ``tags``,
    which need a revision to reach the index); returns the fresh specific page."""
    page = type(page).objects.get(pk=page.pk)
    if tags:
        page.tags.add(*tags)
    page.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)


def restrict_to(page: Page, *groups) -> PageViewRestriction:
    """Restrict viewing ``page`` (and its subtree) to members of ``groups``."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups)
    return restriction


def save_draft(page: Page, user=None, **changes) -> Revision:
    """Save an unpublished draft on top of the latest revision."""
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(user=user)


def admin_user(person=None, *groups):
    """A user with admin access (and, optionally, a person record and groups)."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(*groups)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def bpmn_upload(name: str = "rechnungseingang.bpmn") -> ContentFile:
    return ContentFile(BPMN_FIXTURE.read_bytes(), name=name)


def full_process(
    department, *, size: int = 3, related: list[ProcessPage] | None = None
) -> ProcessPage:
    """A published process with ``size`` steps, legal bases, deputies and IT systems."""
    systems = [ITSystemFactory() for _ in range(size)]
    process = ProcessPageFactory(
        parent=department,
        title="Gewerbeanmeldung",
        summary="Anmeldung eines stehenden Gewerbes im Bürgerbüro.",
        trigger="Antrag der Gewerbetreibenden",
        outcome="Gewerbeschein ausgestellt, Meldungen an Finanzamt und IHK versandt",
        inputs="Formular GewA 1\nPersonalausweis",
        outputs="Gewerbeschein",
        service_key="99050012104000",
        case_volume=420,
        processing_minutes=25,
        maturity=3,
        rto_hours=48,
        content_owner=PersonFactory(name="Sabine Krämer"),
        steps=[
            (
                "step",
                {
                    "name": f"Schritt {i}: Angaben prüfen",
                    "responsible_role": "Sachbearbeitung Gewerbe",
                    "it_system": systems[i % size],
                    "description": "Vollständigkeit und Plausibilität prüfen.",
                    "duration": "10 Minuten",
                },
            )
            for i in range(size)
        ],
        legal_bases=[
            (
                "legal_basis",
                {
                    "norm": f"§ {14 + i} GewO",
                    "title": "Anzeigepflicht",
                    "url": "https://example.org/gewo",
                },
            )
            for i in range(size)
        ],
        bpmn_file=bpmn_upload(),
    )
    process.it_systems.set(systems)
    process.tags.add(*[f"Schlagwort {i}" for i in range(size)])
    for _ in range(size):
        ProcessDeputy.objects.create(page=process, person=PersonFactory())
    for other in related or []:
        RelatedProcess.objects.create(page=process, process=other)
    process.save_revision().publish()
    return ProcessPage.objects.get(pk=process.pk)


def scenario_hitting(department, processes: list[ProcessPage], **fields):
    owner = PersonFactory(name="Jonas Weber", phone="06432 501-200")
    scenario = EmergencyScenarioPageFactory(
        parent=department,
        title=fields.pop("title", "Stromausfall im Rathaus"),
        description="<p>Das Rathaus ist ohne Strom.</p>",
        triggers="<p>Netzbetreiber meldet Störung.</p>",
        alarm_chain=[
            (
                "entry",
                {
                    "role": "Krisenstab-Leitung",
                    "person": owner,
                    "substitute": PersonFactory(),
                    "phone": "0170 1234567",
                    "availability": "24/7",
                },
            )
        ],
        immediate_actions=[
            ("action", "Notstromaggregat starten"),
            ("action", "Bürger informieren"),
        ],
        continuity="<p>Notbetrieb im Feuerwehrhaus.</p>",
        recovery="<p>Server geordnet hochfahren.</p>",
        content_owner=owner,
        **fields,
    )
    for process in processes:
        ScenarioProcess.objects.create(page=scenario, process=process)
    scenario.save_revision().publish()
    return scenario
