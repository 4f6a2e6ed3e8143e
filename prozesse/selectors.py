"""Read-side queries that pages show: the process map of a town and its emergency handbook.

Plain functions over the models (models call them; views and exports may too), each a constant
number of queries and each reduced to what the reader may see (``prozesse.visibility``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from prozesse.models.emergency import (
    PROCESS_LINK_RELATED,
    EmergencyScenarioPage,
    ScenarioProcess,
    ScenarioStatus,
    critical_processes,
    extend_critical_processes,
)
from prozesse.models.process import ProcessCategory, ProcessPage
from prozesse.visibility import Visibility


@dataclass(frozen=True)
class ProcessMapGroup:
    key: str
    label: str
    processes: list[ProcessPage]


def process_map(municipality, visibility: Visibility) -> list[ProcessMapGroup]:
    """Live processes of a municipality the reader may see, grouped by category, in one query."""
    processes = visibility.apply(
        ProcessPage.objects.live()
        .filter(municipality=municipality)
        .select_related("department", "content_owner")
        .order_by("department__title", "title")
    )
    grouped: dict[str, list[ProcessPage]] = {key: [] for key in ProcessCategory.values}
    for process in processes:
        grouped.setdefault(process.category, []).append(process)
    return [
        ProcessMapGroup(key=key, label=label, processes=grouped[key])
        for key, label in ProcessCategory.choices
    ]


def handbook_scenarios(municipality, visibility: Visibility) -> list[EmergencyScenarioPage]:
    """Live scenarios of a municipality the reader may see, each with ``.critical_processes``
    (again only those the reader may see), in two queries."""
    scenarios = list(
        visibility.apply(EmergencyScenarioPage.objects.live())
        .filter(municipality=municipality)
        .select_related("department", "content_owner")
        .prefetch_related(
            Prefetch(
                "process_links",
                queryset=ScenarioProcess.objects.select_related(*PROCESS_LINK_RELATED),
            )
        )
        .order_by("category", "title")
    )
    for scenario in scenarios:
        scenario.critical_processes = critical_processes(scenario.process_links.all(), visibility)
    extend_critical_processes(scenarios, visibility)
    return scenarios


def emergency_scenarios(municipality, visibility: Visibility) -> list[EmergencyScenarioPage]:
    """The town's live scenarios the reader may see, for the emergency entry of town and home
    pages (title and category only; the handbook has the rest)."""
    return list(
        visibility.apply(EmergencyScenarioPage.objects.live())
        .filter(municipality=municipality)
        .exclude(status=ScenarioStatus.ARCHIVED)
        .order_by("category", "title")
    )


def handbook_context(municipality, visibility: Visibility) -> dict:
    """The emergency handbook (Notfallhandbuch) of a municipality: all its scenarios with alarm
    chains, checklists and the critical processes they hit."""
    return {
        "page": municipality,
        "scenarios": handbook_scenarios(municipality, visibility),
        "generated_at": timezone.localtime(),
    }
