"""What a seeding run did: created / updated / unchanged counts per content type, and the demo
accounts to print."""

from __future__ import annotations

from dataclasses import dataclass, field

from demo.accounts import DemoAccount

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
OUTCOMES = (CREATED, UPDATED, UNCHANGED)

#: German labels of the content types, in the order the summary lists them. Steps added later
#: register their own kind here (unknown kinds are listed under their key).
KIND_LABELS: dict[str, str] = {
    "users": "Benutzerkonten",
    "sections": "Bereiche (Register, Lenkungskreis)",
    "municipalities": "Kommunen",
    "departments": "Fachbereiche",
    "people": "Personen",
    "it_systems": "Fachverfahren",
    "processes": "Prozesssteckbriefe",
    "scenarios": "Notfallszenarien",
    "decisions": "Beschlüsse",
    "articles": "Wiki-Artikel",
    "decision_tracking": "Beschlusskontrolle (Aufgaben, umgesetzte Seiten)",
    "readiness": "Notfallvorsorge (Übungen, freigegebenes Notfallhandbuch)",
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class SeedReport:
    counts: dict[str, Counts] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    seconds: float = 0.0

    def record(self, kind: str, outcome: str) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        counts = self.counts.setdefault(kind, Counts())
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def count(self, kind: str) -> Counts:
        return self.counts.get(kind, Counts())

    def _sum(self, outcome: str) -> int:
        return sum(getattr(counts, outcome) for counts in self.counts.values())

    @property
    def created(self) -> int:
        return self._sum(CREATED)

    @property
    def updated(self) -> int:
        return self._sum(UPDATED)

    @property
    def unchanged(self) -> int:
        return self._sum(UNCHANGED)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def rows(self) -> list[tuple[str, Counts]]:
        """(German label, counts) in display order."""
        known = [kind for kind in KIND_LABELS if kind in self.counts]
        extra = sorted(kind for kind in self.counts if kind not in KIND_LABELS)
        return [(KIND_LABELS.get(kind, kind), self.counts[kind]) for kind in known + extra]
