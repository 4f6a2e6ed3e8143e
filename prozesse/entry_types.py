"""The register's entry types by their German key, as URL parameters and API answers name them.

One table for the search facets (``?typ=prozess``), the search API and the read API, so a type
is spelt the same everywhere.
"""

from __future__ import annotations

from prozesse.models import (
    ArticlePage,
    DecisionPage,
    EmergencyScenarioPage,
    ProcessPage,
    RegisterEntryPage,
)

#: Key → page model.
TYPE_KEYS: dict[str, type[RegisterEntryPage]] = {
    "prozess": ProcessPage,
    "notfallszenario": EmergencyScenarioPage,
    "beschluss": DecisionPage,
    "artikel": ArticlePage,
}


def type_key_for(model: type) -> str:
    """The key of ``model``'s entry type ("" for pages outside the register)."""
    for key, candidate in TYPE_KEYS.items():
        if issubclass(model, candidate):
            return key
    return ""
