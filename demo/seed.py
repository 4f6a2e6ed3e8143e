"""Map the demo data (``demo.data``) onto pages, snippets and accounts.

:func:`seed_demo` runs the steps in :data:`STEPS` inside one transaction. Every step is
idempotent: it looks entries up by their natural key (slug below the parent, e-mail, name,
user name), writes only what differs and publishes a page only when it is new or changed.
Later features add their own steps (``STEPS.append(...)``) working on the same
:class:`SeedContext`.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from wagtail.models import Page

from demo import data
from demo.accounts import DemoAccount, provision_demo_roles
from demo.continuity import seed_continuity
from demo.data.organisation import (
    department_codes,
    department_title,
    person_email,
    person_phone,
)
from demo.data.types import Callout, ProcessEmbed, ProcessSpec, ProcessTopic, Step
from demo.decision_tracking import seed_decision_tracking
from demo.readiness import seed_readiness
from demo.report import CREATED, UNCHANGED, UPDATED, SeedReport
from demo.sync import (
    PageChange,
    assign,
    prepare_page,
    publish,
    set_children,
    set_file,
    upsert,
)
from home.models import HomePage
from knowledge.models import Adoption
from prozesse.models import (
    ArticlePage,
    CommitteeSectionPage,
    DecisionAffectedPage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    ITSystem,
    MunicipalityKind,
    MunicipalityPage,
    Person,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryPage,
    RegisterPage,
    RelatedProcess,
    ScenarioProcess,
)
from search.indexing import deferred_indexing

BPMN_DIR = Path(__file__).parent / "bpmn"


@dataclass
class SeedContext:
    """Everything the steps share: the report and the objects created so far, by data key."""

    report: SeedReport
    stdout: TextIO | None = None
    users: dict[str, AbstractUser] = field(default_factory=dict)
    home: HomePage | None = None
    register: RegisterPage | None = None
    committee: CommitteeSectionPage | None = None
    municipalities: dict[str, MunicipalityPage] = field(default_factory=dict)
    departments: dict[tuple[str, str], DepartmentPage] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    it_systems: dict[str, ITSystem] = field(default_factory=dict)
    #: Processes and scenarios by reference ``"<municipality slug>/<page slug>"``.
    processes: dict[str, ProcessPage] = field(default_factory=dict)
    scenarios: dict[str, EmergencyScenarioPage] = field(default_factory=dict)
    decisions: dict[str, DecisionPage] = field(default_factory=dict)
    articles: dict[str, ArticlePage] = field(default_factory=dict)

    @property
    def admin(self) -> AbstractUser:
        """The account that publishes the demo revisions."""
        return self.users["admin"]

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"{message}\n")

    def person(self, key: str | None) -> Person | None:
        return self.people[key] if key else None

    def entry(self, ref: str) -> Page:
        """A process or scenario by reference."""
        return self.processes.get(ref) or self.scenarios[ref]

    def finish(
        self, kind: str, change: PageChange, review_due: datetime.date | None = None
    ) -> Page:
        """Publish if needed, apply an overdue review date and record the outcome."""
        publish(change, self.admin)
        outcome = change.outcome
        if set_review_due(change.page, review_due) and outcome == UNCHANGED:
            outcome = UPDATED
        self.report.record(kind, outcome)
        return change.page


def set_review_due(page: RegisterEntryPage, due: datetime.date | None) -> bool:
    """Force a (past) review date. New pages refuse past dates, so it is written directly."""
    if due is None or page.next_review_date == due:
        return False
    RegisterEntryPage.objects.filter(pk=page.pk).update(next_review_date=due)
    page.next_review_date = due
    return True


# ---------------------------------------------------------------------------- accounts


def seed_users(ctx: SeedContext) -> None:
    """seed_demo's own demo accounts with their documented passwords (runs first: the admin
    publishes); the role accounts come with their roles (``seed_roles``)."""
    user_model = get_user_model()
    for spec in data.DEMO_USERS:
        if spec.joins_role_group:
            continue
        user = user_model.objects.filter(username=spec.username).first()
        created = user is None
        if created:
            user = user_model(username=spec.username)
        changed = assign(
            user,
            {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
                "is_superuser": spec.is_superuser,
                "is_staff": spec.is_staff,
                "is_active": True,
            },
        )
        if created or not user.check_password(spec.password):
            user.set_password(spec.password)
            changed = True
        if changed:
            user.save()
        ctx.users[spec.username] = user
        ctx.report.record("users", CREATED if created else UPDATED if changed else UNCHANGED)
        ctx.report.accounts.append(
            DemoAccount(spec.username, spec.password, spec.name, spec.role_label)
        )


# ---------------------------------------------------------------------------- organisation


def seed_organisation(ctx: SeedContext) -> None:
    """Register page, steering committee, municipalities and their departments."""
    ctx.log("Organisation: Kommunen und Fachbereiche …")
    home = ctx.home = HomePage.objects.get(depth=2)
    sections = data.HOME_SECTIONS
    register = sections["register"]
    ctx.register = ctx.finish(
        "sections",
        prepare_page(home, RegisterPage, register["slug"], {"title": register["title"]}),
    )
    committee = sections["committee"]
    ctx.committee = ctx.finish(
        "sections",
        prepare_page(
            home,
            CommitteeSectionPage,
            committee["slug"],
            {k: committee[k] for k in ("title", "committee_name", "description")},
        ),
    )
    for town in data.MUNICIPALITIES:
        values = {
            "title": town.title,
            "kind": MunicipalityKind.ASSOCIATION,
            "ags": town.ags,
            "state": "RP",
            "code": town.code,
            "description": town.description,
        }
        page = ctx.finish("municipalities", prepare_page(home, MunicipalityPage, town.slug, values))
        ctx.municipalities[town.slug] = page
        for code in department_codes(town):
            department = data.DEPARTMENTS[code]
            values = {
                "title": department_title(town, code),
                "code": code,
                "description": department.description,
            }
            ctx.departments[(town.slug, code)] = ctx.finish(
                "departments", prepare_page(page, DepartmentPage, department.slug, values)
            )


def seed_people(ctx: SeedContext) -> None:
    """People (by e-mail) and their links to the demo accounts."""
    ctx.log("Personen …")
    accounts = {spec.person: ctx.users[spec.username] for spec in data.DEMO_USERS if spec.person}
    for spec in data.PEOPLE:
        email = person_email(spec)
        town = spec.municipality
        values: dict[str, Any] = {
            "name": spec.name,
            "role": spec.role,
            "municipality": ctx.municipalities[town] if town else None,
            "department": ctx.departments[(town, spec.department)] if town else None,
            "email": email,
            "phone": person_phone(spec),
        }
        if spec.key in accounts:
            user = accounts[spec.key]
            Person.objects.filter(user=user).exclude(email=email).update(user=None)
            values["user"] = user
        # Natural key: the e-mail address; external contacts without one by name.
        lookup = {"email": email} if email else {"name": spec.name, "municipality": None}
        person, outcome = upsert(Person, lookup, values)
        ctx.people[spec.key] = person
        ctx.report.record("people", outcome)


def seed_it_systems(ctx: SeedContext) -> None:
    ctx.log("Fachverfahren …")
    for spec in data.IT_SYSTEMS:
        values = {"vendor": spec.vendor, "description": spec.description, "url": spec.url}
        system, outcome = upsert(ITSystem, {"name": spec.name}, values)
        ctx.it_systems[spec.name] = system
        ctx.report.record("it_systems", outcome)


# ---------------------------------------------------------------------------- processes


def _step_block(ctx: SeedContext, step: Step) -> dict[str, Any]:
    system = ctx.it_systems[step.system].pk if step.system else None
    return {
        "type": "step",
        "value": {
            "name": step.name,
            "responsible_role": step.role,
            "it_system": system,
            "description": step.description,
            "duration": step.duration,
        },
    }


def _process_ref(spec: ProcessSpec, ref: str) -> str:
    return ref if "/" in ref else f"{spec.municipality}/{ref}"


def _process_values(ctx: SeedContext, spec: ProcessSpec, topic: ProcessTopic) -> dict[str, Any]:
    return {
        "title": topic.title,
        "summary": topic.summary,
        "category": topic.category,
        "status": spec.status,
        "trigger": topic.trigger,
        "outcome": topic.outcome,
        "inputs": "\n".join(topic.inputs),
        "outputs": "\n".join(topic.outputs),
        "steps": [_step_block(ctx, step) for step in topic.steps],
        "legal_bases": [
            {
                "type": "legal_basis",
                "value": {"norm": law.norm, "title": law.title, "url": law.url},
            }
            for law in topic.laws
        ],
        "service_key": topic.service_key,
        "case_volume": topic.case_volume,
        "processing_minutes": topic.processing_minutes,
        "maturity": topic.maturity,
        "criticality": topic.criticality,
        "rto_hours": topic.rto_hours,
        "share_intermunicipal": spec.share,
        "content_owner": ctx.people[spec.owner],
    }


def _changed_on_purpose_after_adoption(page: ProcessPage) -> bool:
    """The knowledge demo republishes one adopted origin with changes, so that the copy shows
    "Original wurde geändert"; seeding again must not undo that."""

    return Adoption.objects.filter(origin=page, origin_changed=True).exists()


def seed_processes(ctx: SeedContext) -> None:
    """Process profiles; related-process links need all pages, so publishing comes second."""
    ctx.log("Prozesssteckbriefe …")
    changes: list[tuple[ProcessSpec, PageChange]] = []
    for spec in data.PROCESSES:
        topic = spec.resolve(data.TOPICS)
        bpmn = (BPMN_DIR / topic.bpmn).read_bytes() if topic.bpmn else None

        def attach_bpmn(page: ProcessPage, bpmn=bpmn, name=topic.bpmn) -> bool:
            if not set_file(page, "bpmn_file", bpmn, name):
                return False
            page.bpmn_outline = []  # derive outline, SVG and text again from the new file
            return True

        change = prepare_page(
            ctx.departments[(spec.municipality, topic.department)],
            ProcessPage,
            topic.slug,
            _process_values(ctx, spec, topic),
            many={"it_systems": [ctx.it_systems[name] for name in topic.systems]},
            tags=topic.tags,
            children={
                "deputies": (ProcessDeputy, [{"person": ctx.people[k]} for k in spec.deputies])
            },
            extra=attach_bpmn,
        )
        if not change.created and _changed_on_purpose_after_adoption(change.page):
            change.changed = False
        ctx.processes[spec.ref] = change.page
        changes.append((spec, change))
    for spec, change in changes:
        rows = [{"process": ctx.processes[_process_ref(spec, ref)]} for ref in spec.related]
        change.changed |= set_children(change.page, "related_process_links", RelatedProcess, rows)
        ctx.processes[spec.ref] = ctx.finish("processes", change, spec.review_due)


# ---------------------------------------------------------------------------- scenarios


def seed_scenarios(ctx: SeedContext) -> None:
    ctx.log("Notfallszenarien …")
    for spec in data.SCENARIOS:
        alarm_chain = [
            {
                "type": "entry",
                "value": {
                    "role": entry.role,
                    "person": entry.person and ctx.people[entry.person].pk,
                    "substitute": entry.substitute and ctx.people[entry.substitute].pk,
                    "phone": entry.phone,
                    "availability": entry.availability,
                },
            }
            for entry in spec.alarm_chain
        ]
        values = {
            "title": spec.title,
            "summary": spec.summary,
            "category": spec.category,
            "status": spec.status,
            "description": spec.description,
            "triggers": spec.triggers,
            "alarm_chain": alarm_chain,
            "immediate_actions": [{"type": "action", "value": text} for text in spec.actions],
            "continuity": spec.continuity,
            "recovery": spec.recovery,
            "resources": spec.resources,
            "content_owner": ctx.people[spec.owner],
        }
        processes = [ctx.processes[f"{spec.municipality}/{slug}"] for slug in spec.processes]
        change = prepare_page(
            ctx.departments[(spec.municipality, spec.department)],
            EmergencyScenarioPage,
            spec.slug,
            values,
            tags=spec.tags,
            children={"process_links": (ScenarioProcess, [{"process": p} for p in processes])},
        )
        ctx.scenarios[spec.ref] = ctx.finish("scenarios", change, spec.review_due)


# ---------------------------------------------------------------------------- committee


def seed_decisions(ctx: SeedContext) -> None:
    ctx.log("Beschlüsse des Lenkungskreises …")
    for spec in data.DECISIONS:
        yes, no, abstain = spec.votes or (None, None, None)
        department = spec.responsible_department
        values = {
            "title": spec.title,
            "summary": spec.summary,
            "decision_number": spec.number,
            "meeting_date": spec.meeting_date,
            "decision_status": spec.status,
            "decision_text": spec.decision_text,
            "rationale": spec.rationale,
            "paper_type": spec.paper_type,
            "responsible_person": ctx.person(spec.responsible_person),
            "responsible_department": ctx.departments[department] if department else None,
            "due_date": spec.due_date,
            "votes_yes": yes,
            "votes_no": no,
            "votes_abstain": abstain,
            "content_owner": ctx.person(spec.owner),
        }
        towns = spec.municipalities or tuple(ctx.municipalities)
        change = prepare_page(
            ctx.committee,
            DecisionPage,
            spec.slug,
            values,
            many={"affected_municipalities": [ctx.municipalities[slug] for slug in towns]},
            tags=spec.tags,
            children={
                "affected_page_links": (
                    DecisionAffectedPage,
                    [{"target": ctx.entry(ref)} for ref in spec.affected],
                )
            },
        )
        ctx.decisions[spec.number] = ctx.finish("decisions", change)


# ---------------------------------------------------------------------------- articles


def _body_block(ctx: SeedContext, item: str | Callout | ProcessEmbed) -> dict[str, Any]:
    if isinstance(item, Callout):
        value = {"kind": item.kind, "heading": item.heading, "text": item.text}
        return {"type": "callout", "value": value}
    if isinstance(item, ProcessEmbed):
        value = {"process": ctx.processes[item.process].pk, "note": item.note}
        return {"type": "process", "value": value}
    return {"type": "text", "value": item}


def seed_articles(ctx: SeedContext) -> None:
    ctx.log("Wiki-Artikel …")
    for spec in data.ARTICLES:
        if spec.department:
            parent: Page = ctx.departments[(spec.municipality, spec.department)]
        else:
            parent = ctx.municipalities[spec.municipality]
        values = {
            "title": spec.title,
            "summary": spec.summary,
            "kind": spec.kind,
            "body": [_body_block(ctx, item) for item in spec.body],
            "content_owner": ctx.people[spec.owner],
        }
        change = prepare_page(parent, ArticlePage, spec.slug, values, tags=spec.tags)
        key = f"{spec.municipality}/{spec.slug}"
        ctx.articles[key] = ctx.finish("articles", change, spec.review_due)


# ---------------------------------------------------------------------------- entry point


#: The seeding steps in order. Accounts come first because the admin publishes the pages.
def seed_roles(ctx: SeedContext) -> None:
    """Groups, page permissions and workflows for every department, and one user per role."""
    ctx.report.accounts.extend(provision_demo_roles(ctx.departments[("diez", "BB")]))


STEPS: list[Callable[[SeedContext], None]] = [
    seed_users,
    seed_organisation,
    seed_people,
    seed_it_systems,
    seed_processes,
    seed_scenarios,
    seed_decisions,
    seed_articles,
    seed_decision_tracking,
    seed_continuity,
    seed_roles,
    # After the roles: the handbook release is requested and released by role accounts.
    seed_readiness,
]


def seed_demo(*, stdout: TextIO | None = None) -> SeedReport:
    """Create or update the demo content; safe to run again (changes nothing the second time)."""
    started = time.monotonic()
    ctx = SeedContext(report=SeedReport(), stdout=stdout)
    with deferred_indexing(), transaction.atomic():
        for step in STEPS:
            step(ctx)
    ctx.report.seconds = time.monotonic() - started
    return ctx.report
