"""The shapes of the read API's answers and query parameters (pydantic through django-ninja);
they are what the OpenAPI document at ``/api/v1/openapi.json`` describes.

Field names are English; values are the register's own codes with their German labels
(``{"value": "ist", "label": "Ist"}``), as the search API writes them.
"""

from __future__ import annotations

import datetime
from typing import Generic, TypeVar

from ninja import Field, Schema

#: Default and largest page of a listing.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
#: Beyond any register (keeps the database's OFFSET in range).
MAX_PAGE = 100_000
#: The largest id a page can have (``wagtailcore_page.id`` is a 32-bit integer).
PAGE_ID_MAX = 2**31 - 1
#: What a slug or a code may look like (no NUL bytes or control characters reach the database).
CODE = r"^[\w-]{1,100}$"

Item = TypeVar("Item")


class Choice(Schema):
    value: str
    label: str


class TownRef(Schema):
    id: int
    title: str
    slug: str
    code: str


class DepartmentRef(Schema):
    id: int
    title: str
    code: str


class PageRef(Schema):
    """A link to another register page the reader may see."""

    id: int
    title: str
    type: Choice | None
    url: str | None


class PersonRef(Schema):
    name: str
    role: str


class Paged(Schema, Generic[Item]):
    count: int = Field(description="Anzahl aller Treffer")
    page: int
    pages: int
    page_size: int
    items: list[Item]


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite der Liste, ab 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class EntryFilters(PageParams):
    town: str | None = Field(None, pattern=CODE, description="Kommune (Slug, z. B. vg-diez)")
    department: int | None = Field(
        None, ge=1, le=PAGE_ID_MAX, description="Fachbereich (Seiten-Id)"
    )
    status: str | None = Field(None, pattern=CODE, description="Status (Code, z. B. ist, gueltig)")


class RegisterFilters(EntryFilters):
    type: str | None = Field(
        None,
        pattern=CODE,
        description="Inhaltstyp: prozess, notfallszenario, beschluss oder artikel",
    )


class CategoryFilters(EntryFilters):
    category: str | None = Field(None, pattern=CODE, description="Prozessart bzw. Kategorie (Code)")


class ArticleFilters(EntryFilters):
    kind: str | None = Field(None, pattern=CODE, description="Art des Artikels (Code)")


class DepartmentFilters(PageParams):
    town: str | None = Field(None, pattern=CODE, description="Kommune (Slug)")


# ------------------------------------------------------------------------- register pages


class Entry(Schema):
    """What every register entry shows in a listing."""

    id: int
    title: str
    type: Choice
    url: str | None
    api_url: str
    town: TownRef | None
    department: DepartmentRef | None
    status: Choice | None
    summary: str
    tags: list[str]
    first_published_at: datetime.datetime | None
    last_change: datetime.datetime | None
    next_review_date: datetime.date | None


class Step(Schema):
    name: str
    responsible_role: str
    it_system: str | None
    description: str
    duration: str


class LegalBasis(Schema):
    citation: str
    title: str
    url: str


class Process(Entry):
    register_key: str | None
    category: Choice
    service_key: str
    owner: PersonRef | None
    deputies: list[PersonRef]
    trigger: str
    outcome: str
    inputs: list[str]
    outputs: list[str]
    steps: list[Step]
    legal_bases: list[LegalBasis]
    it_systems: list[str]
    case_volume: int | None
    processing_minutes: int | None
    maturity: Choice | None
    criticality: Choice
    rto_hours: int | None
    share_intermunicipal: bool
    related_processes: list[PageRef]
    scenarios: list[PageRef]
    bpmn_url: str | None = Field(description="Gespeicherte BPMN-Datei, falls vorhanden")
    profile_pdf_url: str | None = Field(description="Prozesssteckbrief als PDF")


class AlarmEntry(Schema):
    role: str
    person: str | None
    substitute: str | None
    phone: str
    availability: str


class Scenario(Entry):
    category: Choice
    owner: PersonRef | None
    description_html: str
    triggers_html: str
    alarm_chain: list[AlarmEntry]
    immediate_actions: list[str]
    continuity_html: str
    recovery_html: str
    resources_html: str
    last_exercise_date: datetime.date | None
    exercise_result: str
    processes: list[PageRef] = Field(description="Betroffene kritische Prozesse")


class Votes(Schema):
    yes: int | None
    no: int | None
    abstain: int | None


class Decision(Entry):
    decision_number: str
    meeting_date: datetime.date | None
    paper_type: str
    decision_text_html: str
    rationale_html: str
    responsible_person: PersonRef | None
    responsible_department: DepartmentRef | None
    due_date: datetime.date | None
    votes: Votes
    affected_towns: list[TownRef]
    affected_pages: list[PageRef]


class Article(Entry):
    kind: Choice
    owner: PersonRef | None
    body_html: str


# --------------------------------------------------------------------------- organisation


class Town(Schema):
    id: int
    title: str
    slug: str
    code: str
    ags: str
    kind: Choice
    state: Choice
    url: str | None
    api_url: str


class TownDetail(Town):
    description: str
    departments: list[DepartmentRef]


class Department(Schema):
    id: int
    title: str
    code: str
    town: TownRef | None
    url: str | None
    api_url: str


class DepartmentDetail(Department):
    description: str
    entry_count: int = Field(description="Sichtbare Registereinträge des Fachbereichs")


class Error(Schema):
    detail: str
