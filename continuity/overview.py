"""The BIA overview of one town (Übersicht Folgenabschätzungen): its processes by criticality
and recovery time with the rolled-up effective recovery time and the findings, as table rows,
a chart and CSV. Built on ``continuity.graph``, so only what the reader may see takes part."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from continuity import impact, rollup
from continuity.graph import Graph, load_graph
from prozesse.models import Criticality, MunicipalityPage
from prozesse.visibility import Visibility

CRITICALITY_ORDER = {
    Criticality.VERY_HIGH: 0,
    Criticality.HIGH: 1,
    Criticality.NORMAL: 2,
    Criticality.LOW: 3,
}


@dataclass(frozen=True)
class FindingText:
    kind: str
    label: str
    text: str
    #: Handover link for single points of knowledge.
    handover_url: str = ""


@dataclass
class OverviewRow:
    page: object
    analysed: bool
    mtpd_hours: int | None
    rpo_hours: int | None
    effective_hours: int | None
    findings: list[FindingText]

    @property
    def rto_hours(self) -> int | None:
        return self.page.rto_hours


@dataclass
class Overview:
    town: MunicipalityPage
    rows: list[OverviewRow]
    findings: list[FindingText]

    @property
    def analysed_count(self) -> int:
        return sum(1 for row in self.rows if row.analysed)


KIND_LABELS = {
    rollup.INCONSISTENT: gettext_lazy("Wiederanlauf unstimmig"),
    rollup.BEYOND_MTPD: gettext_lazy("Über der tolerierbaren Ausfallzeit"),
    rollup.SPOF: gettext_lazy("Einzelne Fehlerquelle"),
    rollup.SPOK: gettext_lazy("Wissen nur bei einer Person"),
    rollup.CYCLE: gettext_lazy("Gegenseitige Abhängigkeit"),
}


def describe(finding: rollup.Finding, graph: Graph, only: set[int] | None = None) -> FindingText:
    """The finding in plain German, naming the processes of ``only`` (default: all)."""
    titles = [
        graph.pages[pid].title
        for pid in finding.process_ids
        if pid in graph.pages and (only is None or pid in only)
    ]
    dep = finding.dependency
    label = str(KIND_LABELS[finding.kind])
    if finding.kind == rollup.INCONSISTENT:
        back, rto = finding.hours
        text = _(
            "„%(process)s“ soll nach %(rto)s Stunden wieder laufen, braucht aber „%(dep)s“, "
            "das erst nach %(back)s Stunden wieder verfügbar ist."
        ) % {"process": titles[0], "rto": rto, "dep": dep.label, "back": back}
    elif finding.kind == rollup.BEYOND_MTPD:
        effective, mtpd = finding.hours
        text = _(
            "„%(process)s“ läuft über seine Abhängigkeiten erst nach %(effective)s Stunden wieder "
            "– länger als die maximal tolerierbare Ausfallzeit (%(mtpd)s)."
        ) % {"process": titles[0], "effective": effective, "mtpd": impact.hours_label(mtpd)}
    elif finding.kind == rollup.SPOF:
        text = _(
            "„%(dep)s“ hat keine Ausweichlösung und wird von kritischen Prozessen gebraucht: "
            "%(processes)s."
        ) % {"dep": dep.label, "processes": ", ".join(titles)}
    elif finding.kind == rollup.SPOK:
        text = _(
            "%(person)s wird gebraucht, ohne dass eine Vertretung eingetragen ist: %(processes)s."
        ) % {"person": dep.label, "processes": ", ".join(titles)}
        url = reverse("knowledge_handovers:add") + f"?person={dep.target}"
        return FindingText(finding.kind, label, text, url)
    else:
        text = _("Diese Prozesse hängen gegenseitig voneinander ab: %(processes)s.") % {
            "processes": ", ".join(titles)
        }
    return FindingText(finding.kind, label, text)


def town_overview(town: MunicipalityPage, visibility: Visibility) -> Overview:
    """Every live process of ``town`` the reader may see, most critical and urgent first."""
    graph = load_graph(visibility)
    ids = [pid for pid, page in graph.pages.items() if page.municipality_id == town.pk]
    texts: dict[int, list[FindingText]] = {pid: [] for pid in ids}
    town_findings = []
    for finding in graph.findings:
        concerned = [pid for pid in finding.process_ids if pid in texts]
        if not concerned:
            continue
        text = describe(finding, graph, set(texts))
        town_findings.append(text)
        for pid in concerned:
            texts[pid].append(text)
    rows = []
    for pid in ids:
        page = graph.pages[pid]
        analysis = graph.analyses.get(pid)
        rows.append(
            OverviewRow(
                page=page,
                analysed=analysis is not None,
                mtpd_hours=graph.nodes[pid].mtpd_hours,
                rpo_hours=analysis.rpo_hours if analysis else None,
                effective_hours=graph.effective.get(pid),
                findings=texts[pid],
            )
        )
    rows.sort(
        key=lambda row: (
            CRITICALITY_ORDER.get(row.page.criticality, 9),
            row.effective_hours is None,
            row.effective_hours or 0,
            row.page.title,
        )
    )
    return Overview(town, rows, town_findings)


def csv_headers() -> list[str]:
    return [
        _("Prozess"),
        _("Registerschlüssel"),
        _("Fachbereich"),
        _("Kritikalität"),
        _("Folgenabschätzung"),
        _("Maximal tolerierbare Ausfallzeit (Stunden)"),
        _("Wiederanlaufzeit RTO (Stunden)"),
        _("Effektive Wiederanlaufzeit (Stunden)"),
        _("Datenverlust RPO (Stunden)"),
        _("Befunde"),
    ]


def csv_rows(overview: Overview) -> Iterator[list]:
    for row in overview.rows:
        yield [
            row.page.title,
            row.page.register_key or "",
            row.page.department.title if row.page.department else "",
            row.page.get_criticality_display(),
            _("ja") if row.analysed else _("nein"),
            row.mtpd_hours,
            row.rto_hours,
            row.effective_hours,
            row.rpo_hours,
            " | ".join(f"{f.label}: {f.text}" for f in row.findings),
        ]
