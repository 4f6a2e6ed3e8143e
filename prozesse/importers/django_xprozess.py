"""FIM XProzess 2.0 → process pages (``manage.py import_xprozess``).

One process page per FIM process in the message: FIM id → service key, name → title,
definition → summary, activity groups → process steps, keywords → tags, legal bases → legal
basis blocks (a catalogue paragraph where the law is in the catalogue, free text with the
link from the file otherwise), the BPMN model from ``prozessmodelldatei`` → the page's
diagram, the PDF renderings → attached documents.

Re-runs: the page is found again by its FIM id in the target department. If the file is the
same (SHA-256 stored on the page) nothing happens; otherwise the page gets a new draft
revision with the file's content (published only with ``--publish``).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from prozesse.formats.bpmn import BpmnError, parse_bpmn
from prozesse.formats.xprozess import LegalBasis, XProzessProcess, read_xprozess
from prozesse.importers.django_common import save_draft_or_publish
from prozesse.models import Law, LawParagraph, ProcessPage

_CATEGORY_BY_PROCESS_KIND = {
    "kernprozess": "kern",
    "führungsprozess": "fuehrung",
    "managementprozess": "fuehrung",
    "unterstützungsprozess": "unterstuetzung",
    "supportprozess": "unterstuetzung",
}


@dataclass
class XProzessResult:
    fim_id: str
    title: str
    status: str  # "imported", "updated" or "unchanged"
    page_id: int
    url_path: str = ""
    legal_bases: list[str] = field(default_factory=list)  # "§ 27 MuSchG (Katalog)" …
    diagram: str = ""
    warnings: list[str] = field(default_factory=list)


def import_xprozess_file(data: bytes, department, user, *, publish: bool = False):
    """Import every process of the message; raises ``XProzessError`` for unreadable input."""
    file_digest = hashlib.sha256(data).hexdigest()
    results = []
    for process in read_xprozess(data):
        # One file may carry several processes: the fingerprint is per process.
        digest = hashlib.sha256(f"{file_digest}:{process.fim_id}".encode()).hexdigest()
        results.append(_import_process(process, digest, department, user, publish))
    return results


def legal_basis_block(basis: LegalBasis) -> tuple[dict, str]:
    """The block value for one legal basis and how it was matched (for the report)."""

    law = None
    if basis.law_slug:
        law = Law.objects.filter(slug=basis.law_slug).first()
    if law is None and basis.law_abbreviation:
        law = Law.objects.filter(abbreviation__iexact=basis.law_abbreviation).first()
    paragraph = None
    if law is not None and basis.paragraph:
        candidates = LawParagraph.objects.filter(law=law, number=basis.paragraph)
        if basis.kind:
            candidates = candidates.filter(kind=basis.kind)
        paragraph = candidates.order_by("position").first()
    url = basis.url or ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        url = ""
    if paragraph is not None:
        # The norm text keeps details the paragraph lacks ("§ 27 Abs. 1-4 MuSchG").
        norm = basis.norm if basis.norm != paragraph.citation() else ""
        value = {"law": law.pk, "paragraph": paragraph.pk, "norm": norm, "title": "", "url": ""}
        return value, f"{basis.norm} (Katalog)"
    value = {
        "law": law.pk if law else None,
        "paragraph": None,
        "norm": basis.norm[:200] or basis.title[:200],
        "title": "",
        "url": url,
    }
    return value, f"{basis.norm} ({'Katalog, nur Gesetz' if law else 'Freitext'})"


def _import_process(process: XProzessProcess, digest: str, department, user, publish: bool):

    in_department = ProcessPage.objects.descendant_of(department)
    unchanged = in_department.filter(source_sha256=digest).first()
    if unchanged is not None:
        return XProzessResult(
            process.fim_id, unchanged.title, "unchanged", unchanged.pk, unchanged.url_path
        )
    # An earlier import of this FIM process (pages written by hand are never overwritten).
    existing = None
    if process.leistungsschluessel:
        existing = (
            in_department.filter(service_key=process.leistungsschluessel)
            .exclude(source_sha256="")
            .first()
        )

    warnings = list(process.warnings)
    values, legal_labels = _page_values(process, digest)
    diagram = ""
    if process.bpmn_files:
        name, content = process.bpmn_files[0]
        try:
            model = parse_bpmn(content)
        except BpmnError as error:
            warnings.append(f"Diagramm „{name}“ nicht übernommen: {error}")
        else:
            values["bpmn_file"] = ContentFile(
                content, name=f"{slugify(process.fim_id) or 'xprozess'}.bpmn"
            )
            diagram = (
                f"{name}: {len(model.participants)} Pools, {len(model.subprocesses)} "
                f"Teilprozesse, {len(model.tasks)} Aufgaben"
            )
    else:
        warnings.append("Die Nachricht enthält kein BPMN-Modell (prozessmodelldatei).")

    with transaction.atomic():
        values["attachments"] = _documents(process, user)
        if existing is None:
            page = ProcessPage(owner=user, live=False, **values)
            page.slug = _free_slug(department, slugify(process.name)[:80].strip("-") or "fim")
            page.tags.set(list(process.keywords[:20]))
            department.add_child(instance=page)
            status = "imported"
        else:
            page = existing.get_latest_revision_as_object()
            for name, value in values.items():
                setattr(page, name, value)
            page.tags.set(list(process.keywords[:20]))
            status = "updated"
        save_draft_or_publish(page, user, publish)
    return XProzessResult(
        process.fim_id,
        page.title,
        status,
        page.pk,
        page.url_path,
        legal_labels,
        diagram,
        warnings,
    )


def _free_slug(parent, slug: str) -> str:

    siblings = Page.objects.child_of(parent)
    candidate, counter = slug, 1
    while siblings.filter(slug=candidate).exists():
        counter += 1
        candidate = f"{slug}-{counter}"
    return candidate


def _page_values(process: XProzessProcess, digest: str) -> tuple[dict, list[str]]:
    blocks, labels = [], []
    for basis in process.legal_bases:
        value, label = legal_basis_block(basis)
        blocks.append({"type": "legal_basis", "value": value})
        labels.append(label)
    steps = [
        {
            "type": "step",
            "value": {
                "name": activity.name[:200] or "(ohne Namen)",
                "responsible_role": "",
                "it_system": None,
                "description": activity.description,
                "duration": "",
            },
        }
        for activity in process.activities
    ]
    kind = dict(process.characteristics).get("Prozessart", "").strip().lower()
    values = {
        "title": process.name[:255],
        "service_key": process.leistungsschluessel or "",
        "summary": process.definition or process.description or "",
        "legal_bases": blocks,
        "steps": steps,
        "source_sha256": digest,
    }
    if kind in _CATEGORY_BY_PROCESS_KIND:
        values["category"] = _CATEGORY_BY_PROCESS_KIND[kind]
    return values, labels


def _documents(process: XProzessProcess, user) -> list[dict]:
    """The embedded PDFs as Wagtail documents (reused when the same file is there already)."""

    document_model = get_document_model()
    blocks = []
    for name, content in process.other_files:
        if not name.lower().endswith(".pdf"):
            continue
        file_hash = hash_filelike(io.BytesIO(content))
        document = document_model.objects.filter(file_hash=file_hash).first()
        if document is None:
            document = document_model(
                title=f"{process.name[:200]} – {name.rsplit('/', 1)[-1]}",
                file=ContentFile(content, name=slugify(name.rsplit(".", 1)[0]) + ".pdf"),
                uploaded_by_user=user,
            )
            document._set_document_file_metadata()
            document.save()
        blocks.append({"type": "document", "value": document.pk})
    return blocks
