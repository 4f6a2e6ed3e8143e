"""Bulk generator for a realistic register: municipalities → departments → processes, plus
emergency scenarios, committee decisions and wiki articles, with people, IT systems, tags, steps,
legal bases and BPMN diagrams.

Django's ``bulk_create`` cannot write multi-table models (Page → RegisterEntryPage →
ProcessPage), so the generator builds ordinary model instances (so field defaults and fields
added later are honoured), computes the treebeard paths itself, reserves page ids from the
sequence and writes every table of the inheritance chain with PostgreSQL ``COPY``. Nothing is
indexed here: the runner measures indexing separately.
"""

from __future__ import annotations

import datetime
import math
import random
import time
import unicodedata
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from psycopg import sql
from taggit.models import Tag
from wagtail.models import Page

from bench.corpus import (
    DEPARTMENTS,
    DURATIONS,
    FIRST_NAMES,
    IMMEDIATE_ACTIONS,
    LAST_NAMES,
    MUNICIPALITY_NAMES,
    OUTCOMES,
    ROOT,
    SCENARIOS,
    STEP_VERBS,
    TITLE_VARIANTS,
    TRIGGERS,
    Corpus,
    load_corpus,
)
from home.models import HomePage
from prozesse.models import (
    ArticlePage,
    CommitteeSectionPage,
    DecisionAffectedPage,
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    ITSystem,
    MunicipalityPage,
    Person,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryTag,
    RegisterPage,
    ScenarioProcess,
)

#: BPMN models shown on generated process pages: German models first (weighted), then a few
#: reference models of the BPMN MIWG suite.
BPMN_SOURCES = (
    ("tests/fixtures/bpmn/rechnungseingang.bpmn", 3),
    ("demo/bpmn/gewerbeanmeldung.bpmn", 3),
    ("demo/bpmn/posteingang_e_akte.bpmn", 3),
    ("../shared/data/bpmn-miwg/Reference/A.2.0.bpmn", 1),
    ("../shared/data/bpmn-miwg/Reference/A.4.0.bpmn", 1),
    ("../shared/data/bpmn-miwg/Reference/C.1.0.bpmn", 1),
)


@dataclass(frozen=True)
class Plan:
    processes: int
    municipalities: int = 50
    departments_per_municipality: int = 10
    people_per_department: int = 3
    bpmn_share: float = 0.25
    seed: int = 2026

    @property
    def scenarios(self) -> int:
        return max(1, self.processes // 100)

    @property
    def decisions(self) -> int:
        return max(1, self.processes // 200)

    @property
    def articles(self) -> int:
        return max(1, self.processes // 200)


@dataclass
class Generated:
    plan: Plan
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    municipality_slugs: list[str] = field(default_factory=list)
    process_ids: list[int] = field(default_factory=list)
    scenario_ids: list[int] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(v for k, v in self.counts.items() if k.endswith("Page"))


# ---------------------------------------------------------------------------------- writing
def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    return slugify(_ascii(text))[:70].strip("-") or "seite"


def copy_rows(model, objects, fields=None) -> int:
    """Write ``objects`` into ``model``'s own table with COPY (only its local columns).

    An auto primary key left unset is filled by the database."""
    if not objects:
        return 0
    fields = list(fields or model._meta.local_concrete_fields)
    pk = model._meta.pk
    if pk in fields and getattr(objects[0], pk.attname) is None:
        fields.remove(pk)
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(f.column) for f in fields),
    )
    prep = [(f.attname, f.get_db_prep_save) for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objects:
            copy.write_row([to_db(getattr(obj, attname), connection) for attname, to_db in prep])
    return len(objects)


def write_pages(pages: list[Page]) -> None:
    """Write pages of one or more specific classes through their whole table chain."""
    by_class: dict[type, list[Page]] = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    # The Page table first, so the child tables' foreign keys resolve.
    copy_rows(Page, pages)
    for cls, objects in by_class.items():
        chain = [*reversed(cls._meta.get_parent_list()), cls]
        for model in chain[1:]:
            copy_rows(model, objects)


class TreeBuilder:
    """Hands out page ids and treebeard paths for new children of existing or new pages."""

    def __init__(self, reserve: int):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('wagtailcore_page', 'id')) "
                "FROM generate_series(1, %s)",
                [reserve],
            )
            self._ids = [row[0] for row in cursor.fetchall()]
        self._next_id = 0
        self._children: Counter[str] = Counter()
        self.touched: dict[str, int] = {}  # path → page id of parents whose numchild changes

    def next_id(self) -> int:
        value = self._ids[self._next_id]
        self._next_id += 1
        return value

    def start_after_existing(self, parent: Page) -> None:
        last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        last = last.order_by("-path").values_list("path", flat=True).first()
        self._children[parent.path] = Page._str2int(last[-Page.steplen :]) if last else 0

    def place(self, page: Page, parent_path: str, parent_url_path: str, parent_id: int) -> None:
        self._children[parent_path] += 1
        step = Page._int2str(self._children[parent_path]).rjust(Page.steplen, "0")
        page.path = parent_path + step
        page.depth = len(page.path) // Page.steplen
        page.url_path = f"{parent_url_path}{page.slug}/"
        page.id = self.next_id()
        for link in _parent_links(type(page)):
            setattr(page, link, page.id)
        self.touched[parent_path] = parent_id


