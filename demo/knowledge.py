"""Demo content for knowledge management, on top of ``demo.seed.seed_demo``.

:func:`seed_knowledge_demo` adds what the quick start needs to show every part of the knowledge
app: a retiring person with a handover in progress (items and part of the interview), a person
who has left and is still named (dashboard flags), two adoptions across towns – one whose
origin changed afterwards –, reviews due and overdue at every escalation stage, and feedback
from other towns. Pages are looked up by municipality slug and title. Idempotent: a second run
changes nothing (on the same day; review dates are relative to today).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry

from knowledge import adoption as adoption_service
from knowledge.handover import start_handover
from knowledge.models import (
    Adoption,
    Feedback,
    FeedbackKind,
    Handover,
    HandoverReason,
    HandoverStatus,
    InterviewEntry,
    InterviewTopic,
)
from knowledge.notifications import muted
from knowledge.reviews import CONFIRM_ACTION
from knowledge.revisions import set_review_dates
from prozesse.models import DepartmentPage, MunicipalityPage, Person, RegisterEntryPage

RETIRING = "Sabine Krämer"
SUCCESSOR = "Julia Hoffmann"
DEPARTED = "Frank Zimmer"

#: (origin town, origin title, adopting town, department code, new owner, origin changes)
ADOPTIONS = (
    ("diez", "Gewerbeanmeldung", "weissenthurm", "OA", "Ralf Lehmann", False),
    (
        "diez",
        "Posteingang E-Akte (Scannen und Zuordnen)",
        "kaisersesch",
        "ZD",
        "Bernd Klein",
        True,
    ),
)

#: (town, title, days from today to the review date): one per reminder/escalation stage.
REVIEWS = (
    ("diez", "Reisepass beantragen", 7),
    ("diez", "Cyberangriff mit Ransomware", -5),
    ("weissenthurm", "Fundsachen", -10),
    ("montabaur", "Reisepass beantragen", -45),
    ("kaisersesch", "Hundesteuer An- und Abmeldung", -75),
)

FEEDBACK = (
    (
        "diez",
        "Wohnsitzanmeldung",
        "Nicole Hartmann",
        FeedbackKind.REPORT,
        "Online-Terminvergabe halbiert die Wartezeit",
        "Seit wir in Montabaur nur noch mit Termin anmelden, ist die Wartezeit von 40 auf 15 "
        "Minuten gesunken. Wichtig: Die Wohnungsgeberbestätigung schon bei der Terminbuchung "
        "anfordern – sonst kommen die Leute zweimal.",
    ),
    (
        "diez",
        "Rechnungseingang und Zahlungsanweisung",
        "Sandra Fuchs",
        FeedbackKind.COMMENT,
        "",
        "Wie behandelt ihr Rechnungen über XRechnung, die ohne Bestellnummer kommen? Bei uns "
        "bleiben die im Postkorb liegen. Tipps willkommen!",
    ),
    (
        "diez",
        "Posteingang E-Akte (Scannen und Zuordnen)",
        "Tobias Kern",
        FeedbackKind.REPORT,
        "300 dpi reichen – Farbe nur bei Plänen",
        "Wir haben in Montabaur mit 600 dpi angefangen und den Speicher in drei Monaten "
        "gefüllt. 300 dpi Graustufen reichen für die Texterkennung; Farbe nur für Pläne und "
        "Fotos.",
    ),
)

INTERVIEW = (
    (
        InterviewTopic.OPEN_TOPICS,
        "Umstellung der Passbilder auf digitale Lichtbilder (ab Mai verpflichtend): Die "
        "Ausschreibung für die Selbstbedienungsterminals läuft, Angebote bis Monatsende.",
        ("Personalausweis beantragen", "Reisepass beantragen"),
    ),
    (
        InterviewTopic.CONTACTS_OUTSIDE,
        "Bundesdruckerei, Kundenservice Behörden: Herr Lorenz kennt unsere Sonderfälle "
        "(Eilanträge). Kommunales Rechenzentrum: Störungen am Meldewesen über den Service-Desk, "
        "bei Dringlichkeit direkt die Teamleitung.",
        ("Reisepass beantragen",),
    ),
    (
        InterviewTopic.UNWRITTEN_RULES,
        "Vor Ferienbeginn verdoppeln sich die Passanträge: sechs Wochen vorher zusätzliche "
        "Termine freischalten. Expresspässe nie nach 14 Uhr zusagen – die Abholung klappt sonst "
        "nicht am nächsten Tag.",
        ("Reisepass beantragen",),
    ),
)


@dataclass
class KnowledgeDemoReport:
    lines: list[str] = field(default_factory=list)

    def note(self, line: str, stdout: TextIO | None) -> None:
        self.lines.append(line)
        if stdout is not None:
            stdout.write(f"{line}\n")


def _process(town: str, title: str):

    municipality = MunicipalityPage.objects.get(slug=town)
    return (
        RegisterEntryPage.objects.descendant_of(municipality)
        .filter(title=title)
        .order_by("path")
        .first()
    )


def _person(name: str):

    return Person.objects.filter(name=name).order_by("pk").first()


def _admin():
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def seed_knowledge_demo(*, stdout: TextIO | None = None) -> KnowledgeDemoReport:
    """Add the knowledge demo; assumes ``seed_demo()`` ran before."""
    report = KnowledgeDemoReport()
    today = timezone.localdate()
    with muted(), transaction.atomic():
        admin = _admin()
        _seed_departed(today, report, stdout)
        _seed_handover(today, admin, report, stdout)
        _seed_adoptions(admin, report, stdout)
        _seed_reviews(today, report, stdout)
        _seed_feedback(report, stdout)
    return report


def _seed_departed(today, report, stdout) -> None:
    person = _person(DEPARTED)
    if person is None or person.left_on:
        return
    person.left_on = today - datetime.timedelta(days=45)
    person.save(update_fields=["left_on"])
    report.note(f"Ausgeschieden: {person.name}", stdout)


def _seed_handover(today, admin, report, stdout) -> None:
    person, successor = _person(RETIRING), _person(SUCCESSOR)
    if person is None:
        return
    handover = Handover.objects.filter(person=person).exclude(status=HandoverStatus.CLOSED).first()
    if handover is None:
        handover = start_handover(
            person,
            reason=HandoverReason.RETIREMENT,
            last_working_day=today + datetime.timedelta(days=60),
            default_successor=successor,
            note="Ruhestand nach 38 Jahren im Bürgerbüro. Übergabegespräch in zwei Terminen.",
            user=admin,
        )
        report.note(f"Wissensübergabe begonnen: {person.name}", stdout)
    for topic, text, titles in INTERVIEW:
        if handover.interview_entries.filter(topic=topic).exists():
            continue
        entry = InterviewEntry.objects.create(handover=handover, topic=topic, text=text)
        pages = handover.items.filter(page__title__in=titles).values_list("page_id", flat=True)
        entry.pages.set(set(pages))


def _seed_adoptions(admin, report, stdout) -> None:

    for origin_town, title, town, department_code, owner_name, changed in ADOPTIONS:
        origin = _process(origin_town, title)
        municipality = MunicipalityPage.objects.filter(slug=town).first()
        if origin is None or municipality is None:
            continue
        origin = origin.specific
        adoption = Adoption.objects.filter(origin=origin, copy__municipality=municipality).first()
        if adoption is None:
            department = (
                DepartmentPage.objects.child_of(municipality).filter(code=department_code).first()
            )
            if department is None:
                continue
            copy = adoption_service.adopt(
                origin, department, admin, owner=_person(owner_name), check_permissions=False
            )
            copy.save_revision(user=admin).publish(user=admin)
            adoption = Adoption.objects.get(copy=copy)
            report.note(f"Übernahme: {title} ({origin_town} → {town})", stdout)
        if changed and not adoption.origin_changed:
            _change_origin(origin, admin)
            report.note(f"Original geändert: {title} ({origin_town})", stdout)


def _change_origin(origin, admin) -> None:
    """A new published version of the origin: one step reworded, one added, one dropped, and
    a shorter processing time."""
    draft = origin.get_latest_revision_as_object()
    steps = [dict(entry) for entry in draft.steps.raw_data]
    if len(steps) >= 4:
        value = dict(steps[2]["value"])
        value["name"] = f"{value['name']} (mit KI-Vorschlag)"
        value["description"] = (
            "Die Texterkennung schlägt Dokumentart und Aktenzeichen vor; die Poststelle "
            "bestätigt oder korrigiert."
        )
        steps[2] = {**steps[2], "value": value}
        new_step = {
            "type": "step",
            "value": {
                "name": "Dubletten erkennen",
                "responsible_role": "Poststelle",
                "it_system": value.get("it_system"),
                "description": "Doppelt eingegangene Schreiben (Fax und Post) zusammenführen.",
                "duration": "1 Minute",
            },
        }
        steps.insert(2, new_step)
        steps.pop()
    draft.steps = steps
    draft.processing_minutes = max((draft.processing_minutes or 3) - 1, 1)
    draft.save_revision(user=admin).publish(user=admin)


def _seed_reviews(today, report, stdout) -> None:
    for town, title, days in REVIEWS:
        page = _process(town, title)
        if page is None:
            continue
        if PageLogEntry.objects.filter(page=page, action=CONFIRM_ACTION).exists():
            continue  # somebody confirmed it in the demo: keep their date
        due = today + datetime.timedelta(days=days)
        if page.next_review_date != due:
            set_review_dates(page, last_reviewed_at=page.last_reviewed_at, next_review_date=due)
            report.note(f"Wiedervorlage {due:%d.%m.%Y}: {title} ({town})", stdout)


def _seed_feedback(report, stdout) -> None:
    for town, title, author, kind, feedback_title, text in FEEDBACK:
        page = _process(town, title)
        person = _person(author)
        if page is None or person is None:
            continue
        _, created = Feedback.objects.get_or_create(
            page=page,
            author_name=person.name,
            kind=kind,
            title=feedback_title,
            defaults={
                "text": text,
                "author": person.user,
                "author_municipality": person.municipality,
            },
        )
        if created:
            report.note(f"Rückmeldung: {person.name} zu {title}", stdout)
