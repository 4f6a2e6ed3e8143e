"""Public-sector duties under BITV 2.0 and the Landesinklusionsgesetz Rheinland-Pfalz: the
accessibility statement (Erklärung zur Barrierefreiheit), editable by administrators as a
Wagtail setting, and the feedback it invites, each message with its answer and the one-month
deadline for answering it.

The statement also holds the start page's information in Leichte Sprache and the slot for the
explanation in Deutscher Gebärdensprache that the regulation asks for (§ 4 BITV 2.0).
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

#: The answer is due one month after the message arrived (§ 7 Abs. 1 BITV 2.0 with the
#: feedback mechanism of the statement; Landesinklusionsgesetz Rheinland-Pfalz).
ANSWER_WITHIN = relativedelta(months=1)

DEFAULT_NOT_ACCESSIBLE = (
    "<ul>"
    "<li><b>Prozessdiagramme (BPMN):</b> Die Grafik selbst ist für Screenreader nicht lesbar. "
    "Als Textalternative steht unter jedem Diagramm die Gliederung „Aufgaben nach Bahnen“.</li>"
    "<li><b>Hochgeladene Dateien (PDF, Office):</b> Anlagen stammen aus vielen Stellen und sind "
    "nicht alle barrierefrei. Eine barrierefreie Fassung schicken wir Ihnen auf Anfrage.</li>"
    "<li><b>Redaktionsbereich:</b> Teile der Bearbeitungsoberfläche stammen aus dem "
    "Redaktionssystem Wagtail und sind nicht vollständig geprüft.</li>"
    "</ul>"
)
DEFAULT_EASY_LANGUAGE = (
    "<p>Das ist das Prozess-Register.</p>"
    "<p>Hier steht, wie die Arbeit in der Verwaltung geht. Und wer für eine Aufgabe zuständig "
    "ist.</p>"
    "<p>Sie finden hier auch: Was man in einem Notfall tun muss.</p>"
    "<p>Oben auf jeder Seite ist eine Suche. Dort können Sie ein Wort eingeben. Zum Beispiel: "
    "Reisepass.</p>"
    "<p>Wir möchten, dass alle Menschen die Seiten gut benutzen können. Das klappt noch nicht "
    "überall. Was noch nicht klappt, steht in der Erklärung zur Barrierefreiheit.</p>"
    "<p>Sie finden eine Barriere? Dann schreiben Sie uns. Wir antworten innerhalb von "
    "einem Monat.</p>"
)
DEFAULT_SIGN_LANGUAGE = (
    "<p>In einem Video in Deutscher Gebärdensprache erklären wir: was dieses Intranet ist, "
    "wie man sich darin zurechtfindet und wie man uns eine Barriere meldet.</p>"
)
DEFAULT_ENFORCEMENT = (
    "<p>Antworten wir nicht innerhalb eines Monats oder nicht zufriedenstellend, können Sie sich "
    "an die Schlichtungsstelle wenden: die oder den <b>Landesbeauftragte(n) für die Belange von "
    "Menschen mit Behinderungen Rheinland-Pfalz</b>, Bauhofstraße 9, 55116 Mainz "
    "(Schlichtungsverfahren nach dem Landesinklusionsgesetz). Das Verfahren ist kostenlos; Sie "
    "brauchen keinen Rechtsbeistand.</p>"
)


class ComplianceStatus(models.TextChoices):
    FULL = "vollstaendig", _("vollständig vereinbar")
    PARTIAL = "teilweise", _("teilweise vereinbar")
    NONE = "nicht", _("nicht vereinbar")


@register_setting(icon="doc-full")
class AccessibilityStatement(BaseGenericSetting):
    """The accessibility statement, linked from every page's footer."""

    compliance_status = models.CharField(
        _("Stand der Vereinbarkeit mit BITV 2.0"),
        max_length=20,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    not_accessible = RichTextField(
        _("Was noch nicht barrierefrei ist – und warum"),
        default=DEFAULT_NOT_ACCESSIBLE,
        features=["bold", "italic", "ul", "ol", "link"],
    )
    assessment_method = models.CharField(
        _("Wie geprüft wurde"),
        max_length=300,
        default=_(
            "Selbstbewertung der Kommunen mit automatischen Prüfungen (axe) und Tests "
            "mit Tastatur und Bildschirmvergrößerung"
        ),
    )
    prepared_on = models.DateField(_("Erklärung erstellt am"), default=timezone.localdate)
    reviewed_on = models.DateField(_("Zuletzt überprüft am"), default=timezone.localdate)
    contact_name = models.CharField(
        _("Ansprechperson (Name)"),
        max_length=200,
        default="",
        blank=True,
        help_text=_("Wer Rückmeldungen zur Barrierefreiheit beantwortet."),
    )
    contact_unit = models.CharField(_("Stelle"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)
    enforcement = RichTextField(
        _("Schlichtungs- und Durchsetzungsverfahren"),
        default=DEFAULT_ENFORCEMENT,
        features=["bold", "italic", "link"],
        help_text=_(
            "Zuständige Stelle mit Anschrift. Bitte vor der Veröffentlichung prüfen: "
            "Anschrift und Zuständigkeit können sich ändern."
        ),
    )
    easy_language = RichTextField(
        _("Information in Leichter Sprache"),
        default=DEFAULT_EASY_LANGUAGE,
        features=["bold", "ul", "link"],
        help_text=_("Erscheint auf der Startseite. Kurze Sätze, ein Gedanke je Satz."),
    )
    sign_language_text = RichTextField(
        _("Erklärung in Deutscher Gebärdensprache: Text"),
        default=DEFAULT_SIGN_LANGUAGE,
        features=["bold", "link"],
    )
    sign_language_video_url = models.URLField(
        _("Video in Deutscher Gebärdensprache (Adresse)"),
        blank=True,
        help_text=_(
            "Die Adresse des Videos, das Ihre Kommune bereitstellt. Solange sie fehlt, steht "
            "auf der Startseite ein Hinweis, dass das Video folgt."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("not_accessible"),
                FieldPanel("assessment_method"),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            heading=_("Stand der Barrierefreiheit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_unit"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("enforcement"),
            ],
            heading=_("Rückmeldung und Schlichtung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("easy_language"),
                FieldPanel("sign_language_text"),
                FieldPanel("sign_language_video_url"),
            ],
            heading=_("Startseite: Leichte Sprache und Gebärdensprache"),
        ),
    ]

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")


class FeedbackState(models.TextChoices):
    OPEN = "offen", _("offen")
    ANSWERED = "beantwortet", _("beantwortet")


class BarrierReport(models.Model):
    """A message about a barrier, its answer and the date the answer is due."""

    received_at = models.DateTimeField(_("Eingegangen am"), default=timezone.now)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail für die Antwort"), blank=True)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angemeldet als"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("Antwort"), blank=True)
    answered_on = models.DateField(_("Beantwortet am"), null=True, blank=True)

    panels = [
        FieldPanel("received_at", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("page_url", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("answer"),
        FieldPanel("answered_on"),
    ]

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.message[:60]

    @property
    def deadline(self) -> datetime.date:
        """One month after the message arrived (German time)."""
        return timezone.localdate(self.received_at) + ANSWER_WITHIN

    @property
    def state(self) -> str:
        return FeedbackState.ANSWERED if self.answered_on else FeedbackState.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.answered_on is None and self.deadline < today

    def state_label(self) -> str:
        if self.answered_on:
            return str(_("beantwortet"))
        return str(_("überfällig")) if self.is_overdue() else str(_("offen"))

    state_label.short_description = _("Stand")

    def deadline_display(self) -> str:
        return self.deadline.strftime("%d.%m.%Y")

    deadline_display.short_description = _("Antwort fällig bis")
