""" "Jetzt tun": the first actions of a scenario and whom to call now, in one place.

The emergency kit prints it as a one-page card per scenario; the scenario's web page may show
the same selection (one function, so both say the same). What it picks:

* **Erste Schritte** – the scenario's immediate actions (Sofortmaßnahmen) in their order, at
  most :data:`MAX_ACTIONS` (a card is one page; the handbook has the full list).
* **Wen anrufen** – the alarm chain in its order: role, the person to call and the number to
  dial (the entry's emergency number, else the person's own), then the deputy with theirs. A
  person who has left (``left_on`` before today) is not offered; their deputy moves up, and an
  entry with nobody left still shows its role and emergency number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

#: A card fits on one A4 page with this many actions.
MAX_ACTIONS = 8


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str


@dataclass(frozen=True)
class CallEntry:
    role: str
    contacts: tuple[Contact, ...]
    availability: str = ""


@dataclass
class ActNow:
    actions: list[str] = field(default_factory=list)
    more_actions: int = 0
    calls: list[CallEntry] = field(default_factory=list)


def _present(person, today: datetime.date) -> bool:
    return person is not None and not (person.left_on and person.left_on < today)


def act_now(scenario, today: datetime.date | None = None) -> ActNow:
    """First actions and whom to call now for ``scenario`` (an EmergencyScenarioPage)."""
    today = today or timezone.localdate()
    actions = [str(block.value) for block in scenario.immediate_actions if str(block.value)]
    calls = []
    for block in scenario.alarm_chain:
        value = block.value
        contacts = []
        person, deputy = value.get("person"), value.get("substitute")
        number = value.get("phone") or ""
        if _present(person, today):
            contacts.append(Contact(person.name, number or person.phone))
            number = ""  # the entry's number belongs to the first person called
        if _present(deputy, today):
            contacts.append(Contact(deputy.name, number or deputy.phone))
            number = ""
        if number:
            contacts.append(Contact("", number))
        calls.append(
            CallEntry(value.get("role") or "", tuple(contacts), value.get("availability") or "")
        )
    return ActNow(actions[:MAX_ACTIONS], max(0, len(actions) - MAX_ACTIONS), calls)
