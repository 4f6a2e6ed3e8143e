"""Process pages → FIM XProzess 2.0 (``manage.py export_xprozess`` and the admin download).

The counterpart of :mod:`prozesse.importers.django_xprozess`: each page becomes the reader's
record (:class:`~prozesse.formats.xprozess.XProzessProcess`) written by the pure
:mod:`prozesse.formats.xprozess.writer`. LeiKa/FIM key → id (a page without one is sent under
its register key), title → name, summary → definition, legal bases → ``handlungsgrundlage`` with
a link (catalogue paragraphs link to gesetze-im-internet.de), tags → keywords, Prozessart and
Status → Merkmale (German labels, as FIM writes the Prozessart), steps → activity groups, the
BPMN file → ``prozessmodelldatei``, attached PDF documents → ``beschreibungsdatei``.

Which pages: live process pages the reader may see (``prozesse.visibility``); a selection with
nothing the reader may see is refused by the callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.utils import translation
from django.utils.text import slugify

from prozesse.formats.xprozess import (
    LegalBasis,
    XProzessActivity,
    XProzessProcess,
    XProzessState,
    write_xprozess,
)
from prozesse.models import Law, LawParagraph, ProcessCategory, ProcessPage, ProcessStatus
from prozesse.process_downloads import published_version
from prozesse.visibility import Visibility

GII = "https://www.gesetze-im-internet.de"


def visible_processes(scope, visibility: Visibility):
    """Live process pages in (or being) ``scope`` – a process, department or town page –
    that the reader may see, in tree order."""

    processes = ProcessPage.objects.live().filter(path__startswith=scope.path)
    return visibility.apply(processes).order_by("path")


def export_message(pages: Iterable, *, author: str = "Prozessregister") -> bytes:
    """One ``alleInhalte.export.0303`` message with every page of ``pages``."""
    records, ids = [], set()
    for page in pages:
        record = process_record(page)
        if record.fim_id in ids:
            # Two pages of one service (e.g. a town's copy of another's process): the reader
            # merges by id, so the second one travels under its register key.
            record = replace(record, fim_id=page.register_key or f"seite-{page.pk}")
        ids.add(record.fim_id)
        records.append(record)
    return write_xprozess(records, author=author)


def export_filename(scope) -> str:
    return f"xprozess-{slugify(scope.slug) or scope.pk}.xml"


def process_record(page) -> XProzessProcess:
    """The XProzess record of one process page."""

    with translation.override("de"):
        characteristics = (
            ("Prozessart", str(ProcessCategory(page.category).label)),
            ("Status", str(ProcessStatus(page.status).label)),
        )
    changed = page.last_change
    state = XProzessState(
        status_code=None,
        last_modified=changed,
        last_editor=None,
        change_note=None,
        valid_from=None,
        valid_until=None,
        technical_release=page.last_published_at,
        formal_release=None,
    )
    authority = " – ".join(
        part.title for part in (page.municipality, page.department) if part is not None
    )
    return XProzessProcess(
        fim_id=page.service_key or page.register_key or f"seite-{page.pk}",
        name=page.title,
        definition=page.summary,
        legal_bases=tuple(legal_bases(page)),
        bpmn_files=tuple(_bpmn_files(page)),
        other_files=tuple(_pdf_attachments(page)),
        version=str(published_version(page)),
        keywords=tuple(tag.name for tag in page.tags.all()),
        characteristics=characteristics,
        releasing_authority=authority or None,
        modelling_method="BPMN 2.0",
        activities=tuple(
            XProzessActivity(
                id=f"{number:02d}",
                name=(block.get("value") or {}).get("name") or "",
                description=(block.get("value") or {}).get("description") or "",
                subprocess_id=None,
                reference_type_code=None,
            )
            for number, block in enumerate(page.steps.raw_data, start=1)
        ),
        class_state=state,
        process_state=state,
    )


def paragraph_url(paragraph) -> str:
    """The paragraph on gesetze-im-internet.de (``…/gewo/__14.html``, ``…/gg/art_28.html``)."""
    name = (
        f"art_{paragraph.number}" if paragraph.kind.startswith("Art") else f"__{paragraph.number}"
    )
    return f"{GII}/{paragraph.law.slug}/{name}.html"


def legal_bases(page) -> list[LegalBasis]:
    """The page's legal bases: citation as name, link as uri (catalogue entries resolved in
    one query each for laws and paragraphs)."""

    values = [block.get("value") or {} for block in page.legal_bases.raw_data]
    paragraphs = LawParagraph.objects.select_related("law").in_bulk(
        [value["paragraph"] for value in values if value.get("paragraph")]
    )
    laws = Law.objects.in_bulk([value["law"] for value in values if value.get("law")])
    result = []
    for value in values:
        norm, url = (value.get("norm") or "").strip(), (value.get("url") or "").strip()
        paragraph = paragraphs.get(value.get("paragraph"))
        law = laws.get(value.get("law"))
        if paragraph is not None:
            name, url = norm or paragraph.citation(), paragraph_url(paragraph)
        elif law is not None:
            name = norm or law.abbreviation
        else:
            name = norm or (value.get("title") or "").strip()
        if name:
            result.append(LegalBasis(title=name, norm=name, url=url or None))
    return result


def _bpmn_files(page) -> list[tuple[str, bytes]]:
    if not page.bpmn_file:
        return []
    try:
        with page.bpmn_file.open("rb") as handle:
            content = handle.read()
    except OSError:
        return []
    stem = slugify(page.service_key or page.register_key or page.slug) or "prozess"
    return [(f"{stem}.bpmn", content)]


def _pdf_attachments(page) -> list[tuple[str, bytes]]:
    files = []
    for block in page.attachments:
        document = block.value
        if document is None or not document.file.name.lower().endswith(".pdf"):
            continue
        try:
            with document.file.open("rb") as handle:
                files.append((document.file.name.rsplit("/", 1)[-1], handle.read()))
        except OSError:
            continue
    return files
