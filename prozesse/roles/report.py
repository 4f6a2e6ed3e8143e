"""What provisioning reports: the changes it made, and the error for input it cannot use."""

from __future__ import annotations

from dataclasses import dataclass, field


class ProvisioningError(Exception):
    """Input that provisioning cannot use; the message is meant for the administrator."""


@dataclass
class Report:
    """What provisioning changed, as readable German lines (empty: everything was in place)."""

    changes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.changes.append(message)

    def __bool__(self) -> bool:  # a report is "truthy" when something changed
        return bool(self.changes)
