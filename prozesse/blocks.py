"""StreamField blocks shared by the page types."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from prozesse.visibility import may_view


class ProcessStepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Schritt"), max_length=200)
    responsible_role = blocks.CharBlock(label=_("Zuständige Rolle"), required=False, max_length=200)
    it_system = SnippetChooserBlock("prozesse.ITSystem", label=_("Fachverfahren"), required=False)
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)
    duration = blocks.CharBlock(
        label=_("Dauer"), required=False, max_length=100, help_text=_("z. B. 10 Minuten, 2 Tage")
    )

    class Meta:
        icon = "list-ol"
        label = _("Prozessschritt")
        template = "prozesse/blocks/process_step.html"


class LegalBasisValue(blocks.StructValue):
    """A legal basis from the catalogue (law and paragraph) or as free text."""

    def citation(self) -> str:
        paragraph, law = self.get("paragraph"), self.get("law")
        if self.get("norm"):
            return self["norm"]
        if paragraph is not None:
            return paragraph.citation()
        return law.abbreviation if law is not None else ""

    def display_title(self) -> str:
        paragraph, law = self.get("paragraph"), self.get("law")
        if self.get("title"):
            return self["title"]
        if paragraph is not None:
            return paragraph.title
        return law.title if law is not None else ""

    def link(self) -> str:
        """The explicit link if one is given, else the catalogue text of paragraph or law."""
        paragraph, law = self.get("paragraph"), self.get("law")
        if self.get("url"):
            return self["url"]
        if paragraph is not None:
            return paragraph.get_absolute_url()
        return law.get_absolute_url() if law is not None else ""


class LegalBasisBlock(blocks.StructBlock):
    law = SnippetChooserBlock(
        "prozesse.Law",
        label=_("Gesetz (Katalog)"),
        required=False,
        help_text=_("Nur nötig, wenn kein einzelner Paragraf gemeint ist."),
    )
    paragraph = SnippetChooserBlock(
        "prozesse.LawParagraph",
        label=_("Paragraf oder Artikel (Katalog)"),
        required=False,
        help_text=_("Suche z. B. „GewO 14“; verlinkt auf den Normtext im Intranet."),
    )
    norm = blocks.CharBlock(
        label=_("Norm (Freitext)"),
        max_length=200,
        required=False,
        help_text=_(
            "z. B. § 14 Abs. 1 GewO oder Art. 28 GG – leer lassen, wenn der Paragraf aus dem "
            "Katalog genügt"
        ),
    )
    title = blocks.CharBlock(label=_("Bezeichnung"), required=False, max_length=300)
    url = blocks.URLBlock(
        label=_("Link zum Normtext"),
        required=False,
        help_text=_("Nur für Normen außerhalb des Katalogs nötig."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Rechtsgrundlage")
        value_class = LegalBasisValue
        template = "prozesse/blocks/legal_basis.html"

    def clean(self, value):
        value = super().clean(value)
        paragraph, law = value.get("paragraph"), value.get("law")
        # A draft (and the autosave) may keep a legal basis not filled in yet; publishing and
        # submitting for review ask for it (Wagtail defers required checks for drafts).
        empty = paragraph is None and law is None and not value.get("norm")
        if empty and not self.is_deferred_validation:
            raise StructBlockValidationError(
                block_errors={
                    "norm": ValidationError(
                        _("Bitte einen Paragrafen aus dem Katalog wählen oder die Norm eingeben.")
                    )
                }
            )
        if paragraph is not None and law is not None and paragraph.law_id != law.pk:
            raise StructBlockValidationError(
                block_errors={
                    "paragraph": ValidationError(
                        _("Der Paragraf gehört nicht zum gewählten Gesetz (%(law)s).")
                        % {"law": law.abbreviation}
                    )
                }
            )
        return value


class AlarmChainEntryBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Rolle"), max_length=200)
    person = SnippetChooserBlock("prozesse.Person", label=_("Person"), required=False)
    substitute = SnippetChooserBlock("prozesse.Person", label=_("Vertretung"), required=False)
    phone = blocks.CharBlock(label=_("Telefon (Notfall)"), required=False, max_length=50)
    availability = blocks.CharBlock(
        label=_("Erreichbarkeit"),
        required=False,
        max_length=200,
        help_text=_("z. B. 24/7, Mo–Fr 7–16 Uhr"),
    )

    class Meta:
        icon = "warning"
        label = _("Eintrag der Alarmierungskette")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Art"),
        choices=[("info", _("Hinweis")), ("tip", _("Tipp")), ("warning", _("Achtung"))],
        default="info",
    )
    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Hinweiskasten")
        template = "prozesse/blocks/callout.html"


class ProcessEmbedBlock(blocks.StructBlock):
    process = blocks.PageChooserBlock(page_type="prozesse.ProcessPage", label=_("Prozess"))
    note = blocks.CharBlock(label=_("Anmerkung"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Prozess einbetten")
        template = "prozesse/blocks/process_embed.html"

    def get_context(self, value, parent_context=None):
        """An embedded process the reader may not see is left out (no title, no summary)."""
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        process = value.get("process")
        context["process"] = (
            process.specific if request is not None and may_view(request, process) else None
        )
        return context


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ul", "ol", "hr"]


class ArticleBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    callout = CalloutBlock()
    table = TableBlock(label=_("Tabelle"))
    image = ImageChooserBlock(label=_("Bild"), template="prozesse/blocks/image.html")
    document = DocumentChooserBlock(label=_("Dokument"), template="prozesse/blocks/document.html")
    process = ProcessEmbedBlock()


class AttachmentBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Dokument"), template="prozesse/blocks/document.html")
