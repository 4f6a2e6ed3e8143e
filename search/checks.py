"""System checks for the search configuration (``manage.py check --deploy``).

They never contact the engine: ``check`` must pass while the node is down or hangs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

from search.engine import DETECTING_BACKEND


@register(Tags.compatibility, deploy=True)
def search_backend_named_in_production(app_configs=None, **kwargs) -> list[Warning]:
    """Production should name its engine: detection works, but until the node has answered
    once a process assumes OpenSearch 3 (wrong for an Elasticsearch cluster)."""
    default = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    if default.get("BACKEND") != DETECTING_BACKEND:
        return []
    return [
        Warning(
            "SEARCH_BACKEND ist nicht gesetzt: die Art der Suchmaschine wird beim ersten Zugriff "
            "erfragt; bis der Knoten einmal geantwortet hat, wird OpenSearch 3 angenommen.",
            hint="SEARCH_BACKEND setzen, z. B. search.backends.opensearch3 oder "
            "search.backends.elasticsearch8 (README, Konfiguration).",
            id="search.W001",
        )
    ]
