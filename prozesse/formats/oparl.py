"""Reader for OParl 1.1 ``Paper`` objects (council documents), e.g. a Ratsinformationssystem
mirror such as the Karlsruhe data set.

Two sources share one mapping function, :func:`paper_from_dict`:

* :func:`iter_papers` streams a directory dump (``papers.jsonl`` one Paper per line, plus
  ``organizations.json``, ``consultations.json`` and ``file-texts.jsonl``),
* :func:`iter_paper_dicts` maps any iterable of Paper dicts, e.g. the ``data`` lists of the
  pages of a live OParl ``/papers`` endpoint (the HTTP client is not part of this module).

Both yield :class:`OParlPaper` or, for a record that cannot be mapped, an
:class:`OParlRecordError` (with line number) instead of raising, so an import command can
print ``Zeile 17 abgelehnt: …`` and carry on.

Memory: papers are streamed line by line and never held all at once.  The extracted PDF
texts (``file-texts.jsonl``, ~41 MB for 8,794 texts) are *not* loaded into memory either:
:class:`FileTextIndex` scans the file once and keeps only ``paper id -> byte offset`` (a
few MB); each text is read with ``seek`` + ``readline`` when its paper comes by.  A
merge-join would avoid the index, but it relies on both files being sorted the same way,
which the format does not guarantee; the offset index works for any order.

Pure Python, no Django.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from .values import parse_iso_datetime

__all__ = [
    "PAPERS_FILE",
    "ConsultationIndex",
    "FileText",
    "FileTextIndex",
    "OParlError",
    "OParlPaper",
    "OParlRecordError",
    "iter_paper_dicts",
    "iter_papers",
    "load_consultations",
    "load_organisations",
    "paper_from_dict",
]

PAPERS_FILE = "papers.jsonl"
ORGANISATIONS_FILE = "organizations.json"
CONSULTATIONS_FILE = "consultations.json"
FILE_TEXTS_FILE = "file-texts.jsonl"

_WS_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class OParlError(ValueError):
    """An OParl source or record cannot be read (message in German)."""


@dataclass(frozen=True)
class OParlRecordError:
    """A refused record: the import goes on, the command reports it.

    ``line_number`` is the 1-based line in ``papers.jsonl`` (or the 1-based position in an
    iterable of dicts); ``oparl_id`` is set when the record had a usable id.
    """

    line_number: int | None
    message: str
    oparl_id: str | None = None

    def __str__(self) -> str:
        where = f"Zeile {self.line_number}" if self.line_number is not None else "Datensatz"
        return f"{where} abgelehnt: {self.message}"


@dataclass(frozen=True)
class FileText:
    """Extracted text of a paper's main file (``file_id`` is the OParl File id, if known)."""

    file_id: str | None
    text: str


@dataclass(frozen=True)
class OParlPaper:
    """A council document, mapped from an OParl ``Paper``.

    ``organisations`` are the names of the organisations of the paper's consultations
    followed by those of ``underDirectionOf`` (deduplicated, in this order);
    ``under_direction_of`` repeats the latter separately; ``organisation_ids`` lists the ids
    of all of them, including ids that could not be resolved to a name.  Empty strings in
    the source (``reference``, ``paperType`` of deleted papers) become ``None``.
    ``deleted`` papers (OParl tombstones) are yielded too, so an import can remove them.
    ``raw`` is the source dict if requested (``keep_raw=True``).
    """

    oparl_id: str
    reference: str | None
    name: str
    paper_type: str | None
    date: date | None
    organisations: tuple[str, ...]
    main_file_text: str | None
    web_url: str | None
    modified: datetime | None
    created: datetime | None = None
    deleted: bool = False
    under_direction_of: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    main_file_id: str | None = None
    main_file_url: str | None = None
    consultation_roles: tuple[str, ...] = ()
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------------------------
# Side tables: organisations, consultations, texts
# --------------------------------------------------------------------------------------------


def load_organisations(source: Path | Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Map OParl Organization id -> name (whitespace-normalised).

    ``source`` is a path to a JSON file (a list of Organization objects, or an OParl list
    page ``{"data": [...]}``) or an iterable of Organization dicts.  Organisations without a
    name fall back to ``shortName``.
    """
    records = _load_json_list(source, "Organisationen") if isinstance(source, Path) else source
    result: dict[str, str] = {}
    for org in records:
        if not isinstance(org, Mapping):
            continue
        oid = org.get("id")
        name = _clean(org.get("name")) or _clean(org.get("shortName"))
        if isinstance(oid, str) and name:
            result[oid] = name
    return result


@dataclass(frozen=True)
class ConsultationIndex:
    """Consultations that are not embedded in the papers (e.g. ``consultations.json``).

    ``organisations_by_id`` maps Consultation id -> Organization ids, ``by_paper`` maps Paper
    id -> Consultation ids; ``roles_by_id`` maps Consultation id -> role.
    """

    organisations_by_id: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by_paper: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles_by_id: Mapping[str, str] = field(default_factory=dict)


def load_consultations(source: Path | Iterable[Mapping[str, Any]]) -> ConsultationIndex:
    """Index separately delivered Consultation objects (file path or iterable of dicts)."""
    records = _load_json_list(source, "Beratungen") if isinstance(source, Path) else source
    orgs: dict[str, tuple[str, ...]] = {}
    roles: dict[str, str] = {}
    by_paper: dict[str, list[str]] = {}
    for cons in records:
        if not isinstance(cons, Mapping) or not isinstance(cons.get("id"), str):
            continue
        cid = cons["id"]
        orgs[cid] = tuple(o for o in _as_list(cons.get("organization")) if isinstance(o, str))
        role = _clean(cons.get("role"))
        if role:
            roles[cid] = role
        paper = cons.get("paper")
        if isinstance(paper, str):
            by_paper.setdefault(paper, []).append(cid)
    return ConsultationIndex(orgs, {k: tuple(v) for k, v in by_paper.items()}, roles)


class FileTextIndex(Mapping[str, FileText]):
    """Lazy ``paper id -> FileText`` mapping over a ``file-texts.jsonl`` file.

    Construction scans the file once and keeps only byte offsets; lookups seek and parse a
    single line.  Use as a context manager (or call :meth:`close`).  If a paper has several
    texts, the first one wins (``duplicates`` counts the others); unreadable lines are
    counted in ``errors`` (line numbers in ``error_lines``) and skipped.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.duplicates = 0
        self.error_lines: list[int] = []
        self._offsets: dict[str, int] = {}
        try:
            self._fh: BinaryIO | None = self.path.open("rb")
        except OSError as exc:
            raise OParlError(f"Textdatei {self.path} kann nicht gelesen werden ({exc}).") from exc
        offset = 0
        for line_number, line in enumerate(self._fh, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                paper_id = record["paper"]
                if not isinstance(paper_id, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                self.error_lines.append(line_number)
                continue
            if paper_id in self._offsets:
                self.duplicates += 1
            else:
                self._offsets[paper_id] = start

    @property
    def errors(self) -> int:
        return len(self.error_lines)

    def __getitem__(self, paper_id: str) -> FileText:
        offset = self._offsets[paper_id]
        if self._fh is None:
            raise OParlError("Textdatei ist bereits geschlossen.")
        self._fh.seek(offset)
        record = json.loads(self._fh.readline())
        text = record.get("text")
        file_id = record.get("file")
        return FileText(
            file_id if isinstance(file_id, str) else None, text if isinstance(text, str) else ""
        )

    def __contains__(self, paper_id: object) -> bool:
        return paper_id in self._offsets

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> FileTextIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --------------------------------------------------------------------------------------------
# Mapping
# --------------------------------------------------------------------------------------------


def paper_from_dict(
    d: Mapping[str, Any],
    organisations: Mapping[str, str] | None = None,
    texts: Mapping[str, FileText | str] | None = None,
    *,
    consultations: ConsultationIndex | None = None,
    keep_raw: bool = False,
) -> OParlPaper:
    """Map one OParl ``Paper`` dict onto :class:`OParlPaper`.

    ``organisations`` maps Organization id -> name (:func:`load_organisations`); ``texts``
    maps Paper id -> :class:`FileText` or plain text (:class:`FileTextIndex`, or a dict for
    tests/live sources); ``consultations`` supplies consultations that are referenced by id
    only or delivered separately.  Missing or malformed optional fields become ``None``/empty;
    unknown ``paperType`` values are kept as they are.  Raises :class:`OParlError` (German
    message) if the record is not a Paper or has no id.
    """
    if not isinstance(d, Mapping):
        raise OParlError(f"Datensatz ist kein JSON-Objekt, sondern {type(d).__name__}.")
    oparl_id = d.get("id")
    if not isinstance(oparl_id, str) or not oparl_id.strip():
        raise OParlError("Datensatz hat keine OParl-ID (Feld „id“).")
    oparl_id = oparl_id.strip()
    obj_type = d.get("type")
    if obj_type is not None and not (isinstance(obj_type, str) and _is_paper_type(obj_type)):
        raise OParlError(f"Datensatz {oparl_id} ist kein OParl-Paper (type={obj_type!r}).")

    organisations = organisations or {}
    consultation_orgs, roles = _consultation_organisations(oparl_id, d, consultations)
    direction_ids = [o for o in _as_list(d.get("underDirectionOf")) if isinstance(o, str)]
    all_ids = list(dict.fromkeys([*consultation_orgs, *direction_ids]))
    names = [organisations[o] for o in all_ids if o in organisations]
    direction_names = [organisations[o] for o in direction_ids if o in organisations]

    main_text, main_file_id, main_file_url = _main_file(oparl_id, d, texts)

    return OParlPaper(
        oparl_id=oparl_id,
        reference=_clean(d.get("reference")),
        name=_clean(d.get("name")) or "",
        paper_type=_clean(d.get("paperType")),
        date=_parse_date(d.get("date")),
        organisations=tuple(dict.fromkeys(names)),
        main_file_text=main_text,
        web_url=_clean(d.get("web")),
        modified=parse_iso_datetime(d.get("modified")),
        created=parse_iso_datetime(d.get("created")),
        deleted=d.get("deleted") is True,
        under_direction_of=tuple(dict.fromkeys(direction_names)),
        organisation_ids=tuple(all_ids),
        main_file_id=main_file_id,
        main_file_url=main_file_url,
        consultation_roles=tuple(dict.fromkeys(roles)),
        raw=dict(d) if keep_raw else None,
    )


def iter_paper_dicts(
    records: Iterable[Any],
    organisations: Mapping[str, str] | None = None,
    texts: Mapping[str, FileText | str] | None = None,
    *,
    consultations: ConsultationIndex | None = None,
    keep_raw: bool = False,
    start: int = 1,
) -> Iterator[OParlPaper | OParlRecordError]:
    """Map an iterable of Paper dicts (e.g. from a live OParl API) lazily.

    Records that cannot be mapped are yielded as :class:`OParlRecordError` with their
    1-based position (counting from ``start``).
    """
    for position, record in enumerate(records, start=start):
        try:
            yield paper_from_dict(
                record, organisations, texts, consultations=consultations, keep_raw=keep_raw
            )
        except OParlError as exc:
            rid = record.get("id") if isinstance(record, Mapping) else None
            yield OParlRecordError(position, str(exc), rid if isinstance(rid, str) else None)


def iter_papers(
    source_dir: Path,
    *,
    with_texts: bool = True,
    keep_raw: bool = False,
) -> Iterator[OParlPaper | OParlRecordError]:
    """Stream the papers of an OParl directory dump.

    Expects ``papers.jsonl`` in ``source_dir``; ``organizations.json``,
    ``consultations.json`` and ``file-texts.jsonl`` are optional (missing ones are simply
    not used; ``with_texts=False`` skips the texts).  Yields :class:`OParlPaper` for every
    mappable line (deleted papers included, ``deleted=True``) and
    :class:`OParlRecordError` for every refused line (invalid JSON or UTF-8, not an object,
    no id, not a Paper).  Raises :class:`OParlError` only if the directory or
    ``papers.jsonl`` cannot be read, or a side table is corrupt.
    """
    source_dir = Path(source_dir)
    papers_path = source_dir / PAPERS_FILE
    if not papers_path.is_file():
        raise OParlError(f"{papers_path} nicht gefunden. Ist das ein OParl-Export-Verzeichnis?")

    orgs_path = source_dir / ORGANISATIONS_FILE
    organisations = load_organisations(orgs_path) if orgs_path.is_file() else {}
    cons_path = source_dir / CONSULTATIONS_FILE
    consultations = load_consultations(cons_path) if cons_path.is_file() else None
    texts_path = source_dir / FILE_TEXTS_FILE
    texts = FileTextIndex(texts_path) if with_texts and texts_path.is_file() else None

    try:
        with papers_path.open("rb") as fh:
            for line_number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except UnicodeDecodeError as exc:
                    yield OParlRecordError(
                        line_number, f"Ungültige UTF-8-Kodierung ({exc.reason})."
                    )
                    continue
                except json.JSONDecodeError as exc:
                    yield OParlRecordError(
                        line_number, f"Ungültiges JSON ({exc.msg}, Spalte {exc.colno})."
                    )
                    continue
                yield from iter_paper_dicts(
                    [record],
                    organisations,
                    texts,
                    consultations=consultations,
                    keep_raw=keep_raw,
                    start=line_number,
                )
    except OSError as exc:
        raise OParlError(f"{papers_path} kann nicht gelesen werden ({exc}).") from exc
    finally:
        if texts is not None:
            texts.close()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _consultation_organisations(
    paper_id: str, d: Mapping[str, Any], index: ConsultationIndex | None
) -> tuple[list[str], list[str]]:
    org_ids: list[str] = []
    roles: list[str] = []
    seen: set[str] = set()
    entries: list[Any] = list(_as_list(d.get("consultation")))
    if index is not None:
        entries += list(index.by_paper.get(paper_id, ()))
    for entry in entries:
        if isinstance(entry, Mapping):
            cid = entry.get("id") if isinstance(entry.get("id"), str) else None
            orgs = [o for o in _as_list(entry.get("organization")) if isinstance(o, str)]
            if not orgs and cid and index is not None:
                orgs = list(index.organisations_by_id.get(cid, ()))
            role = _clean(entry.get("role")) or (
                index.roles_by_id.get(cid) if index and cid else None
            )
        elif isinstance(entry, str):  # consultation referenced by URL only
            cid = entry
            orgs = list(index.organisations_by_id.get(cid, ())) if index else []
            role = index.roles_by_id.get(cid) if index else None
        else:
            continue
        if cid is not None:
            if cid in seen:
                continue
            seen.add(cid)
        org_ids.extend(orgs)
        if role:
            roles.append(role)
    return org_ids, roles


def _main_file(
    paper_id: str, d: Mapping[str, Any], texts: Mapping[str, FileText | str] | None
) -> tuple[str | None, str | None, str | None]:
    entry = texts.get(paper_id) if texts is not None else None
    if isinstance(entry, str):
        entry = FileText(None, entry)
    text = entry.text.strip() if entry is not None and entry.text else ""

    file_id: str | None = entry.file_id if entry is not None else None
    url: str | None = None
    main = d.get("mainFile")
    if isinstance(main, Mapping):
        file_id = file_id or (main.get("id") if isinstance(main.get("id"), str) else None)
        url = _file_url(main)
    elif isinstance(main, str):
        file_id = file_id or main
    if url is None and file_id is not None:
        for aux in _as_list(d.get("auxiliaryFile")):
            if isinstance(aux, Mapping) and aux.get("id") == file_id:
                url = _file_url(aux)
                break
    return (text or None), file_id, url


def _file_url(file_obj: Mapping[str, Any]) -> str | None:
    for key in ("accessUrl", "downloadUrl"):
        value = file_obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _is_paper_type(value: str) -> bool:
    return value.rstrip("/").rsplit("/", 1)[-1] == "Paper"


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS_RE.sub(" ", value).strip()
    return value or None


def _as_list(value: Any) -> Sequence[Any]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return value
    return (value,)


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _load_json_list(path: Path, label: str) -> list[Any]:
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise OParlError(f"{label}: {path} kann nicht gelesen werden ({exc}).") from exc
    except ValueError as exc:
        raise OParlError(f"{label}: {path} ist kein gültiges JSON ({exc}).") from exc
    if isinstance(data, Mapping) and isinstance(data.get("data"), list):
        data = data["data"]
    if not isinstance(data, list):
        raise OParlError(f"{label}: {path} enthält keine JSON-Liste.")
    return data
