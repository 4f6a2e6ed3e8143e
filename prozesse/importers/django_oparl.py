"""OParl papers → decision pages in a committee section (``manage.py import_oparl``).

* Identity: ``DecisionPage.oparl_id``. A re-import updates changed papers and never creates a
  second page; unchanged papers cost one lookup per chunk.
* Decision number: the paper's ``reference``. It must be unique across the register: when it
  is missing, or already taken by another page, the number is the reference (or "OParl") with
  the OParl id's short form appended, e.g. ``2019/1012 (vo/51234)`` – deterministic, and a
  page keeps its number on re-import.
* Deleted papers (OParl tombstones) are not imported; an already imported one is unpublished.
* Memory: papers are streamed (``iter_papers``) and handled in chunks of ``CHUNK_SIZE``, each in
  one transaction, created with :class:`PageWriter` and indexed in bulk after the commit.
* Tracking: :func:`track_imported_paper` turns an imported paper into a tracked decision
  (``manage.py track_oparl_paper``): status "beschlossen" and a first task, published as a
  revision (``prozesse.decision_tasks.track_decision``); re-imports keep both.
* Sources: an export folder (``papers.jsonl`` …) or an OParl paper list URL, fetched page by
  page (``data`` / ``links.next``) with ``urllib``.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page

from prozesse.decision_tasks import track_decision
from prozesse.formats.oparl import (
    OParlError,
    OParlPaper,
    OParlRecordError,
    iter_paper_dicts,
    iter_papers,
)
from prozesse.importers.django_common import ImportSetupError, home_page
from prozesse.importers.django_pages import PageWriter
from prozesse.models import CommitteeSectionPage, DecisionPage
from search.indexing import deferred_indexing

CHUNK_SIZE = 500
TITLE_MAX = 255
NUMBER_MAX = 50
PAPER_TYPE_MAX = 200

#: Limits for the URL mode: one list page, the number of pages, one request.
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
MAX_LIST_PAGES = 10_000
HTTP_TIMEOUT = 30

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
# A hyphen at a line end joins the word only if the next line goes on in lower case and is
# not a conjunction ("Bürger-\nund Ordnungsamt" stays apart).
_NOT_JOINED = frozenset({"und", "oder", "bzw.", "sowie", "bis", "als"})

FIELDS = ("title", "paper_type", "meeting_date", "summary", "decision_text")


@dataclass
class OParlImportReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted_skipped: int = 0
    unpublished: int = 0
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def papers_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


# --------------------------------------------------------------------------- mapping


def short_id(oparl_id: str) -> str:
    """The distinctive tail of an OParl id: ``…/papers/vo/48018`` → ``vo/48018``."""
    path = urllib.parse.urlsplit(oparl_id).path.rstrip("/")
    if "/papers/" in path:
        return path.rsplit("/papers/", 1)[1]
    return path.rsplit("/", 1)[-1] or oparl_id


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_to_html(text: str) -> str:
    """Extracted PDF text as escaped HTML paragraphs: blank lines separate paragraphs, line
    breaks inside one are joined (hyphenated words rejoined), control characters dropped."""
    text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in _BLANK_LINE.split(text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        merged = lines[0]
        for line in lines[1:]:
            first_word = line.split(" ", 1)[0]
            if (
                merged.endswith("-")
                and len(merged) > 1
                and merged[-2].isalpha()
                and first_word[:1].islower()
                and first_word not in _NOT_JOINED
            ):
                merged = merged[:-1] + line
            else:
                merged = f"{merged} {line}"
        paragraphs.append(f"<p>{escape(merged)}</p>")
    return "".join(paragraphs)


def _is_web_url(url: str | None) -> bool:
    return bool(url) and urllib.parse.urlsplit(url).scheme in ("http", "https")


def decision_fields(paper: OParlPaper) -> dict:
    """The page fields a paper determines (everything but number and slug)."""
    reference = paper.reference or ""
    title = paper.name or f"Vorlage {reference or short_id(paper.oparl_id)}"
    sentences = [" ".join(filter(None, [paper.paper_type or "Vorlage", reference]))]
    if paper.date:
        sentences[0] += f" vom {paper.date:%d.%m.%Y}"
    consulted = [name for name in paper.organisations if name not in paper.under_direction_of]
    if consulted:
        sentences.append(f"Beratung: {', '.join(consulted)}")
    if paper.under_direction_of:
        sentences.append(f"Federführung: {', '.join(paper.under_direction_of)}")
    html = text_to_html(paper.main_file_text or "")
    sources = []
    if _is_web_url(paper.web_url):
        sources.append(f'<a href="{escape(paper.web_url)}">Vorlage im Ratsinformationssystem</a>')
    if _is_web_url(paper.main_file_url):
        sources.append(f'<a href="{escape(paper.main_file_url)}">Hauptdokument</a>')
    if sources:
        html += f"<p>Quelle: {' · '.join(sources)}</p>"
    return {
        "title": truncate(" ".join(title.split()), TITLE_MAX),
        "paper_type": truncate(paper.paper_type or "", PAPER_TYPE_MAX),
        "meeting_date": paper.date,
        "summary": ". ".join(sentences) + ".",
        "decision_text": html,
    }


def number_candidates(paper: OParlPaper) -> list[str]:
    """Decision numbers to try, best first (see the module docstring)."""
    suffix = short_id(paper.oparl_id)
    reference = paper.reference
    candidates = [reference] if reference else []
    candidates.append(f"{reference or 'OParl'} ({suffix})")
    candidates.append(f"OParl {paper.oparl_id}")
    return [truncate(candidate, NUMBER_MAX) for candidate in candidates]


# --------------------------------------------------------------------------- sources


def fetch_json(url: str, *, timeout: float = HTTP_TIMEOUT) -> object:
    """GET ``url`` as JSON (http/https only, size-limited); raises OParlError."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise OParlError(f"Nur http(s)-Adressen werden abgerufen, nicht {url!r}.")
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "Prozessregister-OParl/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise OParlError(f"{url} konnte nicht abgerufen werden ({error}).") from error
    if len(body) > MAX_RESPONSE_BYTES:
        raise OParlError(f"{url}: Antwort größer als {MAX_RESPONSE_BYTES // 2**20} MB.")
    try:
        return json.loads(body)
    except ValueError as error:
        raise OParlError(f"{url} lieferte kein gültiges JSON ({error}).") from error


