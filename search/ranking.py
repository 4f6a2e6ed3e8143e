"""Ranking beyond text relevance: the reader's own town first, stale pages lower.

One mechanism, the engine's ``function_score``, multiplies the text score of a hit:

* ``HOME_TOWN`` for pages of the reader's own municipalities (``prozesse.towns.home_town_ids``);
* ``OVERDUE`` for pages whose next review date has passed;
* ``ARCHIVED`` for archived pages (status "archiviert").

The factors are small next to the differences between good and poor text matches, so they
reorder equally good matches and never lift an unrelated page above a good one. The database
fallback keeps its own text ranking (README, "Ranking").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

HOME_TOWN = 1.5
OVERDUE = 0.85
ARCHIVED = 0.5
ARCHIVED_STATUS = "archiviert"


@dataclass(frozen=True)
class Ranking:
    """What the ranking needs to know about the reader and the day."""

    home_town_ids: frozenset[int] = frozenset()
    today: datetime.date | None = None


def boosted(query: dict, ranking: Ranking | None, columns: dict[str, str]) -> dict:
    """``query`` wrapped in a ``function_score`` with the factors above. ``columns`` maps
    ``municipality_id``, ``next_review_date`` and ``register_status`` to index columns."""
    if ranking is None:
        return query
    functions: list[dict] = []
    if ranking.home_town_ids:
        towns = {"terms": {columns["municipality_id"]: sorted(ranking.home_town_ids)}}
        functions.append({"filter": towns, "weight": HOME_TOWN})
    if ranking.today is not None:
        overdue = {"range": {columns["next_review_date"]: {"lt": ranking.today.isoformat()}}}
        functions.append({"filter": overdue, "weight": OVERDUE})
    functions.append(
        {"filter": {"term": {columns["register_status"]: ARCHIVED_STATUS}}, "weight": ARCHIVED}
    )
    return {
        "function_score": {
            "query": query,
            "functions": functions,
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }
