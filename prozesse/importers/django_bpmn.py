"""BPMN files → draft process pages (``manage.py import_bpmn``).

One process page per well-formed file, with the file as the page's diagram (the page derives
outline, SVG and search text from it on save). Files are identified by the SHA-256 of their
content, stored on the page: a file whose content is already in the register (imported by an
earlier run, or an identical copy earlier in this run) is skipped and reported, so re-runs
are safe and never duplicate.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify

from prozesse.formats.bpmn import MAX_BPMN_BYTES, BpmnError, BpmnModel, parse_bpmn
from prozesse.importers.django_pages import PageWriter
from prozesse.models import ProcessPage

#: Files taken from a folder; files named explicitly are always tried.
BPMN_SUFFIXES = frozenset({".bpmn", ".bpmn2", ".xml"})
#: Pages written per transaction (and at most this many bytes of BPMN held in memory).
CHUNK_FILES = 100
CHUNK_BYTES = 50 * 1024 * 1024

# Names tools generate instead of a real one ("sid-bdb880ac-…", "_6a8f…", "Process_1").
_GENERATED_NAME = re.compile(
    r"^(?:sid-[0-9a-f-]+|_?[0-9a-f]{8}-[0-9a-f-]{20,}|_[0-9A-Za-z_-]{10,}|[A-Za-z]+_\d+)$",
    re.IGNORECASE,
)


@dataclass
class FileResult:
    path: Path
    status: str  # "imported", "refused" or "skipped"
    message: str = ""
    page_id: int | None = None
    title: str = ""


@dataclass
class BpmnImportReport:
    results: list[FileResult] = field(default_factory=list)

    def _with(self, status: str) -> list[FileResult]:
        return [result for result in self.results if result.status == status]

    @property
    def imported(self) -> list[FileResult]:
        return self._with("imported")

    @property
    def refused(self) -> list[FileResult]:
        return self._with("refused")

    @property
    def skipped(self) -> list[FileResult]:
        return self._with("skipped")


def bpmn_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to import: named files as given, folders recursively (BPMN suffixes only,
    sorted, symbolic links to folders not followed)."""
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                candidate = Path(folder) / name
                if candidate.suffix.lower() in BPMN_SUFFIXES and candidate.is_file():
                    yield candidate


def process_title(model: BpmnModel, path: Path) -> str:
    """The model's name, else the first process or pool name, else the file name; names
    that tools generate (``sid-…``, ``Process_1``) don't count. (Pools usually name an
    organisation – "Bank" – the model names the process.)"""
    names = [model.name]
    names += [p.name for p in model.processes]
    names += [p.name for p in model.participants]
    for name in names:
        name = " ".join((name or "").split())
        if name and not _GENERATED_NAME.match(name):
            return name[:255]
    return path.stem[:255] or "BPMN-Import"


def read_limited(path: Path) -> bytes:
    """The file's bytes; refuses (BpmnError) what is not a readable file or too large, before
    reading it into memory."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BpmnError("Die Datei wurde nicht gefunden oder ist keine reguläre Datei.")
        if size > MAX_BPMN_BYTES:
            raise BpmnError(
                f"Die Datei ist zu groß ({_megabytes(size, 1)} MB; erlaubt sind höchstens "
                f"{_megabytes(MAX_BPMN_BYTES, 0)} MB)."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BPMN_BYTES + 1)
    except FileNotFoundError:
        raise BpmnError("Die Datei wurde nicht gefunden.") from None
    except OSError as error:
        raise BpmnError(f"Die Datei konnte nicht gelesen werden ({error.strerror}).") from None
    return data


def _megabytes(size: int, decimals: int) -> str:
    return f"{size / (1024 * 1024):.{decimals}f}".replace(".", ",")


def import_bpmn_files(
    paths: Iterable[Path],
    parent,
    user,
    *,
    publish: bool = False,
    dry_run: bool = False,
    on_result=None,
) -> BpmnImportReport:
    """Import every file under ``paths`` as a process page below ``parent``.

    Pages are written in chunks (``PageWriter``: derived fields, a revision by ``user``,
    audit log). ``dry_run`` checks every file the same way but writes nothing (results that
    would be imported keep ``page_id=None``). ``on_result`` is called with each
    :class:`FileResult` once it is known.
    """

    report = BpmnImportReport()
    writer = PageWriter(parent, user, publish=publish)
    pending: list[tuple[FileResult, ProcessPage]] = []
    pending_bytes = 0
    seen: dict[str, FileResult] = {}  # content hash → first file of this run

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result is not None:
            on_result(result)

    def flush() -> None:
        nonlocal pending, pending_bytes
        pages = [page for _, page in pending]
        failed = {} if dry_run else {id(page): error for page, error in writer.create(pages)}
        for result, page in pending:
            error = failed.get(id(page))
            if error is not None:
                result.status, result.message = "refused", _messages(error)
            elif not dry_run:
                result.page_id = page.pk
            done(result)
        pending, pending_bytes = [], 0

    for path in bpmn_files(paths):
        result, page, size = _prepare(path, user, seen, ProcessPage)
        if page is None:
            done(result)
            continue
        pending.append((result, page))
        pending_bytes += size
        if len(pending) >= CHUNK_FILES or pending_bytes >= CHUNK_BYTES:
            flush()
    flush()
    return report


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(message for messages in error.message_dict.values() for message in messages)
    return " ".join(error.messages)


def _prepare(path: Path, user, seen: dict, process_model):
    """Read, fingerprint and parse one file: (result, unsaved page or None, size)."""
    try:
        data = read_limited(path)
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            first = seen[digest]
            message = f"gleicher Inhalt wie {first.path} (in diesem Lauf importiert)."
            return FileResult(path, "skipped", message, None, first.title), None, 0
        existing = process_model.objects.filter(source_sha256=digest).only("pk", "title").first()
        if existing is not None:
            message = f"Inhalt bereits importiert als „{existing.title}“ (Seite {existing.pk})."
            return FileResult(path, "skipped", message, existing.pk, existing.title), None, 0
        model = parse_bpmn(data)
    except BpmnError as error:
        return FileResult(path, "refused", str(error)), None, 0

    title = process_title(model, path)
    base = slugify(title)[:60].strip("-") or "bpmn"
    page = process_model(
        title=title,
        slug=f"{base}-{digest[:8]}",
        summary=f"Importiert aus der BPMN-Datei „{path.name}“.",
        source_sha256=digest,
        bpmn_file=ContentFile(data, name=f"{slugify(path.stem)[:80] or 'prozess'}.bpmn"),
    )
    result = FileResult(path, "imported", "", None, title)
    seen[digest] = result
    return result, page, len(data)