def iter_paper_list(url: str) -> Iterator[dict]:
    """The Paper dicts of an OParl paper list, following ``links.next`` page by page."""
    seen: set[str] = set()
    next_url: str | None = url
    while next_url and len(seen) < MAX_LIST_PAGES:
        if next_url in seen:
            raise OParlError(f"Die Seitenverweise der Liste laufen im Kreis ({next_url}).")
        seen.add(next_url)
        page = fetch_json(next_url)
        if isinstance(page, list):  # a plain list instead of a paginated object
            yield from page
            return
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise OParlError(f"{next_url} ist keine OParl-Liste (Feld „data“ fehlt).")
        yield from page["data"]
        links = page.get("links") if isinstance(page.get("links"), dict) else {}
        following = links.get("next")
        next_url = urllib.parse.urljoin(next_url, following) if following else None


class RemoteOrganisations(Mapping):
    """Organisation id → name, fetched on first use from the id (an OParl object URL)."""

    def __init__(self, limit: int = 2000) -> None:
        self._names: dict[str, str | None] = {}
        self._limit = limit

    def _name(self, oparl_id: str) -> str | None:
        if oparl_id not in self._names:
            name = None
            if len(self._names) < self._limit and _is_web_url(oparl_id):
                try:
                    data = fetch_json(oparl_id, timeout=10)
                except OParlError:
                    data = None
                if isinstance(data, dict):
                    value = data.get("name") or data.get("shortName")
                    name = " ".join(value.split()) if isinstance(value, str) else None
            self._names[oparl_id] = name or None
        return self._names[oparl_id]

    def __getitem__(self, oparl_id: str) -> str:
        name = self._name(oparl_id)
        if name is None:
            raise KeyError(oparl_id)
        return name

    def __contains__(self, oparl_id: object) -> bool:
        return isinstance(oparl_id, str) and self._name(oparl_id) is not None

    def __iter__(self):
        return (key for key, value in self._names.items() if value)

    def __len__(self) -> int:
        return sum(1 for value in self._names.values() if value)

    def __bool__(self) -> bool:  # empty until asked, but never "no organisations"
        return True


