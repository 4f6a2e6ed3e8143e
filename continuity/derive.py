"""One truth for a process's recovery time and criticality: with an impact analysis, the
process's ``rto_hours`` and ``criticality`` are taken from it whenever the page is cleaned
(every save through the admin, drafts included – see ``RegisterEntryPage.derive_fields``).
Processes without an analysis keep the values recorded so far."""

from __future__ import annotations

from continuity import impact


def analysis_of(page):
    """The page's impact analysis (also an unsaved one in the form), or None."""
    manager = getattr(page, "impact_analysis", None)
    if manager is None:
        return None
    return next(iter(manager.all()), None)


def derive_from_analysis(page) -> None:
    analysis = analysis_of(page)
    if analysis is None:
        return
    page.rto_hours = analysis.rto_hours
    criticality = impact.criticality_for(analysis.ratings)
    if criticality is not None:
        page.criticality = criticality
