"""The business impact analysis (Folgenabschätzung) as pure functions: categories, outage
windows, ratings, and what follows from them.

Ratings are stored as ``{category: [rating per window]}`` with ratings 0–4 (keine, gering,
mittel, hoch, sehr hoch) or ``None`` where not rated yet.

The rules (BSI-Standard 200-4 leaves the thresholds to the organisation; these are ours):

- **MTPD** (maximal tolerierbare Ausfallzeit): the first outage window in which any category
  reaches "hoch" (3) – from then on the damage is no longer acceptable. No category reaching
  "hoch" within two weeks: no MTPD within the analysed horizon (``None``, "mehr als 2 Wochen").
- **Criticality class** (Kritikalität) from the MTPD: up to 1 day "sehr hoch", up to 3 days
  "hoch", up to 2 weeks "normal", beyond "niedrig". The values are those of the process field
  ``criticality``, which a process with an analysis takes from here (one truth).
- **RTO ≤ MTPD**: the planned recovery time may not exceed the tolerable downtime.
- Ratings may not fall with a longer outage (the damage of an outage only grows).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: Impact categories (key, label), in the order of the grid.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("aufgabe", _("Aufgabenerfüllung")),
    ("finanzen", _("Finanzen")),
    ("recht", _("Rechtsverstöße")),
    ("ansehen", _("Ansehen")),
    ("leben", _("Leib und Leben")),
    ("datenschutz", _("Datenschutz")),
)
CATEGORY_KEYS = tuple(key for key, _label in CATEGORIES)
#: Outage windows (hours, label), shortest first.
WINDOWS: tuple[tuple[int, str], ...] = (
    (4, _("4 Stunden")),
    (24, _("1 Tag")),
    (72, _("3 Tage")),
    (168, _("1 Woche")),
    (336, _("2 Wochen")),
)
WINDOW_HOURS = tuple(hours for hours, _label in WINDOWS)
#: Ratings (value, label).
RATINGS: tuple[tuple[int, str], ...] = (
    (0, _("keine")),
    (1, _("gering")),
    (2, _("mittel")),
    (3, _("hoch")),
    (4, _("sehr hoch")),
)
#: The rating from which an outage is no longer tolerable.
INTOLERABLE = 3

Ratings = Mapping[str, Sequence[int | None]]


def empty_ratings() -> dict[str, list[None]]:
    return {key: [None] * len(WINDOWS) for key in CATEGORY_KEYS}


def normalised(ratings: Mapping | None) -> dict[str, list[int | None]]:
    """Every category with one entry per window; unknown keys dropped, bad values ``None``."""
    result: dict[str, list[int | None]] = {}
    for key in CATEGORY_KEYS:
        row = list((ratings or {}).get(key) or [])[: len(WINDOWS)]
        row += [None] * (len(WINDOWS) - len(row))
        result[key] = [v if isinstance(v, int) and 0 <= v <= 4 else None for v in row]
    return result


def is_rated(ratings: Ratings | None) -> bool:
    """Whether any cell is rated."""
    return any(v is not None for row in normalised(ratings).values() for v in row)


def mtpd_hours(ratings: Ratings | None) -> int | None:
    """The first window (hours) in which any category reaches "hoch"; None if none does."""
    rows = normalised(ratings)
    for index, hours in enumerate(WINDOW_HOURS):
        if any((row[index] or 0) >= INTOLERABLE for row in rows.values()):
            return hours
    return None


def criticality_for(ratings: Ratings | None) -> str | None:
    """The criticality class (``prozesse.models.Criticality`` value); None when unrated."""
    if not is_rated(ratings):
        return None
    mtpd = mtpd_hours(ratings)
    if mtpd is None:
        return "niedrig"
    if mtpd <= 24:
        return "sehr_hoch"
    if mtpd <= 72:
        return "hoch"
    return "normal"


def falling_categories(ratings: Ratings | None) -> list[str]:
    """Labels of categories whose rating falls with a longer outage."""
    found = []
    for key, label in CATEGORIES:
        values = [v for v in normalised(ratings)[key] if v is not None]
        if any(later < earlier for earlier, later in itertools.pairwise(values)):
            found.append(str(label))
    return found


def hours_label(hours: int | None) -> str:
    """ "1 Tag", "3 Tage", "1 Woche", "36 Stunden"; "–" for None."""
    if hours is None:
        return "–"
    for window, label in WINDOWS:
        if hours == window and window >= 24:
            return str(label)
    return str(_("%(hours)s Std.")) % {"hours": hours}


# ---------------------------------------------------------------------------- suggestions

#: Working days per year for the case volume per day.
WORKING_DAYS = 220


@dataclass(frozen=True)
class Suggestion:
    """Ratings and RTO the register suggests for a process, with the reasons in words."""

    ratings: dict[str, list[int | None]]
    rto_hours: int | None
    reasons: list[str]


def suggest(
    *,
    case_volume: int | None,
    has_legal_bases: bool,
    mentions_deadline: bool,
    rto_hours: int | None,
) -> Suggestion:
    """A first draft of the analysis from what the register knows: case volume (cases per
    working day pile up), legal bases and deadlines (missed deadlines are legal violations),
    and the recovery time already recorded on the process."""
    ratings = empty_ratings()
    reasons: list[str] = []
    if case_volume:
        per_day = case_volume / WORKING_DAYS
        if per_day >= 50:
            ratings["aufgabe"] = [1, 2, 3, 4, 4]
        elif per_day >= 5:
            ratings["aufgabe"] = [0, 1, 2, 3, 3]
        else:
            ratings["aufgabe"] = [0, 0, 1, 1, 2]
        reasons.append(
            str(_("Fallzahl %(volume)s pro Jahr, etwa %(per_day)s je Arbeitstag"))
            % {"volume": f"{case_volume:,}".replace(",", "."), "per_day": math.ceil(per_day)}
        )
    if mentions_deadline:
        ratings["recht"] = [0, 1, 2, 3, 4]
        reasons.append(str(_("gesetzliche Fristen im Prozess genannt")))
    elif has_legal_bases:
        ratings["recht"] = [0, 0, 1, 2, 3]
        reasons.append(str(_("Rechtsgrundlagen hinterlegt")))
    if rto_hours is not None:
        reasons.append(str(_("bisher eingetragene Wiederanlaufzeit")))
    return Suggestion(ratings, rto_hours, reasons)
