"""StreamField blocks shared by the page types."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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


class LegalBasisBlock(blocks.StructBlock):
    norm = blocks.CharBlock(
        label=_("Norm"), max_length=200, help_text=_("z. B. § 14 GewO oder Art. 28 GG")
    )
    title = blocks.CharBlock(label=_("Bezeichnung"), required=False, max_length=300)
    url = blocks.URLBlock(label=_("Link zum Normtext"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Rechtsgrundlage")


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
