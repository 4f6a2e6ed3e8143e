"""What a good process profile still lacks, shown in the edit form before it is submitted for
review (issue 21: "only the title is required, with no completeness check").

A hint, never a rule: a draft may be incomplete, and a process may go live without a diagram.
The check reads the page as the form loaded it (the latest draft).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Gap:
    """One missing part, and where in the form it is filled in."""

    label: str
    field: str


#: (test, label, field name) per part of a good process profile, in form order.
PROCESS_PARTS = (
    (lambda page: bool(page.summary.strip()), _("Kurzbeschreibung"), "summary"),
    (lambda page: bool(page.trigger.strip()), _("Auslöser"), "trigger"),
    (lambda page: bool(page.outcome.strip()), _("Ergebnis"), "outcome"),
    (lambda page: len(page.steps) > 0, _("Prozessschritte"), "steps"),
    (lambda page: bool(page.bpmn_file), _("Prozessdiagramm (BPMN)"), "bpmn_file"),
    (lambda page: len(page.legal_bases) > 0, _("Rechtsgrundlagen"), "legal_bases"),
    (lambda page: page.content_owner_id is not None, _("Verantwortliche Person"), "content_owner"),
    (lambda page: _has_deputy(page), _("Vertretung"), "deputies"),
    (lambda page: page.next_review_date is not None, _("Nächste Überprüfung"), "next_review_date"),
)


def _has_deputy(page) -> bool:
    return any(link.person_id for link in page.deputies.all())


def process_gaps(page) -> list[Gap]:
    """The parts of a good process profile ``page`` does not have yet."""
    return [Gap(str(label), field) for test, label, field in PROCESS_PARTS if not test(page)]
