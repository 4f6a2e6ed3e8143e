"""The organisation the leak test reads: provisioned like a real installation, with marked,
restricted pages of every type behind every kind of Wagtail view restriction.

Towns, departments, the committee and their groups come from the provisioning functions
(``prozesse.roles.provisioning``) that the management commands call. Every *marked* page carries a
marker ``GEHEIM7Q3X<CODE><FIELD>`` in its title, text, a tag, its BPMN file (name: DATEI,
content: TEXT) and its documents (content: DOK), plus search probe words (``sondierwort``,
``sondier<code>``) that the sweep types into search boxes (searching for the marker itself
would only find the echo of the query).
Unrestricted pages point at the marked ones wherever the models allow (related processes,
critical processes of a scenario, pages a decision affects, an embedded process, the same
LeiKa key in another town, an owner with a person page, an adoption, a handover, feedback, a
read confirmation), so every listing that follows a relation is exercised.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from accessibility.models import BarrierReport
from continuity.models import (
    ImpactAnalysis,
    Location,
    ProcessDependency,
    Provider,
    ScenarioOutage,
)
from knowledge.adoption import adopt
from knowledge.feedback import leave_feedback
from knowledge.handover import start_handover
from knowledge.models import FeedbackKind, HandoverReason
from knowledge.reading import start_campaign
from prozesse.models import (
    DecisionReference,
    DecisionTask,
    ITSystem,
    Law,
    LawParagraph,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryPage,
    RegisterPage,
    RelatedProcess,
    ScenarioProcess,
)
from prozesse.models.decision import DecisionAffectedPage
from prozesse.roles.definitions import (
    KNOWLEDGE_ALL_NAME,
    KNOWLEDGE_NAME,
    STAFF_NAME,
    STAFF_TOWN_NAME,
)
from prozesse.roles.provisioning import provision_all, provision_committee, provision_municipality
from prozesse.roles.report import Report
from prozesse.roles.tree import ensure_municipality_page
from readiness.models import Exercise, ExerciseOutcome, ExerciseStatus, Finding
from readiness.releases import release_handbook, request_release
from tests.builders import BPMN_FIXTURE
from tests.builders import publish as _publish
from tests.factories import (
    ArticlePageFactory,
    DecisionPageFactory,
    EmergencyScenarioPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
    home_page,
)

MARKER_PREFIX = "GEHEIM7Q3X"
#: What part of a page a marker sits in (the suffix after the page code).
FIELDS = ("TITEL", "TEXT", "TAG", "DATEI", "DOK")
#: Finds markers in any text: page code (4 capitals) and field.
MARKER_PATTERN = re.compile(MARKER_PREFIX + r"([A-Z]{4})(" + "|".join(FIELDS) + ")")
#: A word every marked page contains (and no other page): one search finds them all.
COMMON_PROBE = "sondierwort"
#: Every probe word starts with it (search-as-you-type finds all marked titles).
PROBE_PREFIX = "sondier"
#: Shared LeiKa key: the marked processes are "the same service" as the open ones.
SERVICE_KEY = "99050012104000"
PAGE_PASSWORD = "Tresor-2026!"


def marker(code: str, part: str) -> str:
    return f"{MARKER_PREFIX}{code}{part}"


def probe(code: str) -> str:
    return f"{PROBE_PREFIX}{code.lower()}"


@dataclass
class MarkedPage:
    code: str
    page_id: int
    #: How it is restricted, for the failure message.
    restriction: str


@dataclass
class LeakWorld:
    """Ids of what the sweep needs; objects are read fresh from the database."""

    marked: dict[str, MarkedPage]  # code → page
    users: dict[str, object | None]  # role → user (None: anonymous)
    town_ids: dict[str, int]

    def marked_page(self, code: str) -> Page:
        return Page.objects.get(pk=self.marked[code].page_id).specific


# ------------------------------------------------------------------------------ content


def _text(code: str) -> str:
    return f"{marker(code, 'TEXT')} Vertraulicher Inhalt {probe(code)} {COMMON_PROBE}."


def _title(code: str, what: str) -> str:
    return f"{marker(code, 'TITEL')} {what} {probe(code)}"


def _document(code: str):
    document = get_document_model()(
        title="Anlage",
        file=ContentFile(
            f"Anlage zu {marker(code, 'DOK')}\n".encode(), name=f"anlage-{code.lower()}.txt"
        ),
    )
    document.save()
    return document


def _bpmn(code: str) -> ContentFile:
    data = BPMN_FIXTURE.read_bytes().replace(
        b'name="Rechnungsbearbeitung"', f'name="{marker(code, "TEXT")}"'.encode(), 1
    )
    assert marker(code, "TEXT").encode() in data
    return ContentFile(data, name=f"{marker(code, 'DATEI')}.bpmn")


def _tag(page, code: str) -> None:
    page.tags.add(marker(code, "TAG"), COMMON_PROBE)


def _mark_process(page: ProcessPage, code: str, *, bpmn: bool = True) -> ProcessPage:
    """Fill a process with markers in every field the readers see."""
    page = ProcessPage.objects.get(pk=page.pk)
    page.title = _title(code, "Vertraulicher Vorgang")
    page.summary = _text(code)
    page.trigger = _text(code)
    page.steps = [
        (
            "step",
            {
                "name": f"Schritt {marker(code, 'TEXT')}",
                "responsible_role": "Sachbearbeitung",
                "description": _text(code),
            },
        )
    ]
    page.attachments = [("document", _document(code))]
    if bpmn:
        page.bpmn_file = _bpmn(code)
        page.bpmn_outline = []
    _tag(page, code)
    page.save()
    return _publish(page)


def _process(department, code: str, owner, **fields) -> ProcessPage:
    page = ProcessPageFactory(
        parent=department,
        slug=f"geschuetzt-{code.lower()}",
        title="Entwurf",
        service_key=SERVICE_KEY,
        content_owner=owner,
        **fields,
    )
    return _mark_process(page, code)


def _restrict(page: Page, kind: str, groups=(), password: str = "") -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    if groups:
        restriction.groups.set(groups)
    return restriction


def _user(username: str, *groups: Group, town=None, superuser: bool = False):
    """A user in ``groups``; with ``town``, also a person record there (what ties knowledge
    managers to their town)."""
    user = UserFactory(username=username, is_superuser=superuser, is_staff=superuser)
    user.groups.add(*groups)
    if town is not None:
        PersonFactory(name=f"Person {username}", municipality=town, user=user)
    return user


def build_leak_world() -> LeakWorld:
    """Provision two towns and the committee, add marked content, create one user per role."""
    today = timezone.localdate()
    report = Report()
    committee = provision_committee("Lenkungskreis", report=report)
    town_a = ensure_municipality_page("VG Talheim", ags="07100001", code="TAL", report=report)
    town_b = ensure_municipality_page("VG Ufersheim", ags="07100002", code="UFE", report=report)
    bb, oa = provision_municipality(
        town_a, [("Bürgerbüro", "BB"), ("Ordnungsamt", "OA")], report=report
    )
    (ba,) = provision_municipality(town_b, [("Bauamt", "BA")], report=report)
    provision_all(report)
    everyone = Group.objects.get(name=STAFF_NAME)
    # Town staff groups ("Mitarbeitende <Kommune>") come from provisioning.
    staff_a = Group.objects.get(name=STAFF_TOWN_NAME.format(municipality=town_a.title))
    staff_b = Group.objects.get(name=STAFF_TOWN_NAME.format(municipality=town_b.title))
    crisis, _ = Group.objects.get_or_create(name="Krisenstab VG Talheim")
    knowledge_a = Group.objects.get(name=KNOWLEDGE_NAME.format(municipality=town_a.title))
    knowledge_b = Group.objects.get(name=KNOWLEDGE_NAME.format(municipality=town_b.title))
    knowledge_all = Group.objects.get(name=KNOWLEDGE_ALL_NAME)

    users = {
        "anonym": None,
        "administration": _user("leak-admin", superuser=True),
        "mitarbeitende-a": _user("leak-staff-a", everyone, staff_a),
        "mitarbeitende-b": _user("leak-staff-b", everyone, staff_b),
        "redaktion-a-bb": _user("leak-editor-bb", everyone, staff_a, bb.editors),
        "freigabe-a-bb": _user("leak-reviewer-bb", everyone, staff_a, bb.reviewers),
        "redaktion-a-oa": _user("leak-editor-oa", everyone, staff_a, oa.editors),
        "wissen-a": _user("leak-km-a", everyone, staff_a, knowledge_a, town=town_a),
        "wissen-b": _user("leak-km-b", everyone, staff_b, knowledge_b, town=town_b),
        "wissen-alle": _user("leak-km-all", everyone, knowledge_all),
        "lenkungskreis": _user("leak-committee", everyone, staff_b, committee.members),
        "krisenstab-a": _user("leak-crisis", everyone, staff_a, crisis),
    }
    admin = users["administration"]
    owner = PersonFactory(name="Olga Eigner", municipality=town_a, department=bb.department)
    owner_b = PersonFactory(name="Bernd Besitzer", municipality=town_b, department=ba.department)

    register = home_page().add_child(
        instance=RegisterPage(title="Prozessregister", slug="prozessregister")
    )
    _publish(register)
    law = Law.objects.create(abbreviation="GewO", title="Gewerbeordnung", slug="gewo")
    LawParagraph.objects.create(
        law=law, kind="§", number="14", title="Anzeigepflicht", anchor="p14"
    )

    # Open pages that the marked ones are linked from.
    open_a = ProcessPageFactory(
        parent=bb.department,
        title="Gewerbeanmeldung",
        slug="gewerbeanmeldung",
        service_key=SERVICE_KEY,
        content_owner=owner,
    )
    open_a = _publish(open_a)
    _publish(  # the same service in town B: its page lists the marked processes as peers
        ProcessPageFactory(
            parent=ba.department,
            title="Gewerbeanmeldung Ufersheim",
            slug="gewerbeanmeldung",
            service_key=SERVICE_KEY,
            content_owner=owner_b,
        )
    )

    # PGRP: adopted by town B while still open, then marked and restricted (the adoption's
    # comparison now shows the restricted "origin now").
    pgrp = _publish(
        ProcessPageFactory(
            parent=bb.department,
            slug="geschuetzt-pgrp",
            title="Rechnungseingang",
            service_key=SERVICE_KEY,
            content_owner=owner,
            share_intermunicipal=True,
        )
    )
    adopt(pgrp, ba.department, admin, check_permissions=False)
    pgrp = _mark_process(pgrp, "PGRP")
    ProcessDeputy.objects.create(page=pgrp, person=owner_b)
    pgrp = _publish(pgrp)

    ppwd = _process(bb.department, "PPWD", owner)
    plog = _process(bb.department, "PLOG", owner)
    psub = _process(oa.department, "PSUB", owner)
    pnest = _process(oa.department, "PNST", owner)
    ptwb = _process(ba.department, "PTWB", owner_b)
    pdrf = ProcessPageFactory(
        parent=ba.department,
        slug="entwurf-pdrf",
        title=_title("PDRF", "Unveröffentlichter Entwurf"),
        summary=_text("PDRF"),
        service_key=SERVICE_KEY,
        content_owner=owner_b,
        live=False,
    )
    _tag(pdrf, "PDRF")
    pdrf.save()
    pdrf.save_revision()

    sgrp = EmergencyScenarioPageFactory(
        parent=bb.department,
        slug="geschuetzt-sgrp",
        title=_title("SGRP", "Vertrauliches Szenario"),
        summary=_text("SGRP"),
        description=f"<p>{_text('SGRP')}</p>",
        alarm_chain=[
            (
                "entry",
                {"role": f"Leitung {marker('SGRP', 'TEXT')}", "person": owner, "phone": "0170 1"},
            )
        ],
        immediate_actions=[("action", f"Maßnahme {marker('SGRP', 'TEXT')}")],
        content_owner=owner,
    )
    _tag(sgrp, "SGRP")
    ScenarioProcess.objects.create(page=sgrp, process=open_a)
    sgrp = _publish(sgrp)
    ssub = EmergencyScenarioPageFactory(
        parent=oa.department,
        slug="geschuetzt-ssub",
        title=_title("SSUB", "Szenario im geschützten Fachbereich"),
        summary=_text("SSUB"),
        content_owner=owner,
    )
    _tag(ssub, "SSUB")
    ssub = _publish(ssub)

    agrp = ArticlePageFactory(
        parent=bb.department,
        slug="geschuetzt-agrp",
        title=_title("AGRP", "Vertraulicher Bericht"),
        summary=_text("AGRP"),
        body=[
            ("text", RichText(f"<p>{_text('AGRP')}</p>")),
            ("document", _document("AGRP")),
            ("process", {"process": open_a, "note": "Siehe auch"}),
        ],
        content_owner=owner,
    )
    _tag(agrp, "AGRP")
    agrp = _publish(agrp)

    dgrp = DecisionPageFactory(
        parent=committee.section,
        slug="geschuetzt-dgrp",
        title=_title("DGRP", "Vertraulicher Beschluss"),
        decision_number="LK-2026-91",
        summary=_text("DGRP"),
        decision_text=f"<p>{_text('DGRP')}</p>",
        responsible_person=owner,
        responsible_department=bb.department,
        due_date=today + datetime.timedelta(days=30),
        content_owner=owner,
    )
    dgrp.affected_municipalities.set([town_a])
    _tag(dgrp, "DGRP")
    DecisionAffectedPage.objects.create(page=dgrp, target=open_a)
    DecisionTask.objects.create(
        page=dgrp, title=_text("DGRP"), responsible=owner, due_date=today, sort_order=0
    )
    dgrp = _publish(dgrp)

    # Open pages that point at the marked ones.
    marked_processes = [pgrp, ppwd, plog, psub, pnest, ptwb]
    for process in marked_processes:
        RelatedProcess.objects.create(page=open_a, process=process)
    # "Geändert durch Beschluss" names the restricted decision on an open page.
    DecisionReference.objects.create(page=open_a, decision=dgrp)
    open_a = _publish(open_a)
    open_scenario = EmergencyScenarioPageFactory(
        parent=bb.department, title="Stromausfall", slug="stromausfall", content_owner=owner
    )
    for process in marked_processes:
        ScenarioProcess.objects.create(page=open_scenario, process=process)
    _publish(open_scenario)
    # Business continuity: the marked processes depend on a system the open scenario knocks
    # out and on a person without deputy, each has an impact analysis, and the open process
    # depends on a marked one – so the scenario, the BIA overview and its CSV would name them.
    shared_system = ITSystem.objects.create(name="Leitsystem Talheim", municipality=town_a)
    provider = Provider.objects.create(name="Rechenzentrum Talheim", recovery_hours=48)
    location = Location.objects.create(name="Rathaus Talheim", municipality=town_a)
    for process in marked_processes:
        ProcessDependency.objects.create(page=process, it_system=shared_system, recovery_hours=96)
        ProcessDependency.objects.create(page=process, person=owner)
        ProcessDependency.objects.create(page=process, location=location)
        ImpactAnalysis.objects.create(
            page=process, ratings={"aufgabe": [0, 1, 3, 3, 3]}, rto_hours=24
        )
    ProcessDependency.objects.create(page=open_a, process=pgrp)
    ProcessDependency.objects.create(page=open_a, provider=provider)
    ScenarioOutage.objects.create(page=open_scenario, it_system=shared_system)
    ScenarioOutage.objects.create(page=open_scenario, location=location)
    open_decision = DecisionPageFactory(
        parent=committee.section,
        title="Digitalisierung der Gewerbeanmeldung",
        slug="digitalisierung",
        decision_number="LK-2026-01",
        responsible_person=owner,
        due_date=today + datetime.timedelta(days=60),
    )
    for target in [*marked_processes, sgrp, ssub, agrp, dgrp]:
        DecisionAffectedPage.objects.create(page=open_decision, target=target)
    _publish(open_decision)
    _publish(
        ArticlePageFactory(
            parent=town_a,
            title="Erfahrungen mit der E-Akte",
            slug="e-akte",
            body=[
                ("process", {"process": pgrp, "note": "Vorbild"}),
                ("process", {"process": psub, "note": "Vorbild"}),
            ],
        )
    )

    # Restrictions: every kind, inherited from a department, and nested.
    _restrict(pgrp, PageViewRestriction.GROUPS, [crisis])
    _restrict(sgrp, PageViewRestriction.GROUPS, [crisis])
    _restrict(agrp, PageViewRestriction.GROUPS, [crisis])
    _restrict(dgrp, PageViewRestriction.GROUPS, [committee.members])
    _restrict(ppwd, PageViewRestriction.PASSWORD, password=PAGE_PASSWORD)
    _restrict(plog, PageViewRestriction.LOGIN)
    _restrict(oa.department, PageViewRestriction.GROUPS, [staff_a])
    _restrict(pnest, PageViewRestriction.GROUPS, [crisis])
    _restrict(ptwb, PageViewRestriction.GROUPS, [staff_b])

    # Emergency readiness around the marked pages: an exercise of the restricted scenario with
    # an overdue follow-up, and a released handbook of town A (all staff of A: without SGRP).
    exercise = Exercise.objects.create(
        municipality=town_a,
        title="Stabsübung Stromausfall",
        status=ExerciseStatus.HELD,
        planned_for=today - datetime.timedelta(days=20),
        held_on=today - datetime.timedelta(days=20),
        outcome=ExerciseOutcome.PARTLY,
    )
    exercise.scenarios.set([sgrp, open_scenario])
    exercise.save()
    Finding.objects.create(
        exercise=exercise,
        finding="Telefonliste veraltet",
        measure="Telefonliste erneuern",
        responsible=owner,
        due_date=today - datetime.timedelta(days=1),
    )
    hidden_only = Exercise.objects.create(
        municipality=town_a, title="Planbesprechung", planned_for=today, kind="planbesprechung"
    )
    hidden_only.scenarios.set([sgrp])
    hidden_only.save()
    release_handbook(request_release(town_a, users["wissen-a"]), admin)

    # Knowledge management around the marked pages.
    start_handover(
        owner,
        reason=HandoverReason.ABSENCE,
        last_working_day=today + datetime.timedelta(days=14),
        return_date=today + datetime.timedelta(days=120),
        user=admin,
    )
    leave_feedback(pgrp, users["krisenstab-a"], kind=FeedbackKind.COMMENT, text="Hat sich bewährt.")
    # A barrier report (the accessibility statement's feedback; admin list and edit view).
    BarrierReport.objects.create(message="Der Kontrast der Schlagwörter ist zu schwach.")
    # A read confirmation of a marked page, asked of the whole town (only who may view it).
    start_campaign(
        pgrp, admin, due_date=today + datetime.timedelta(days=7), municipalities=[town_a]
    )
    # A change of a marked page waiting for review.
    editor = users["redaktion-a-bb"]
    draft = type(agrp).objects.get(pk=agrp.pk)
    draft.summary = f"{_text('AGRP')} Überarbeitet."
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)
    # Every live register entry is overdue, so the overdue-review list ("Überfällige
    # Prüfungen") and the due-review panels have the marked pages to (not) show.
    RegisterEntryPage.objects.filter(live=True).update(
        next_review_date=today - datetime.timedelta(days=30)
    )

    descriptions = {
        "PGRP": "Prozess, Gruppe Krisenstab",
        "PPWD": "Prozess, Kennwort",
        "PLOG": "Prozess, Anmeldung",
        "PSUB": "Prozess, geerbt vom Fachbereich (Mitarbeitende VG Talheim)",
        "PNST": "Prozess, Krisenstab und geerbt vom Fachbereich",
        "PTWB": "Prozess, Gruppe Mitarbeitende VG Ufersheim",
        "PDRF": "Prozess, nie veröffentlicht",
        "SGRP": "Notfallszenario, Gruppe Krisenstab",
        "SSUB": "Notfallszenario, geerbt vom Fachbereich",
        "AGRP": "Wiki-Artikel, Gruppe Krisenstab",
        "DGRP": "Beschluss, Gruppe Lenkungskreis",
    }
    pages = {
        "PGRP": pgrp,
        "PPWD": ppwd,
        "PLOG": plog,
        "PSUB": psub,
        "PNST": pnest,
        "PTWB": ptwb,
        "PDRF": pdrf,
        "SGRP": sgrp,
        "SSUB": ssub,
        "AGRP": agrp,
        "DGRP": dgrp,
    }
    return LeakWorld(
        marked={
            code: MarkedPage(code, page.pk, descriptions[code]) for code, page in pages.items()
        },
        users=users,
        town_ids={"a": town_a.pk, "b": town_b.pk},
    )
