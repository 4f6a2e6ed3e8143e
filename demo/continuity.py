"""Demo content for business continuity (Notfallvorsorge), a step of ``seed_demo``.

In VG Diez: a shared data centre (Rechenzentrum, no town: shared by all) that runs the
registration, finance and document systems; the town hall as a location; impact analyses for
the processes the scenarios name; dependencies including the shared Fachverfahren VOIS|MESO
used by several processes, the data centre, a process depending on another, an inconsistent
recovery time (VOIS|MESO is back after 72 hours, the registration of residence must run again
after 24) and a person without a deputy (Miriam Koch for the Kita places). The scenarios
"Cyberangriff" and "Stromausfall"/"Hochwasser" name what they knock out (the data centre, the
town hall), so their affected processes follow from the dependencies.

The analyses agree with the criticality and recovery time the demo processes are seeded with
(``demo.data``), which they then derive – so a second run finds nothing to change. The Kita
places keep their recorded values without an analysis (their 120 hours would not fit "hoch").

Analyses, dependencies and knock-outs are parts of their pages: they are set on the latest
revision and published like an edit. Idempotent: nothing is published when a page already has
what is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass

from continuity.models import (
    ImpactAnalysis,
    Location,
    ProcessDependency,
    Provider,
    ProviderKind,
    ScenarioOutage,
)
from demo.report import CREATED, KIND_LABELS, UNCHANGED

KIND_LABELS.setdefault("continuity", "Notfallvorsorge (Folgenabschätzungen, Abhängigkeiten)")

DATA_CENTRE = "Kommunales Rechenzentrum Lahn-Westerwald"
TOWN_HALL = "Rathaus Diez"


@dataclass(frozen=True)
class Analysis:
    #: Category → ratings for 4 h, 1 day, 3 days, 1 week, 2 weeks.
    ratings: dict
    rto_hours: int
    rpo_hours: int
    note: str = ""


@dataclass(frozen=True)
class Needs:
    """One dependency: ``kind`` is system, provider, location, person or process."""

    kind: str
    name: str
    recovery_hours: int | None = None
    fallback: str = ""


NONE = [0, 0, 0, 0, 0]

ANALYSES: dict[str, Analysis] = {
    "diez/wohnsitzanmeldung": Analysis(
        {"aufgabe": [1, 2, 3, 4, 4], "recht": [0, 2, 3, 4, 4], "ansehen": [0, 1, 2, 3, 3]},
        24,
        4,
        "Meldepflicht binnen zwei Wochen; Bescheinigungen für Arbeitgeber und Kita.",
    ),
    "diez/personalausweis-beantragen": Analysis(
        {"aufgabe": [0, 1, 3, 3, 4], "recht": [0, 1, 2, 3, 3]}, 48, 24
    ),
    "diez/reisepass-beantragen": Analysis(
        {"aufgabe": [0, 1, 3, 3, 3], "ansehen": [0, 0, 1, 2, 3]}, 72, 24
    ),
    "diez/posteingang-e-akte": Analysis(
        {"aufgabe": [0, 2, 3, 3, 4], "datenschutz": [0, 1, 1, 2, 2]}, 24, 4
    ),
    "diez/rechnungseingang-und-zahlungsanweisung": Analysis(
        {"finanzen": [0, 1, 3, 4, 4], "recht": [0, 0, 1, 2, 3]},
        72,
        24,
        "Skontofristen und Mahngebühren; Zahlungen an Kitas und Vereine.",
    ),
    "diez/it-stoerungsmeldung": Analysis({"aufgabe": [3, 4, 4, 4, 4]}, 4, 1),
}

DEPENDENCIES: dict[str, tuple[Needs, ...]] = {
    "diez/wohnsitzanmeldung": (
        # Inconsistent on purpose: the registration system is back after 72 hours.
        Needs("system", "VOIS|MESO", 72),
        Needs("location", TOWN_HALL, fallback="Bürgerbüro im Feuerwehrhaus Diez"),
    ),
    "diez/personalausweis-beantragen": (
        Needs("system", "VOIS|MESO", 48),
        Needs("provider", DATA_CENTRE),
    ),
    "diez/reisepass-beantragen": (Needs("system", "VOIS|MESO", 72),),
    "diez/posteingang-e-akte": (
        Needs("system", "d.velop documents", 24),
        Needs("provider", DATA_CENTRE, 24),
    ),
    "diez/rechnungseingang-und-zahlungsanweisung": (
        Needs("system", "Infoma newsystem", 48),
        Needs("process", "diez/posteingang-e-akte"),
    ),
    "diez/it-stoerungsmeldung": (
        Needs("person", "die-bruehl"),
        Needs("system", "Microsoft 365", 8, fallback="Störungen telefonisch unter -190 melden"),
    ),
    "diez/kita-platzvergabe": (
        Needs("person", "die-koch"),  # no deputy on this process
        Needs("system", "Kita-Portal", 72, fallback="Vormerkung auf Papier im Bürgerbüro"),
    ),
}

OUTAGES: dict[str, tuple[Needs, ...]] = {
    "diez/cyberangriff-ransomware": (Needs("provider", DATA_CENTRE),),
    "diez/stromausfall-rathaus": (Needs("location", TOWN_HALL),),
    "diez/hochwasser-lahn": (Needs("location", TOWN_HALL),),
}


def _resources(ctx) -> dict[str, object]:
    diez = ctx.municipalities["diez"]
    centre, _ = Provider.objects.get_or_create(
        name=DATA_CENTRE,
        defaults={
            "kind": ProviderKind.DATA_CENTRE,
            "recovery_hours": 48,
            "contact": "Leitstelle 0261 9130-999 (rund um die Uhr)",
            "fallback": "Kein Ausweich-Rechenzentrum; Notbetrieb auf Papier.",
        },
    )
    systems = [ctx.it_systems[n] for n in ("VOIS|MESO", "Infoma newsystem", "d.velop documents")]
    if set(centre.it_systems.all()) != set(systems):
        centre.it_systems.set(systems)
        centre.save()  # a ParentalManyToManyField is written when its record is saved
    hall, _ = Location.objects.get_or_create(
        name=TOWN_HALL,
        defaults={
            "municipality": diez,
            "address": "Louise-Seher-Straße 1, 65582 Diez",
            "contact": "Hausmeisterei 06432 501-0",
            "fallback": "Feuerwehrhaus Diez (Notstrom, 6 Arbeitsplätze)",
        },
    )
    return {DATA_CENTRE: centre, TOWN_HALL: hall}


def _target(ctx, need: Needs, resources: dict) -> dict:
    if need.kind == "system":
        return {"it_system": ctx.it_systems[need.name]}
    if need.kind == "person":
        return {"person": ctx.people[need.name]}
    if need.kind == "process":
        return {"process": ctx.processes[need.name]}
    field = "provider" if need.kind == "provider" else "location"
    return {field: resources[need.name]}


def _dependency_key(row) -> tuple:
    return (
        row.it_system_id,
        row.person_id,
        getattr(row, "process_id", None),
        row.location_id,
        row.provider_id,
        getattr(row, "recovery_hours", None),
        getattr(row, "fallback", ""),
    )


def _analysis_key(row) -> tuple:
    return (row.ratings, row.rto_hours, row.rpo_hours, row.note)


def _publish_if_changed(ctx, page, relation: str, wanted: list, key) -> None:
    draft = page.get_latest_revision_as_object()
    if [key(row) for row in getattr(draft, relation).all()] == [key(row) for row in wanted]:
        ctx.report.record("continuity", UNCHANGED)
        return
    setattr(draft, relation, wanted)
    draft.save_revision(user=ctx.admin).publish(user=ctx.admin)
    ctx.report.record("continuity", CREATED)


def _ratings(analysis: Analysis) -> dict:
    return {
        key: analysis.ratings.get(key, NONE)
        for key in ("aufgabe", "finanzen", "recht", "ansehen", "leben", "datenschutz")
    }


def seed_continuity(ctx) -> None:
    ctx.log("Notfallvorsorge (Folgenabschätzungen, Abhängigkeiten) …")
    resources = _resources(ctx)
    for ref, analysis in ANALYSES.items():
        page = type(ctx.processes[ref]).objects.get(pk=ctx.processes[ref].pk)
        wanted = [
            ImpactAnalysis(
                ratings=_ratings(analysis),
                rto_hours=analysis.rto_hours,
                rpo_hours=analysis.rpo_hours,
                note=analysis.note,
            )
        ]
        _publish_if_changed(ctx, page, "impact_analysis", wanted, _analysis_key)
    for ref, needs in DEPENDENCIES.items():
        page = type(ctx.processes[ref]).objects.get(pk=ctx.processes[ref].pk)
        wanted = [
            ProcessDependency(
                sort_order=index,
                recovery_hours=need.recovery_hours,
                has_fallback=bool(need.fallback),
                fallback=need.fallback,
                **_target(ctx, need, resources),
            )
            for index, need in enumerate(needs)
        ]
        _publish_if_changed(ctx, page, "continuity_dependencies", wanted, _dependency_key)
    for ref, needs in OUTAGES.items():
        page = type(ctx.scenarios[ref]).objects.get(pk=ctx.scenarios[ref].pk)
        wanted = [
            ScenarioOutage(sort_order=index, **_target(ctx, need, resources))
            for index, need in enumerate(needs)
        ]
        _publish_if_changed(ctx, page, "continuity_outages", wanted, _dependency_key)
