"""The legal-basis catalogue: laws and their paragraphs, filled by ``manage.py import_laws``.

A process page's legal basis (``LegalBasisBlock``) picks a law and a paragraph from here and
links to the paragraph's text (``/recht/<law>/<anchor>/``). Both models are snippets, so
editors can look them up in the admin, and they are indexed for the choosers' search.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from prozesse.formats.laws import parse_citation


class Law(index.Indexed, models.Model):
    abbreviation = models.CharField(
        _("Abkürzung"), max_length=50, unique=True, help_text=_("z. B. GewO, MuSchG, SGB II")
    )
    title = models.CharField(_("Bezeichnung"), max_length=500)
    slug = models.SlugField(
        _("Kurzname (URL)"),
        max_length=100,
        unique=True,
        help_text=_("wie bei gesetze-im-internet.de, z. B. gewo oder muschg_2018"),
    )
    jurabk = models.CharField(_("Amtliche Abkürzung"), max_length=50, blank=True)
    #: Every spelling a citation may use for this law ("MuSchG 2018", "SGB 2", ...).
    aliases = models.JSONField(default=list, blank=True, editable=False)

    search_fields = [
        index.SearchField("abbreviation", boost=3),
        index.AutocompleteField("abbreviation"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("Gesetz")
        verbose_name_plural = _("Gesetze")

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("law_detail", args=[self.slug])


class LawParagraphManager(models.Manager):
    def get_queryset(self):
        # Every display of a paragraph names its law: fetch it in the same query (this also
        # keeps the legal-basis blocks of a page at one query, however many they are).
        return super().get_queryset().select_related("law")


class ParagraphKind(models.TextChoices):
    PARAGRAPH = "§", "§"
    ARTICLE = "Art.", "Art."


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class LawParagraph(index.Indexed, models.Model):
    law = models.ForeignKey(
        Law, verbose_name=_("Gesetz"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    kind = models.CharField(_("Art"), max_length=4, choices=ParagraphKind.choices)
    number = models.CharField(_("Nummer"), max_length=20)
    number_to = models.CharField(
        _("bis Nummer"), max_length=20, blank=True, help_text=_("bei zusammengefassten §§")
    )
    title = models.CharField(_("Überschrift"), max_length=500, blank=True)
    text = models.TextField(_("Text"), blank=True)
    anchor = models.CharField(_("Anker"), max_length=40, help_text=_("z. B. p14, art28"))
    repealed = models.BooleanField(_("weggefallen"), default=False)
    structure = models.TextField(_("Gliederung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    objects = LawParagraphManager()

    # Citation and heading are what editors look a paragraph up by (in the chooser: "GewO 14",
    # "Anzeigepflicht"); the full texts (6 MB) would triple the cost of indexing the catalogue.
    search_fields = [
        index.SearchField("citation", boost=3),
        index.AutocompleteField("citation"),
        index.SearchField("title", boost=2),
        index.RelatedFields("law", [index.SearchField("abbreviation"), index.SearchField("title")]),
        index.FilterField("law"),
        index.FilterField("repealed"),
    ]

    class Meta:
        ordering = ["law__abbreviation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["law", "anchor"], name="unique_law_paragraph_anchor")
        ]
        verbose_name = _("Paragraf")
        verbose_name_plural = _("Paragrafen")

    def __str__(self) -> str:
        title = self.title if len(self.title) <= 80 else self.title[:79] + "…"
        return f"{self.citation()} – {title}" if title else self.citation()

    def get_absolute_url(self) -> str:
        return reverse("law_paragraph", args=[self.law.slug, self.anchor])

    @property
    def label(self) -> str:
        """``§ 14``, ``Art. 28`` or ``§§ 16 bis 28``."""
        if not self.number_to:
            return f"{self.kind} {self.number}"
        plural = "§§" if self.kind == ParagraphKind.PARAGRAPH else "Art."
        return f"{plural} {self.number} bis {self.number_to}"

    def citation(self) -> str:
        """How the paragraph is cited: ``§ 14 GewO``."""
        return f"{self.label} {self.law.abbreviation}"

    def search_tokens(self) -> list[str]:
        """Spellings a search should find this paragraph by: ``§ 14 GewO``, ``GewO 14`` …"""
        abbreviation = self.law.abbreviation
        return [
            self.citation(),
            f"{abbreviation} {self.number}",
            f"{abbreviation} {self.kind} {self.number}",
        ]

    def text_blocks(self) -> list[str]:
        """The Markdown text as display paragraphs (blank lines separate, lines reflow)."""
        return [
            " ".join(line.strip() for line in block.splitlines() if line.strip())
            for block in _BLANK_LINE.split(self.text)
            if block.strip()
        ]


def _catalogue_id(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@dataclass
class LegalCatalogue:
    """The laws and paragraphs a set of legal-basis blocks cites, loaded in at most two
    queries, and the search lines of a block from its stored (raw) value: the citation in the
    spellings people type ("§ 14 GewO", "GewO 14", "GewO § 14") plus law and paragraph titles."""

    paragraphs: dict[int, LawParagraph] = field(default_factory=dict)
    laws: dict[int, Law] = field(default_factory=dict)

    @classmethod
    def for_blocks(cls, raw_values: Iterable[dict]) -> LegalCatalogue:
        paragraph_ids, law_ids = set(), set()
        for value in raw_values:
            if (paragraph_id := _catalogue_id(value.get("paragraph"))) is not None:
                paragraph_ids.add(paragraph_id)
            if (law_id := _catalogue_id(value.get("law"))) is not None:
                law_ids.add(law_id)
        return cls(
            paragraphs=LawParagraph.objects.in_bulk(paragraph_ids) if paragraph_ids else {},
            laws=Law.objects.in_bulk(law_ids) if law_ids else {},
        )

    def search_lines(self, value: dict) -> list[str]:
        paragraph = self.paragraphs.get(_catalogue_id(value.get("paragraph")))
        law = self.laws.get(_catalogue_id(value.get("law")))
        lines = [value.get("norm"), value.get("title")]
        if paragraph is not None:
            lines += [*paragraph.search_tokens(), paragraph.title, paragraph.law.title]
        elif law is not None:
            lines += [law.abbreviation, law.title]
        for citation in parse_citation(value.get("norm") or ""):
            if citation.law_abbreviation:
                lines.append(f"{citation.law_abbreviation} {citation.number}")
        return [line for line in dict.fromkeys(lines) if line]
