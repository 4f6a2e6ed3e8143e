"""The process map (Prozesslandkarte) of one municipality."""

from __future__ import annotations

from dataclasses import dataclass

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
