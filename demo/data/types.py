"""Plain data types for the demo content (no Django imports).

References between entries are plain strings:

* people: a short key such as ``"die-kraemer"`` (see ``organisation.PEOPLE``),
* IT systems: their name (``"VOIS|MESO"``),
* departments: ``(municipality slug, department code)``,
* processes and scenarios: ``"<municipality slug>/<page slug>"``, e.g. ``"diez/gewerbeanmeldung"``;
  inside a process spec a bare slug means "in the same municipality".
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------- organisation


@dataclass(frozen=True)
class DepartmentData:
    code: str
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class MunicipalityData:
    slug: str
    title: str
    code: str
    ags: str
    domain: str
    phone_prefix: str
    description: str
    #: Department codes; a ``(code, title)`` pair renames the department for this town.
    departments: tuple[str | tuple[str, str], ...]


@dataclass(frozen=True)
class PersonData:
    """Staff of a municipality (e-mail and phone derived from the town), or an external
    contact (no municipality; full ``phone``, optional ``email``)."""

    key: str
    name: str
    role: str
    municipality: str
    department: str
    extension: str
    phone: str = ""
    email: str = ""

    @property
    def first_and_last_name(self) -> tuple[str, str]:
        first, _, last = self.name.rpartition(" ")
        return first, last


@dataclass(frozen=True)
class ITSystemData:
    name: str
    vendor: str
    description: str
    url: str = ""


# ---------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Step:
    name: str
    role: str
    system: str | None = None
    description: str = ""
    duration: str = ""


@dataclass(frozen=True)
class Law:
    norm: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class ProcessTopic:
    """A process topic shared by several municipalities (same service, same LeiKa key)."""

    slug: str
    title: str
    department: str
    summary: str
    category: str
    trigger: str
    outcome: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    steps: tuple[Step, ...]
    laws: tuple[Law, ...] = ()
    service_key: str = ""
    systems: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    case_volume: int | None = None
    processing_minutes: int | None = None
    maturity: int | None = None
    criticality: str = "normal"
    rto_hours: int | None = None
    #: File name below ``demo/bpmn/``.
    bpmn: str = ""


@dataclass(frozen=True)
class ProcessSpec:
    """One municipality's process for a topic; ``overrides`` replace topic fields."""

    municipality: str
    topic: str
    owner: str
    deputies: tuple[str, ...] = ()
    status: str = "ist"
    related: tuple[str, ...] = ()
    #: A past date: the review is overdue (set after publishing; new pages refuse it).
    review_due: datetime.date | None = None
    share: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)

    def resolve(self, topics: dict[str, ProcessTopic]) -> ProcessTopic:
        return dataclasses.replace(topics[self.topic], **self.overrides)

    @property
    def ref(self) -> str:
        return f"{self.municipality}/{self.topic}"


# ---------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class AlarmEntry:
    role: str
    person: str | None
    substitute: str | None
    phone: str
    availability: str


@dataclass(frozen=True)
class ScenarioData:
    municipality: str
    department: str
    slug: str
    title: str
    category: str
    owner: str
    summary: str
    description: str
    triggers: str
    alarm_chain: tuple[AlarmEntry, ...]
    actions: tuple[str, ...]
    continuity: str
    recovery: str
    resources: str
    #: Process slugs of the same municipality.
    processes: tuple[str, ...]
    last_exercise: datetime.date | None = None
    exercise_result: str = ""
    status: str = "gueltig"
    tags: tuple[str, ...] = ()
    review_due: datetime.date | None = None

    @property
    def ref(self) -> str:
        return f"{self.municipality}/{self.slug}"


# ---------------------------------------------------------------------------- committee


@dataclass(frozen=True)
class DecisionData:
    number: str
    title: str
    meeting_date: datetime.date
    status: str
    summary: str
    decision_text: str
    rationale: str
    responsible_person: str | None
    responsible_department: tuple[str, str] | None
    due_date: datetime.date | None
    votes: tuple[int, int, int] | None
    #: Municipality slugs; empty means all.
    municipalities: tuple[str, ...] = ()
    #: Process or scenario references ``"<town>/<slug>"``.
    affected: tuple[str, ...] = ()
    owner: str | None = None
    paper_type: str = "Beschlussvorlage"
    tags: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.number.lower()


# ---------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class Callout:
    kind: str
    heading: str
    text: str


@dataclass(frozen=True)
class ProcessEmbed:
    process: str
    note: str = ""


@dataclass(frozen=True)
class ArticleData:
    municipality: str
    #: Department code, or None for an article directly below the municipality.
    department: str | None
    slug: str
    title: str
    kind: str
    owner: str
    summary: str
    #: HTML strings ("text" blocks), callouts and embedded processes, in order.
    body: tuple[str | Callout | ProcessEmbed, ...]
    tags: tuple[str, ...] = ()
    review_due: datetime.date | None = None


# ---------------------------------------------------------------------------- accounts


#: Roles whose demo accounts seed_demo makes before any content: the administrator publishes
#: the demo pages, the staff account is a person of the demo. Every other demo account is made
#: with its role (``demo.accounts.provision_demo_roles``).
SEEDED_ROLES = ("administration", "mitarbeitende")


@dataclass(frozen=True)
class DemoUser:
    """A demo account with its documented password (README)."""

    username: str
    password: str
    #: Key of the role (``prozesse.roles.matrix.ROLES``); role accounts join its group.
    role: str
    first_name: str
    last_name: str
    email: str
    #: The role as seed_demo's account table names it; empty: the name of the role's group.
    role_label: str = ""
    is_superuser: bool = False
    is_staff: bool = False
    #: Key of the Person this account belongs to.
    person: str | None = None

    @property
    def joins_role_group(self) -> bool:
        """Whether the account is made with its role and joins the role's group (else seed_demo
        makes it first, see ``SEEDED_ROLES``)."""
        return self.role not in SEEDED_ROLES

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# ---------------------------------------------------------------------------- helpers


def html(*paragraphs: str) -> str:
    """Paragraphs as rich text; items starting with ``<`` are taken as HTML already."""
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
