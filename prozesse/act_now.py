""" "Jetzt tun": what a scenario asks for in its first minutes — the first immediate actions and
whom to call now, with a number to dial.

One small function so that every place that needs it (the box at the top of a scenario page,
the printed handbook, an emergency kit built for a USB stick) chooses the same people and
steps: :func:`act_now` takes a scenario and returns plain data, no request and no template.

Whom to call follows the alarm chain in its order. A person who has left (after their last
working day) is not offered: their substitute takes the place, and without one only the
chain entry's own emergency number remains. An entry with neither a person to reach nor a
number is left out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from prozesse.contact import tel_href

#: How many immediate actions and calls the box shows by default.
FIRST_ACTIONS = 3
FIRST_CALLS = 3


@dataclass(frozen=True)
class Call:
    """One entry of the alarm chain, reduced to whom to call and how."""

    role: str
    name: str
    phone: str
    availability: str = ""
    #: True when the named person has left and their substitute is called instead.
    substitute: bool = False
    #: Whom to call when the person does not answer (the substitute, if still here), and how.
    deputy_name: str = ""
    deputy_phone: str = ""

    @property
    def tel(self) -> str:
        return tel_href(self.phone)


@dataclass(frozen=True)
class ActNow:
    actions: list[str] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    #: How many actions and calls the scenario has beyond the ones chosen.
    more_actions: int = 0
    more_calls: int = 0

    def __bool__(self) -> bool:
        return bool(self.actions or self.calls)


def _present(person, today: datetime.date) -> bool:
    return person is not None and not (person.left_on and person.left_on < today)


def calls_of(scenario, today: datetime.date | None = None) -> list[Call]:
    """Every reachable entry of the scenario's alarm chain, in its order."""
    today = today or timezone.localdate()
    calls = []
    for block in scenario.alarm_chain:
        value = block.value
        person, substitute = value.get("person"), value.get("substitute")
        role = value.get("role") or ""
        chosen, instead = None, False
        if _present(person, today):
            chosen = person
        elif _present(substitute, today):
            chosen, instead = substitute, person is not None
        # The entry's emergency number belongs to the role, so it stays when a substitute
        # steps in; otherwise the chosen person's own number.
        phone = value.get("phone") or (chosen.phone if chosen else "")
        if chosen is None and not phone:
            continue
        deputy = substitute if chosen is person and _present(substitute, today) else None
        calls.append(
            Call(
                role=role,
                name=chosen.name if chosen else "",
                phone=phone,
                availability=value.get("availability") or "",
                substitute=instead,
                deputy_name=deputy.name if deputy else "",
                deputy_phone=deputy.phone if deputy else "",
            )
        )
    return calls


def act_now(
    scenario,
    *,
    actions: int = FIRST_ACTIONS,
    calls: int = FIRST_CALLS,
    today: datetime.date | None = None,
) -> ActNow:
    """The first ``actions`` immediate actions and the first ``calls`` people to call now."""
    all_actions = [str(block.value) for block in scenario.immediate_actions if str(block.value)]
    all_calls = calls_of(scenario, today)
    return ActNow(
        actions=all_actions[:actions],
        calls=all_calls[:calls],
        more_actions=max(len(all_actions) - actions, 0),
        more_calls=max(len(all_calls) - calls, 0),
    )
