"""The records the XProzess 2.0 reader returns and the writer takes (frozen dataclasses).

Code-list values (status, Verfahrensart, Detaillierungsstufe, ...) are kept as the raw codes
of the respective XProzess code lists; mapping them to labels is left to the caller. Plain
Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "XPROZESS_NAMESPACE",
    "Classification",
    "LegalBasis",
    "Participant",
    "XProzessActivity",
    "XProzessError",
    "XProzessMessage",
    "XProzessProcess",
    "XProzessState",
]

XPROZESS_NAMESPACE = "http://www.regierung-mv.de/xprozess/2"


class XProzessError(ValueError):
    """The message cannot be read (message in German, for the import command's output)."""


@dataclass(frozen=True)
class LegalBasis:
    """A legal basis (``handlungsgrundlage``).

    ``title`` is the name as given in the file (whitespace-normalised, e.g.
    ``"§ 27 (1) - (4) MuSchG"``); ``norm`` is the normalised citation
    (``"§ 27 Abs. 1-4 MuSchG"``), or the title if it is not a recognisable citation.
    ``law_abbreviation``/``kind``/``paragraph``/``absatz`` are the parsed parts; ``law_slug``
    is the gesetze-im-internet.de slug from the URL (``"muschg_2018"``; matches
    :attr:`prozesse.formats.laws.Law.slug`).  ``kind_code`` is the
    ``handlungsgrundlagenart`` code.
    """

    title: str
    norm: str
    url: str | None
    law_abbreviation: str | None = None
    kind: str | None = None
    paragraph: str | None = None
    absatz: str | None = None
    law_slug: str | None = None
    kind_code: str | None = None

    @property
    def paragraph_norm(self) -> str | None:
        """Citation of the whole paragraph without Absatz (``"§ 27 MuSchG"``)."""
        if not (self.kind and self.paragraph and self.law_abbreviation):
            return None
        return f"{self.kind} {self.paragraph} {self.law_abbreviation}"


@dataclass(frozen=True)
class Classification:
    """Position of the process in a classification (``klassifikation``)."""

    framework: str  # ordnungsrahmenName
    class_id: str
    class_name: str
    framework_version: str | None = None


@dataclass(frozen=True)
class Participant:
    """A process participant (``prozessteilnehmer``) with its role code."""

    name: str
    role_code: str | None


@dataclass(frozen=True)
class XProzessState:
    """Status information (``zustandsangaben``) of a process class or process."""

    status_code: str | None
    last_modified: datetime | None
    last_editor: str | None
    change_note: str | None
    valid_from: datetime | None
    valid_until: datetime | None
    technical_release: datetime | None  # fachlicherFreigabezeitpunkt
    formal_release: datetime | None  # formellerFreigabezeitpunkt


@dataclass(frozen=True)
class XProzessActivity:
    """An FIM activity group (``aktivitaetengruppe``) of the process structure.

    ``subprocess_id`` is the id of the corresponding ``subProcess`` in the embedded BPMN
    model; ``reference_type_code`` the FIM reference-activity-group type (code list
    ``referenzaktivitaetengruppe``).
    """

    id: str
    name: str
    description: str
    subprocess_id: str | None
    reference_type_code: str | None
    legal_bases: tuple[LegalBasis, ...] = ()


@dataclass(frozen=True)
class XProzessProcess:
    """One FIM process: the process class merged with the process of the same id.

    Files: ``bpmn_files`` are (file name, bytes) of every BPMN 2.0 document found in the
    process-model file (``prozessmodelldatei``, usually a ZIP); ``other_files`` are all other
    embedded files (e.g. the PDF renderings from ``visualisierungsdatei`` and
    ``beschreibungsdatei``).  ``warnings`` lists (German) notes on skipped ZIP members.
    """

    fim_id: str
    name: str
    definition: str
    legal_bases: tuple[LegalBasis, ...]
    bpmn_files: tuple[tuple[str, bytes], ...]
    other_files: tuple[tuple[str, bytes], ...]
    version: str | None = None
    designation: str | None = None  # bezeichnung
    description: str | None = None  # prozesssteckbrief/beschreibung
    keywords: tuple[str, ...] = ()
    classifications: tuple[Classification, ...] = ()
    characteristics: tuple[tuple[str, str], ...] = ()  # merkmal (name, value)
    releasing_authority: str | None = None  # fachlichFreigebendeStelle
    verfahrensart_code: str | None = None
    handlungsform_code: str | None = None
    zwecksetzung_code: str | None = None
    operatives_ziel_code: str | None = None
    detaillierungsstufe_code: str | None = None
    modelling_method: str | None = None  # e.g. "FIM"
    participants: tuple[Participant, ...] = ()
    trigger_form_ids: tuple[str, ...] = ()  # ausloeser/formularID
    result_form_ids: tuple[str, ...] = ()  # ergebnis/formularID
    federal_state_codes: tuple[str, ...] = ()  # verwaltungspolitischeKodierung/bundesland
    activities: tuple[XProzessActivity, ...] = ()
    class_state: XProzessState | None = None
    process_state: XProzessState | None = None
    has_class: bool = True
    has_process: bool = True
    warnings: tuple[str, ...] = ()

    @property
    def leistungsschluessel(self) -> str | None:
        """The LeiKa/FIM Leistungsschlüssel: for FIM processes the 14-digit id itself."""
        return self.fim_id if re.fullmatch(r"\d{14}", self.fim_id) else None

    @property
    def state(self) -> XProzessState | None:
        """Status of the process if present, otherwise of the process class."""
        return self.process_state or self.class_state

    @property
    def status_code(self) -> str | None:
        state = self.state
        return state.status_code if state else None

    @property
    def last_modified(self) -> datetime | None:
        state = self.state
        return state.last_modified if state else None


@dataclass(frozen=True)
class XProzessMessage:
    """A whole message: header data and the processes it carries."""

    message_type: str  # local name of the root element, e.g. "alleInhalte.export.0303"
    message_uuid: str | None
    created_at: datetime | None
    author: str | None
    product: str | None  # e.g. "ADONIS NP"
    processes: tuple[XProzessProcess, ...] = field(default_factory=tuple)
