"""The demo content as plain Python data (no Django imports).

Each module holds one kind of content; this package collects them. Later issues add their own
modules (role users, handovers, adoptions) and extend the collections here.
"""

from __future__ import annotations

from demo.data import (
    articles,
    decisions,
    organisation,
    processes_buergerservice,
    processes_finanzen,
    processes_intern,
    processes_ordnung,
    processes_querschnitt,
    scenarios,
    scenarios_montabaur_weissenthurm,
    users,
)
from demo.data.types import (
    ArticleData,
    DecisionData,
    ProcessSpec,
    ProcessTopic,
    ScenarioData,
)

_PROCESS_MODULES = (
    processes_buergerservice,
    processes_ordnung,
    processes_finanzen,
    processes_intern,
    processes_querschnitt,
)

HOME_SECTIONS = organisation.HOME_SECTIONS
DEPARTMENTS = organisation.DEPARTMENTS
MUNICIPALITIES = organisation.MUNICIPALITIES
PEOPLE = organisation.PEOPLE
IT_SYSTEMS = organisation.IT_SYSTEMS

TOPICS: dict[str, ProcessTopic] = {
    topic.slug: topic for module in _PROCESS_MODULES for topic in module.TOPICS
}
PROCESSES: tuple[ProcessSpec, ...] = tuple(
    spec for module in _PROCESS_MODULES for spec in module.PROCESSES
)
SCENARIOS: tuple[ScenarioData, ...] = (
    *scenarios.SCENARIOS,
    *scenarios_montabaur_weissenthurm.SCENARIOS,
)
DECISIONS: tuple[DecisionData, ...] = decisions.DECISIONS
ARTICLES: tuple[ArticleData, ...] = articles.ARTICLES
DEMO_USERS = users.DEMO_USERS

__all__ = [
    "ARTICLES",
    "DECISIONS",
    "DEMO_USERS",
    "DEPARTMENTS",
    "HOME_SECTIONS",
    "IT_SYSTEMS",
    "MUNICIPALITIES",
    "PEOPLE",
    "PROCESSES",
    "SCENARIOS",
    "TOPICS",
]