def iter_source(source: str) -> Iterator[OParlPaper | OParlRecordError]:
    if source.startswith(("http://", "https://")):
        return iter_paper_dicts(iter_paper_list(source), RemoteOrganisations())
    path = Path(source)
    if not path.is_dir():
        raise ImportSetupError(f"{source} ist weder ein Verzeichnis noch eine http(s)-Adresse.")
    return iter_papers(path)


# --------------------------------------------------------------------------- import


def get_or_create_section(slug: str, title: str, user):
    """The committee section with ``slug`` under the home page, created on first use."""

    section = CommitteeSectionPage.objects.filter(slug=slug).first()
    if section is not None:
        return section
    home = home_page()
    if not home.permissions_for_user(user).can_add_subpage():
        raise ImportSetupError(
            f"{user.get_username()} darf unter „{home.title}“ keine Gremienseite anlegen."
        )
    section = CommitteeSectionPage(title=title, slug=slug, committee_name=title, owner=user)
    home.add_child(instance=section)
    section.save_revision(user=user, log_action=True).publish(user=user)
    return section


class OParlImporter:
    def __init__(self, section, user, *, publish: bool, chunk_size: int = CHUNK_SIZE) -> None:
        self.model = DecisionPage
        self.section = section
        self.user = user
        self.publish = publish
        self.chunk_size = chunk_size
        # No revisions and no derived review dates for thousands of council papers: a paper
        # becomes an editorial page only when someone edits it (see the module docstring).
        self.writer = PageWriter(section, user, publish=publish, derive=False, revisions=False)

    def run(
        self,
        papers: Iterator[OParlPaper | OParlRecordError],
        *,
        limit: int | None = None,
        progress: Callable[[OParlImportReport], None] | None = None,
    ) -> OParlImportReport:
        report = OParlImportReport()
        started = time.perf_counter()
        chunk: list[OParlPaper] = []
        # Imported decisions reference no other objects (plain text and external links), so
        # the reference index has nothing to record; search indexing happens per chunk.
        with deferred_indexing(rebuild_references=False) as deferred:
            for item in papers:
                if limit is not None and report.read >= limit:
                    break
                report.read += 1
                if isinstance(item, OParlRecordError):
                    report.refused.append(str(item))
                    continue
                chunk.append(item)
                if len(chunk) >= self.chunk_size:
                    self._chunk(chunk, report)
                    deferred.flush()
                    chunk = []
                    report.seconds = time.perf_counter() - started
                    if progress is not None:
                        progress(report)
            self._chunk(chunk, report)
        report.seconds = time.perf_counter() - started
        return report

    # ------------------------------------------------------------------ one chunk
    def _chunk(self, papers: list[OParlPaper], report: OParlImportReport) -> None:
        if not papers:
            return
        papers = list({paper.oparl_id: paper for paper in papers}.values())  # last one wins
        with transaction.atomic():
            existing = {
                page.oparl_id: page
                for page in self.model.objects.filter(
                    oparl_id__in=[paper.oparl_id for paper in papers]
                )
            }
            deleted = [paper for paper in papers if paper.deleted]
            report.deleted_skipped += len(deleted)
            report.unpublished += self._unpublish(
                [existing[p.oparl_id] for p in deleted if p.oparl_id in existing]
            )
            current = [paper for paper in papers if not paper.deleted]
            new = [paper for paper in current if paper.oparl_id not in existing]
            numbers = self._assign_numbers(new, existing, current)
            slugs = self._assign_slugs(new)
            pages = [
                self.model(
                    oparl_id=paper.oparl_id,
                    decision_number=numbers[paper.oparl_id],
                    slug=slugs[paper.oparl_id],
                    **decision_fields(paper),
                )
                for paper in new
            ]
            self.writer.create(pages)
            report.imported += len(pages)
            for paper in current:
                page = existing.get(paper.oparl_id)
                if page is None:
                    continue
                if self._update(page, paper, numbers.get(paper.oparl_id)):
                    report.updated += 1
                else:
                    report.unchanged += 1

    def _assign_numbers(self, new, existing, current) -> dict[str, str]:
        """Unique decision numbers for new papers, and for existing ones whose reference
        changed; the rest keep theirs."""
        wanted = {paper.oparl_id: number_candidates(paper) for paper in new}
        for paper in current:
            page = existing.get(paper.oparl_id)
            if (
                page is not None
                and paper.reference
                and paper.reference not in (page.decision_number.split(" (")[0],)
            ):
                wanted[paper.oparl_id] = number_candidates(paper)
        all_candidates = {number for numbers in wanted.values() for number in numbers}
        taken = dict(
            self.model.objects.filter(decision_number__in=all_candidates).values_list(
                "decision_number", "oparl_id"
            )
        )
        assigned: dict[str, str] = {}
        for oparl_id, candidates in wanted.items():
            for candidate in candidates:
                owner = taken.get(candidate, oparl_id)
                if owner == oparl_id:
                    assigned[oparl_id] = candidate
                    taken[candidate] = oparl_id
                    break
            else:
                raise OParlError(f"Keine freie Beschlussnummer für {oparl_id}.")
        return assigned

    def _assign_slugs(self, new) -> dict[str, str]:
        """Slugs from the OParl id's short form (``vo-48018``), unique among the section's
        children (a counter is appended in the rare case of a clash)."""

        siblings = Page.objects.child_of(self.section)
        wanted = {
            paper.oparl_id: (slugify(short_id(paper.oparl_id).replace("/", "-")) or "vorlage")
            for paper in new
        }
        used = set(siblings.filter(slug__in=wanted.values()).values_list("slug", flat=True))
        slugs: dict[str, str] = {}
        for oparl_id, slug in wanted.items():
            slug = slug[:200]
            candidate, counter = slug, 1
            while candidate in used or (counter > 1 and siblings.filter(slug=candidate).exists()):
                counter += 1
                candidate = f"{slug}-{counter}"
            used.add(candidate)
            slugs[oparl_id] = candidate
        return slugs

    def _update(self, page, paper: OParlPaper, number: str | None) -> bool:
        """Bring an imported page up to date; False if nothing changed.

        A page that was never edited in the admin (no revision) is updated in place when that
        publishes nothing new: it is a draft, or ``--publish`` was given. Otherwise the change
        becomes a new draft revision, published only with ``--publish``.
        """
        values = decision_fields(paper)
        if number:
            values["decision_number"] = number
        goes_live = self.publish and not page.live
        if not goes_live and all(getattr(page, name) == value for name, value in values.items()):
            return False
        if page.latest_revision_id is None and (self.publish or not page.live):
            for name, value in values.items():
                setattr(page, name, value)
            actions = ["wagtail.edit"]
            if goes_live:
                page.live, page.has_unpublished_changes = True, False
                page.first_published_at = page.first_published_at or timezone.now()
                page.last_published_at = timezone.now()
            if page.live:
                actions.append("wagtail.publish")
            page.save(clean=False, log_action=None)
            self.writer.log([page], actions)
            return True
        draft = page.get_latest_revision_as_object()
        for name, value in values.items():
            setattr(draft, name, value)
        revision = draft.save_revision(user=self.user, log_action=True, clean=False)
        if self.publish:
            revision.publish(user=self.user)
        return True

    def _unpublish(self, pages) -> int:
        count = 0
        for page in pages:
            if page.live:
                page.unpublish(user=self.user, log_action=True)
                count += 1
        return count


# --------------------------------------------------------------------------- tracking


def imported_paper(key: str) -> DecisionPage:
    """The decision imported from the paper with this OParl id or decision number."""
    page = (
        DecisionPage.objects.filter(oparl_id=key).first()
        or DecisionPage.objects.filter(decision_number=key).first()
    )
    if page is None:
        raise ImportSetupError(f"Es gibt keine Vorlage mit der OParl-ID oder Nummer „{key}“.")
    if not page.oparl_id:
        raise ImportSetupError(
            f"Beschluss „{page.decision_number}“ wurde nicht aus OParl importiert; Aufgaben "
            "legen Sie bei ihm direkt im Bearbeiten-Formular an."
        )
    return page


def track_imported_paper(
    key: str, user, *, responsible=None, due_date=None, task_title: str = ""
) -> DecisionPage:
    """Put an imported paper under decision tracking, as ``user`` (who must may publish it)."""
    page = imported_paper(key)
    if not page.permissions_for_user(user).can_publish():
        raise ImportSetupError(
            f"{user.get_username()} darf „{page.decision_number}“ nicht veröffentlichen."
        )
    return track_decision(
        page, user=user, responsible=responsible, due_date=due_date, task_title=task_title
    )
