"""Markdown laws → the legal-basis catalogue (``manage.py import_laws``).

Laws are identified by their citation abbreviation (``GewO``), paragraphs by law and anchor
(``p14``): a re-import updates changed texts in place, so the catalogue entries that process
pages point to keep their ids. A paragraph that disappeared from the source is kept and marked
as repealed (a process page may still cite it), never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from prozesse.formats.laws import NON_LAW_FILES, Law, LawFormatError, read_law
from prozesse.models import Law as LawModel
from prozesse.models import LawParagraph
from search.indexing import index_objects

PARAGRAPH_FIELDS = ("kind", "number", "number_to", "title", "text", "repealed", "structure")


@dataclass
class LawImportReport:
    laws_created: int = 0
    laws_updated: int = 0
    paragraphs_created: int = 0
    paragraphs_updated: int = 0
    paragraphs_unchanged: int = 0
    paragraphs_obsolete: int = 0
    refused: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def laws(self) -> int:
        return self.laws_created + self.laws_updated

    @property
    def paragraphs(self) -> int:
        return self.paragraphs_created + self.paragraphs_updated + self.paragraphs_unchanged


def law_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Markdown files: named files as given, folders non-recursively without SOURCE/README."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(
                candidate
                for candidate in path.glob("*.md")
                if candidate.is_file() and candidate.name.lower() not in NON_LAW_FILES
            )
        else:
            yield path


def import_laws(paths: Iterable[Path]) -> LawImportReport:

    report = LawImportReport()
    law_pks: list[int] = []
    paragraph_pks: list[int] = []
    for path in law_files(paths):
        try:
            law = read_law(path)
        except LawFormatError as error:
            report.refused.append((path, str(error)))
            continue
        try:
            with transaction.atomic():
                law_pk, changed_pks = _store(law, LawModel, LawParagraph, report)
        except IntegrityError:
            report.refused.append(
                (path, f"{path.name}: Kurzname „{law.slug}“ gehört einem anderen Gesetz.")
            )
            continue
        law_pks.append(law_pk)
        paragraph_pks += changed_pks
    index_objects({LawModel: law_pks, LawParagraph: paragraph_pks}, refresh=True)
    return report


def _store(law: Law, law_model, paragraph_model, report: LawImportReport) -> tuple[int, list]:
    values = {
        "title": law.title[:500],
        "slug": law.slug[:100],
        "jurabk": law.jurabk[:50],
        "aliases": list(law.aliases),
    }
    record = law_model.objects.filter(abbreviation=law.abbreviation).first()
    law_changed = record is not None and any(
        getattr(record, name) != value for name, value in values.items()
    )
    if record is None:
        record = law_model.objects.create(abbreviation=law.abbreviation, **values)
        report.laws_created += 1
    else:
        if law_changed:
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
        report.laws_updated += 1

    existing = {p.anchor: p for p in paragraph_model.objects.filter(law=record)}
    # The paragraphs' index documents carry the law's name: reindex all when it changed.
    reindex = [p.pk for p in existing.values()] if law_changed else []
    to_create, to_update = [], []
    for position, paragraph in enumerate(law.paragraphs):
        wanted = {
            "kind": paragraph.kind,
            "number": paragraph.number[:20],
            "number_to": (paragraph.number_to or "")[:20],
            "title": paragraph.title[:500],
            "text": paragraph.text,
            "repealed": paragraph.repealed,
            "structure": " › ".join(paragraph.structure),
        }
        current = existing.pop(paragraph.anchor, None)
        if current is None:
            to_create.append(
                paragraph_model(law=record, anchor=paragraph.anchor, position=position, **wanted)
            )
        elif current.position != position or any(
            getattr(current, name) != value for name, value in wanted.items()
        ):
            current.position = position
            for name, value in wanted.items():
                setattr(current, name, value)
            to_update.append(current)
        else:
            report.paragraphs_unchanged += 1
    obsolete = [p for p in existing.values() if not p.repealed]
    for paragraph in obsolete:
        paragraph.repealed = True
    paragraph_model.objects.bulk_create(to_create, batch_size=500)
    paragraph_model.objects.bulk_update(
        to_update + obsolete, [*PARAGRAPH_FIELDS, "position"], batch_size=500
    )
    report.paragraphs_created += len(to_create)
    report.paragraphs_updated += len(to_update)
    report.paragraphs_obsolete += len(obsolete)
    return record.pk, reindex + [p.pk for p in to_create + to_update + obsolete]
