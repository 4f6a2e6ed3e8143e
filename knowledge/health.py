"""Health of the register per town and department, for knowledge management and the steering
committee: figures, flags for people who have left, charts and CSV.

Definitions (also printed under the dashboard):

* Prozesse: live process pages that are not archived.
* mit Verantwortlichen: with an owner who has not left.
* mit BPMN: with an uploaded BPMN diagram.
* Prüfung überfällig: next review date before today.
* Reifegrad: OZG maturity 0–4, or "ohne Angabe".
* Szenarien / mit Alarmierungskette / nur aktive Personen: live, non-archived emergency
  scenarios; of those with at least one alarm-chain entry; of those whose chain names at least
  one person and only people who have not left.
* Übernahmen herein / hinaus: adoptions whose copy / whose origin lies in the unit.
* Übung fällig: scenarios of those without a held exercise within the exercise cycle
  (``readiness.cycle``: 12 months); Maßnahmen offen / überfällig: open follow-ups of exercises
  of the town (overdue: past their due date). They are listed under the figures too.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from intranet.spreadsheet import safe_cell
from knowledge.handover import alarm_chain_hits
from knowledge.models import Adoption
from prozesse.models import (
    DecisionPage,
    DepartmentPage,
    EmergencyScenarioPage,
    MunicipalityPage,
    Person,
    ProcessDeputy,
    ProcessPage,
    ProcessStatus,
    RegisterEntryPage,
    ScenarioStatus,
)
from prozesse.models.decision import OPEN_DECISION_STATUSES
from prozesse.visibility import Visibility
from readiness.cycle import DueScenario, open_findings, overdue_scenarios

MATURITY_KEYS = ("0", "1", "2", "3", "4", "none")


@dataclass
class Figures:
    label: str
    municipality_id: int | None = None
    department_id: int | None = None
    processes: int = 0
    with_owner: int = 0
    with_bpmn: int = 0
    review_overdue: int = 0
    maturity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MATURITY_KEYS, 0))
    scenarios: int = 0
    scenarios_with_chain: int = 0
    scenarios_chain_active: int = 0
    adoptions_in: int = 0
    adoptions_out: int = 0
    exercise_overdue: int = 0
    findings_open: int = 0
    findings_overdue: int = 0

    def percent(self, count: int, total: int | None = None) -> int | None:
        total = self.processes if total is None else total
        return round(100 * count / total) if total else None

    @property
    def owner_pct(self):
        return self.percent(self.with_owner)

    @property
    def bpmn_pct(self):
        return self.percent(self.with_bpmn)

    @property
    def overdue_pct(self):
        return self.percent(self.review_overdue)

    @property
    def chain_active_pct(self):
        return self.percent(self.scenarios_chain_active, self.scenarios_with_chain)

    @property
    def maturity_list(self) -> list[int]:
        return [self.maturity[key] for key in MATURITY_KEYS]


@dataclass
class TownFigures:
    town: Figures
    departments: list[Figures]


@dataclass
class Flag:
    page: object
    person: object
    what: str


@dataclass
class HealthReport:
    today: datetime.date
    towns: list[TownFigures]
    total: Figures
    flags: list[Flag]
    #: Live processes and scenarios left out because the reader may not see them.
    not_shown: int = 0
    #: Scenarios whose exercise cycle ran out, and open follow-ups of exercises.
    exercises_due: list[DueScenario] = field(default_factory=list)
    findings: list = field(default_factory=list)

    def rows(self):
        """(town figures, department figures or None) for tables and CSV."""
        for town in self.towns:
            yield town.town, None
            for department in town.departments:
                yield town.town, department


def _add(targets: list[Figures], attribute: str, amount: int = 1) -> None:
    for figures in targets:
        setattr(figures, attribute, getattr(figures, attribute) + amount)


def health_report(visibility: Visibility, today: datetime.date | None = None) -> HealthReport:
    """The figures over what the reader may see; ``HealthReport.not_shown`` counts the live
    processes and scenarios left out for that reason (without naming them)."""

    today = today or timezone.localdate()
    total = Figures("Alle Kommunen")
    towns: dict[int, TownFigures] = {}
    towns_by_path: dict[str, TownFigures] = {}
    departments: dict[int, Figures] = {}
    for town in visibility.apply(MunicipalityPage.objects.live()).order_by("title"):
        towns[town.pk] = towns_by_path[town.path] = TownFigures(Figures(town.title, town.pk), [])
    for department in visibility.apply(DepartmentPage.objects.live()).order_by("path"):
        parent = towns_by_path.get(department.path[: -DepartmentPage.steplen])
        if parent is None:
            continue
        figures = Figures(department.title, parent.town.municipality_id, department.pk)
        departments[department.pk] = figures
        parent.departments.append(figures)

    def units(municipality_id, department_id) -> list[Figures]:
        found = [total]
        if municipality_id in towns:
            found.append(towns[municipality_id].town)
        if department_id in departments:
            found.append(departments[department_id])
        return found

    all_processes = ProcessPage.objects.live().exclude(status=ProcessStatus.ARCHIVED)
    processes = visibility.apply(all_processes).values_list(
        "municipality_id",
        "department_id",
        "content_owner_id",
        "content_owner__left_on",
        "bpmn_file",
        "next_review_date",
        "maturity",
    )
    for town_id, dept_id, owner_id, owner_left, bpmn, next_review, maturity in processes:
        targets = units(town_id, dept_id)
        _add(targets, "processes")
        if owner_id and not (owner_left and owner_left < today):
            _add(targets, "with_owner")
        if bpmn:
            _add(targets, "with_bpmn")
        if next_review and next_review < today:
            _add(targets, "review_overdue")
        key = "none" if maturity is None else str(maturity)
        for figures in targets:
            figures.maturity[key] += 1

    all_scenarios = EmergencyScenarioPage.objects.live().exclude(status=ScenarioStatus.ARCHIVED)
    scenarios = list(
        visibility.apply(all_scenarios).only(
            "pk", "title", "url_path", "municipality_id", "department_id", "alarm_chain"
        )
    )
    chains = {s.pk: list(s.alarm_chain.raw_data) for s in scenarios}
    named = {
        value.get(slot)
        for chain in chains.values()
        for entry in chain
        for slot in ("person", "substitute")
        if (value := entry.get("value") or {}).get(slot)
    }
    active = set(
        Person.objects.filter(pk__in=named)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .values_list("pk", flat=True)
    )
    for scenario in scenarios:
        targets = units(scenario.municipality_id, scenario.department_id)
        _add(targets, "scenarios")
        chain = chains[scenario.pk]
        if not chain:
            continue
        _add(targets, "scenarios_with_chain")
        people = {pk for _b, _s, _r, pk in alarm_chain_hits(chain, named)}
        if people and people <= active:
            _add(targets, "scenarios_chain_active")

    adoptions = visibility.apply(visibility.apply(Adoption.objects.all(), "copy__"), "origin__")
    for copy_town, copy_dept, origin_town, origin_dept in adoptions.values_list(
        "copy__municipality_id",
        "copy__department_id",
        "origin__municipality_id",
        "origin__department_id",
    ):
        _add(units(copy_town, copy_dept), "adoptions_in")
        # the overall total counts each adoption once
        _add([f for f in units(origin_town, origin_dept) if f is not total], "adoptions_out")
    total.adoptions_out = total.adoptions_in

    exercises_due = overdue_scenarios(visibility, today)
    for due in exercises_due:
        _add(units(due.scenario.municipality_id, due.scenario.department_id), "exercise_overdue")
    findings = list(open_findings(visibility))
    for finding in findings:
        targets = units(finding.exercise.municipality_id, None)
        _add(targets, "findings_open")
        if finding.is_overdue(today):
            _add(targets, "findings_overdue")

    not_shown = 0
    if visibility.restricts:
        not_shown = (
            all_processes.count() + all_scenarios.count() - total.processes - total.scenarios
        )
    return HealthReport(
        today,
        list(towns.values()),
        total,
        departed_flags(today, visibility, scenarios),
        not_shown,
        exercises_due,
        findings,
    )


def departed_flags(today: datetime.date, visibility: Visibility, scenarios=None) -> list[Flag]:
    """Live pages the reader may see that still name someone who has left: as owner, deputy, in
    an alarm chain, or as the person implementing an open decision."""

    departed = {p.pk: p for p in Person.objects.filter(left_on__lt=today)}
    if not departed:
        return []
    flags = []
    for page in (
        visibility.apply(RegisterEntryPage.objects.live())
        .filter(content_owner_id__in=departed)
        .select_related("municipality")
        .order_by("title")
    ):
        flags.append(Flag(page, departed[page.content_owner_id], "Verantwortlich"))
    for link in (
        visibility.apply(ProcessDeputy.objects.all(), "page__")
        .filter(person_id__in=departed, page__live=True)
        .select_related("page__municipality")
        .order_by("page__title")
    ):
        flags.append(Flag(link.page, departed[link.person_id], "Vertretung"))
    if scenarios is None:
        scenarios = visibility.apply(EmergencyScenarioPage.objects.live()).only(
            "pk", "title", "url_path", "alarm_chain"
        )
    for scenario in scenarios:
        for _block, slot, role, pk in alarm_chain_hits(scenario.alarm_chain.raw_data, departed):
            what = "Alarmierungskette" + (" (Vertretung)" if slot == "substitute" else "")
            flags.append(Flag(scenario, departed[pk], f"{what}: {role}"))
    for decision in visibility.apply(DecisionPage.objects.live()).filter(
        responsible_person_id__in=departed, decision_status__in=OPEN_DECISION_STATUSES
    ):
        flags.append(Flag(decision, departed[decision.responsible_person_id], "Umsetzung"))
    return flags


CSV_HEADER = [
    "Kommune",
    "Fachbereich",
    "Prozesse",
    "mit Verantwortlichen",
    "mit Verantwortlichen (%)",
    "mit BPMN",
    "mit BPMN (%)",
    "Prüfung überfällig",
    "Prüfung überfällig (%)",
    "Reifegrad 0",
    "Reifegrad 1",
    "Reifegrad 2",
    "Reifegrad 3",
    "Reifegrad 4",
    "Reifegrad ohne Angabe",
    "Notfallszenarien",
    "mit Alarmierungskette",
    "Alarmierungskette nur aktive Personen",
    "Übernahmen herein",
    "Übernahmen hinaus",
    "Übung fällig",
    "Maßnahmen offen",
    "Maßnahmen überfällig",
]


def health_csv(report: HealthReport) -> str:
    """Semicolon-separated with a BOM, so spreadsheet programs in German offices open it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CSV_HEADER)

    def row(town: Figures, department: Figures | None):
        figures = department or town
        return [
            _cell(town.label),
            _cell(department.label) if department else "(gesamt)",
            figures.processes,
            figures.with_owner,
            _number(figures.owner_pct),
            figures.with_bpmn,
            _number(figures.bpmn_pct),
            figures.review_overdue,
            _number(figures.overdue_pct),
            *figures.maturity_list,
            figures.scenarios,
            figures.scenarios_with_chain,
            figures.scenarios_chain_active,
            figures.adoptions_in,
            figures.adoptions_out,
            figures.exercise_overdue,
            figures.findings_open,
            figures.findings_overdue,
        ]

    for town, department in report.rows():
        writer.writerow(row(town, department))
    total = row(report.total, None)
    writer.writerow([total[0], "(gesamt)", *total[2:]])
    return buffer.getvalue()


def _cell(text: str) -> str:
    """Page titles come from editors: keep spreadsheets from reading them as formulas."""
    return safe_cell(text)


def _number(value) -> str:
    return "" if value is None else str(value)