@cache
def _parent_links(model) -> tuple[str, ...]:
    """Attribute names of the multi-table parent links (page_ptr_id, …) of ``model``."""
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if f.one_to_one and f.remote_field.parent_link
    )


def _fix_numchild(paths: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE wagtailcore_page AS parent SET numchild = (
                SELECT count(*) FROM wagtailcore_page AS child
                WHERE child.path LIKE parent.path || '____' AND child.depth = parent.depth + 1
            ) WHERE parent.id = ANY(%s)
            """,
            [list(paths.values())],
        )


# ---------------------------------------------------------------------------------- content
def _bpmn_models() -> list[tuple[dict, int]]:
    from prozesse.formats.bpmn import BpmnError, parse_bpmn
    from prozesse.formats.bpmn.svg import render_svg
    from prozesse.models.process import outline_as_json

    found = []
    for relative, weight in BPMN_SOURCES:
        path = (ROOT / relative).resolve()
        if not path.is_file():
            continue
        try:
            model = parse_bpmn(path.read_bytes())
        except BpmnError:
            continue
        found.append(
            (
                {
                    "bpmn_file": f"bpmn/bench/{path.name}",
                    "bpmn_svg": render_svg(model, title=path.stem) or "",
                    "bpmn_outline": outline_as_json(model),
                    "bpmn_text": model.searchable_text(),
                },
                weight,
            )
        )
    return found


def _municipality_code(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in _ascii(name).upper() if ch.isalpha())[:3] or "KOM"
    code, number = base, 1
    while code in used:
        number += 1
        code = f"{base[:2]}{number}"
    used.add(code)
    return code


def _stream(block_type: str, values) -> list[dict]:
    return [{"type": block_type, "value": value, "id": str(uuid.uuid4())} for value in values]


def _html(sentences) -> str:
    return "".join(f"<p>{s}</p>" for s in sentences)


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


@transaction.atomic
def generate(plan: Plan, log=print) -> Generated:
    """Create the register described by ``plan`` under the site's home page."""
    started = time.perf_counter()
    rng = random.Random(plan.seed)
    corpus: Corpus = load_corpus()
    result = Generated(plan)
    now = timezone.now()
    today = timezone.localdate()
    home = HomePage.objects.order_by("depth", "path").first()
    if home is None:
        raise RuntimeError("No home page: run the migrations first.")
    locale_id = home.locale_id
    n_departments = min(plan.departments_per_municipality, len(DEPARTMENTS))
    n_municipalities = min(plan.municipalities, len(MUNICIPALITY_NAMES))
    total_pages = (
        2
        + n_municipalities * (1 + n_departments)
        + plan.processes
        + plan.scenarios
        + plan.decisions
        + plan.articles
    )
    tree = TreeBuilder(total_pages)
    tree.start_after_existing(home)

    def published(days_ago_max: int = 1000) -> dict:
        first = now - datetime.timedelta(
            days=rng.randint(30, days_ago_max), hours=rng.randint(0, 23)
        )
        last = min(now, first + datetime.timedelta(days=rng.randint(0, 400)))
        return {
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": first,
            "last_published_at": last,
            "latest_revision_created_at": last,
            "locale_id": locale_id,
            "numchild": 0,
        }

    def new_page(cls, parent: Page, title: str, slug: str, **fields):
        page = cls(title=title, draft_title=title, slug=slug, **published(), **fields)
        page.content_type_id = ContentType.objects.get_for_model(cls).id
        tree.place(page, parent.path, parent.url_path, parent.id)
        return page

    # -------------------------------------------------------------- sections under home
    sections: list[Page] = []
    register_page = None
    if not RegisterPage.objects.exists():
        register_page = new_page(RegisterPage, home, "Prozessregister", "prozessregister")
        sections.append(register_page)
    committee = new_page(
        CommitteeSectionPage,
        home,
        "Lenkungskreis Digitalisierung",
        f"lenkungskreis-bench-{plan.seed}",
        committee_name="Lenkungskreis Digitalisierung der kooperierenden Kommunen",
        description="Entscheidet über gemeinsame Standards, Fachverfahren und Prioritäten.",
    )
    sections.append(committee)

    # -------------------------------------------------------------- municipalities, departments
    used_codes = set(MunicipalityPage.objects.values_list("code", flat=True))
    used_ags = set(MunicipalityPage.objects.values_list("ags", flat=True))
    used_slugs = set(Page.objects.filter(depth=home.depth + 1).values_list("slug", flat=True))
    municipalities, departments = [], []
    department_meta = {}  # department page id → (Department, municipality page)
    for index, name in enumerate(MUNICIPALITY_NAMES[:n_municipalities]):
        kind = "verbandsgemeinde" if index % 7 else "stadt"
        title = f"{'Verbandsgemeinde' if kind == 'verbandsgemeinde' else 'Stadt'} {name}"
        slug = _slug(f"vg-{name}" if kind == "verbandsgemeinde" else name)
        while slug in used_slugs:
            slug += "-b"
        used_slugs.add(slug)
        ags = f"07{1 + index % 9}{index:02d}{rng.randint(100, 999)}"
        while ags in used_ags:
            ags = f"{int(ags) + 1:08d}"
        used_ags.add(ags)
        municipality = new_page(
            MunicipalityPage,
            home,
            title,
            slug,
            kind=kind,
            ags=ags,
            state="RP",
            code=_municipality_code(name, used_codes),
            description=f"{title} im Landkreis – Mitglied im interkommunalen Prozessregister.",
        )
        municipalities.append(municipality)
        result.municipality_slugs.append(slug)
        offset = index % len(DEPARTMENTS)
        for k in range(n_departments):
            spec = DEPARTMENTS[(offset + k) % len(DEPARTMENTS)]
            department = new_page(
                DepartmentPage,
                municipality,
                spec.title,
                _slug(spec.title),
                code=spec.code,
                description=spec.description,
            )
            departments.append(department)
            department_meta[department.id] = (spec, municipality)
    write_pages([*sections, *municipalities, *departments])
    log(f"  {len(municipalities)} municipalities, {len(departments)} departments")

    # -------------------------------------------------------------- snippets and tags
    system_names = sorted({name for spec in DEPARTMENTS for name in spec.systems})
    existing_systems = set(ITSystem.objects.values_list("name", flat=True))
    ITSystem.objects.bulk_create(
        [
            ITSystem(
                name=name, vendor="Kommunaler IT-Dienstleister", description=f"Fachverfahren {name}"
            )
            for name in system_names
            if name not in existing_systems
        ]
    )
    system_ids = dict(ITSystem.objects.filter(name__in=system_names).values_list("name", "id"))
    people = []
    for department in departments:
        spec, municipality = department_meta[department.id]
        for _ in range(plan.people_per_department):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(
                Person(
                    name=f"{first} {last}",
                    role=rng.choice(spec.roles),
                    municipality_id=municipality.id,
                    department_id=department.id,
                    email=f"{_slug(first)}.{_slug(last)}@{municipality.slug}.de",
                    phone=f"0{rng.randint(2600, 6899)} {rng.randint(100, 999)}-{rng.randint(10, 99)}",  # noqa: E501
                )
            )
    Person.objects.bulk_create(people, batch_size=2000)
    people_by_department = defaultdict(list)
    for person in people:
        people_by_department[person.department_id].append(person.id)
    tag_names = sorted(
        {tag for spec in DEPARTMENTS for tag in spec.tags}
        | {"Interkommunal", "OZG-Leistung", "Notfallrelevant", "Datenschutz"}
    )
    Tag.objects.bulk_create(
        [Tag(name=name, slug=_slug(name)) for name in tag_names], ignore_conflicts=True
    )
    tag_ids = dict(Tag.objects.filter(name__in=tag_names).values_list("name", "id"))

    # -------------------------------------------------------------- processes
    bpmn = _bpmn_models()
    bpmn_values = [value for value, _weight in bpmn]
    bpmn_weights = [weight for _value, weight in bpmn]
    statuses = (["ist"] * 12) + (["soll"] * 4) + (["in_ueberarbeitung"] * 3) + ["archiviert"]
    categories = (["kern"] * 7) + (["unterstuetzung"] * 2) + ["fuehrung"]
    criticalities = (["normal"] * 5) + (["hoch"] * 2) + (["niedrig"] * 2) + ["sehr_hoch"]
    process_through = ProcessPage.it_systems.through
    processes, tags, systems, deputies = [], [], [], []
    processes_by_municipality = defaultdict(list)
    key_numbers: Counter[int] = Counter()
    # Spread processes evenly over the departments; each gets its services in turn.
    for number in range(plan.processes):
        department = departments[number % len(departments)]
        spec, municipality = department_meta[department.id]
        key_numbers[department.id] += 1
        serial = key_numbers[department.id]
        service = spec.services[(serial - 1) % len(spec.services)]
        title = service + rng.choice(TITLE_VARIANTS)
        paragraphs = rng.sample(corpus.paragraphs(spec.laws), k=min(3, rng.randint(1, 3)))
        law_sentences = [s for p in paragraphs for s in p.sentences]
        summary = f"{service} in der {municipality.title} ({spec.title}). " + " ".join(
            rng.sample(law_sentences, k=min(2, len(law_sentences)))
        )
        dept_systems = [system_ids[name] for name in spec.systems if name in system_ids]
        step_names = sorted(rng.sample(range(len(STEP_VERBS)), k=rng.randint(3, 8)))
        steps = _stream(
            "step",
            [
                {
                    "name": STEP_VERBS[i],
                    "responsible_role": rng.choice(spec.roles),
                    "it_system": rng.choice(dept_systems)
                    if dept_systems and rng.random() < 0.5
                    else None,
                    "description": rng.choice(law_sentences) if rng.random() < 0.6 else "",
                    "duration": rng.choice(DURATIONS),
                }
                for i in step_names
            ],
        )
        legal_bases = _stream(
            "legal_basis", [{"norm": p.norm, "title": p.title, "url": p.url} for p in paragraphs]
        )
        owner_candidates = people_by_department[department.id]
        fields = {
            "summary": summary[:1000],
            "content_owner_id": rng.choice(owner_candidates) if owner_candidates else None,
            "next_review_date": today + datetime.timedelta(days=rng.randint(-90, 365)),
            "municipality_id": municipality.id,
            "department_id": department.id,
            "register_key": f"{municipality.code}-{spec.code}-{serial:04d}",
            "category": rng.choice(categories),
            "status": rng.choice(statuses),
            "trigger": rng.choice(TRIGGERS),
            "outcome": rng.choice(OUTCOMES),
            "inputs": "Antragsformular\nNachweise nach Merkblatt",
            "outputs": "Bescheid oder Bescheinigung",
            "steps": steps,
            "legal_bases": legal_bases,
            "service_key": f"99{rng.randint(0, 10**12 - 1):012d}" if rng.random() < 0.5 else "",
            "case_volume": _log_uniform(rng, 5, 20000),
            "processing_minutes": rng.choice([5, 10, 15, 20, 30, 45, 60, 90, 120, 240]),
            "maturity": rng.choice([None, 0, 1, 2, 2, 3, 3, 4]),
            "criticality": rng.choice(criticalities),
            "rto_hours": rng.choice([None, 4, 8, 24, 48, 72, 168]),
            "share_intermunicipal": rng.random() < 0.2,
        }
        fields["register_status"] = fields["status"]
        if bpmn_values and rng.random() < plan.bpmn_share:
            fields.update(rng.choices(bpmn_values, weights=bpmn_weights)[0])
        process = new_page(ProcessPage, department, title, f"{_slug(service)}-{serial}", **fields)
        processes.append(process)
        processes_by_municipality[municipality.id].append(process.id)
        for name in rng.sample(spec.tags, k=rng.randint(1, 3)) + (
            ["Interkommunal"] if fields["share_intermunicipal"] else []
        ):
            tags.append(RegisterEntryTag(content_object_id=process.id, tag_id=tag_ids[name]))
        for system in rng.sample(dept_systems, k=min(len(dept_systems), rng.randint(1, 2))):
            systems.append(_through(process_through, process.id, system))
        for sort_order, person in enumerate(
            rng.sample(owner_candidates, k=min(len(owner_candidates), rng.randint(0, 2)))
        ):
            deputies.append(
                ProcessDeputy(page_id=process.id, person_id=person, sort_order=sort_order)
            )
    write_pages(processes)
    copy_rows(RegisterEntryTag, tags)
    copy_rows(process_through, systems)
    copy_rows(ProcessDeputy, deputies)
    result.process_ids = [p.id for p in processes]
    log(f"  {len(processes)} processes ({sum(1 for p in processes if p.bpmn_svg)} with BPMN)")

    # -------------------------------------------------------------- scenarios, decisions, articles
    scenarios, scenario_links = [], []
    fire_departments = [d for d in departments if department_meta[d.id][0].code in {"FW", "IT"}]
    for number in range(plan.scenarios):
        department = rng.choice(fire_departments or departments)
        spec, municipality = department_meta[department.id]
        category, title = SCENARIOS[number % len(SCENARIOS)]
        chain_people = people_by_department[department.id] or [p.id for p in people[:3]]
        scenario = new_page(
            EmergencyScenarioPage,
            department,
            title,
            f"{_slug(title)}-{number}",
            summary=f"{title}: Alarmierung, Sofortmaßnahmen, Notbetrieb ({municipality.title}).",
            content_owner_id=rng.choice(chain_people),
            next_review_date=today + datetime.timedelta(days=rng.randint(-30, 180)),
            municipality_id=municipality.id,
            department_id=department.id,
            register_status="gueltig",
            category=category,
            status="gueltig",
            description=_html(rng.sample(corpus.sentences, 2)),
            triggers=_html(rng.sample(corpus.sentences, 1)),
            alarm_chain=_stream(
                "entry",
                [
                    {
                        "role": role,
                        "person": rng.choice(chain_people),
                        "substitute": rng.choice(chain_people),
                        "phone": f"0170 {rng.randint(1000000, 9999999)}",
                        "availability": rng.choice(["24/7", "Mo–Fr 7–16 Uhr", "Rufbereitschaft"]),
                    }
                    for role in ("Krisenstab-Leitung", "IT-Bereitschaft", "Pressestelle")
                ],
            ),
            immediate_actions=_stream("action", rng.sample(IMMEDIATE_ACTIONS, 4)),
            continuity=_html(rng.sample(corpus.sentences, 2)),
            recovery=_html(rng.sample(corpus.sentences, 1)),
            resources=_html(["Notstromaggregat, Satellitentelefon, Papierformulare"]),
        )
        scenarios.append(scenario)
        candidates = processes_by_municipality[municipality.id]
        for sort_order, process_id in enumerate(rng.sample(candidates, k=min(len(candidates), 4))):
            scenario_links.append(
                ScenarioProcess(page_id=scenario.id, process_id=process_id, sort_order=sort_order)
            )
    decisions, decision_links, decision_municipalities = [], [], []
    decision_through = DecisionPage.affected_municipalities.through
    for number in range(plan.decisions):
        title = rng.choice(corpus.paper_titles)[:250]
        department = rng.choice(departments)
        status = rng.choice(
            ["vorgeschlagen", "beschlossen", "in_umsetzung", "umgesetzt", "aufgehoben"]
        )
        meeting = today - datetime.timedelta(days=rng.randint(1, 900))
        decision = new_page(
            DecisionPage,
            committee,
            title,
            f"beschluss-{number + 1}",
            summary=rng.choice(corpus.sentences),
            next_review_date=today + datetime.timedelta(days=rng.randint(-30, 90)),
            register_status=status,
            decision_number=f"LK-{meeting.year}-{number + 1:04d}-B{plan.seed}",
            meeting_date=meeting,
            decision_text=_html(rng.sample(corpus.sentences, 3)),
            rationale=_html(rng.sample(corpus.sentences, 2)),
            decision_status=status,
            responsible_person_id=rng.choice(people).id,
            responsible_department_id=department.id,
            due_date=meeting + datetime.timedelta(days=rng.randint(30, 365)),
            votes_yes=rng.randint(5, 12),
            votes_no=rng.randint(0, 3),
            votes_abstain=rng.randint(0, 2),
        )
        decisions.append(decision)
        for sort_order, process_id in enumerate(
            rng.sample(result.process_ids, k=min(2, len(result.process_ids)))
        ):
            decision_links.append(
                DecisionAffectedPage(
                    page_id=decision.id, target_id=process_id, sort_order=sort_order
                )
            )
        for municipality in rng.sample(
            municipalities, k=min(len(municipalities), rng.randint(1, 3))
        ):
            decision_municipalities.append(_through(decision_through, decision.id, municipality.id))
    articles = []
    for number in range(plan.articles):
        department = rng.choice(departments)
        spec, municipality = department_meta[department.id]
        title = f"Erfahrungsbericht: {rng.choice(spec.services)}"
        articles.append(
            new_page(
                ArticlePage,
                department,
                title,
                f"{_slug(title)}-{number}",
                summary=rng.choice(corpus.sentences),
                next_review_date=today + datetime.timedelta(days=rng.randint(0, 700)),
                municipality_id=municipality.id,
                department_id=department.id,
                kind=rng.choice(["erfahrungsbericht", "anleitung", "hintergrund"]),
                body=_stream("text", [_html(rng.sample(corpus.sentences, 4))]),
            )
        )
    write_pages([*scenarios, *decisions, *articles])
    copy_rows(ScenarioProcess, scenario_links)
    copy_rows(DecisionAffectedPage, decision_links)
    copy_rows(decision_through, decision_municipalities)
    result.scenario_ids = [s.id for s in scenarios]
    _fix_numchild(tree.touched)

    result.counts = {
        "MunicipalityPage": len(municipalities),
        "DepartmentPage": len(departments),
        "ProcessPage": len(processes),
        "EmergencyScenarioPage": len(scenarios),
        "DecisionPage": len(decisions),
        "ArticlePage": len(articles),
        "Person": len(people),
        "RegisterEntryTag": len(tags),
        "ProcessDeputy": len(deputies),
    }
    result.seconds = time.perf_counter() - started
    return result


def _through(model, left_id: int, right_id: int) -> models.Model:
    """An instance of an automatic many-to-many table from its two foreign keys (in order)."""
    left, right = (f for f in model._meta.local_concrete_fields if f.is_relation)
    return model(**{left.attname: left_id, right.attname: right_id})


def analyze() -> None:
    """Fresh planner statistics after a bulk load (autovacuum would get there much later)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
