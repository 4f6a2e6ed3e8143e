"""Knowledge lifecycle on top of the register.

Review policy and reminder log (Wiedervorlage), handovers with their interview record
(Wissensübergabe), adoptions across towns (Übernahme) and feedback from other towns
(Rückmeldungen). Nothing here adds fields to the register's pages: everything refers to them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# ---------------------------------------------------------------------------- review policy


def _months(label, default, help_text=""):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[
            MinValueValidator(1, _("Das Prüfintervall muss mindestens 1 Monat betragen.")),
            MaxValueValidator(60, _("Das Prüfintervall darf höchstens 60 Monate betragen.")),
        ],
        help_text=help_text,
    )


def _days(label, default, help_text=""):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[
            MinValueValidator(1, _("Bitte mindestens 1 Tag angeben.")),
            MaxValueValidator(365, _("Bitte höchstens 365 Tage angeben.")),
        ],
        help_text=help_text,
    )


@register_setting(icon="date")
class ReviewPolicy(BaseGenericSetting):
    """Default review intervals per page type and the reminder/escalation rules.

    A page's own "Prüfintervall (Monate)" overrides the default for its type.
    """

    process_months = _months(_("Prozesssteckbriefe (Monate)"), 12)
    scenario_months = _months(_("Notfallszenarien (Monate)"), 6)
    alarm_chain_months = _months(
        _("Alarmierungsketten (Monate)"),
        3,
        _(
            "Kontaktdaten veralten schnell: Für ein Notfallszenario mit Alarmierungskette gilt "
            "der kürzere der beiden Werte."
        ),
    )
    decision_months = _months(
        _("Beschlüsse (Monate)"),
        3,
        _("Beschlüsse werden bis zur Umsetzung wiedervorgelegt, umgesetzte und aufgehobene nicht."),
    )
    article_months = _months(_("Wiki-Artikel (Monate)"), 24)
    lead_days = _days(
        _("Erinnern ab (Tage vor Fälligkeit)"),
        14,
        _("Die tägliche Sammel-E-Mail nennt Seiten, die in so vielen Tagen fällig sind."),
    )
    escalate_deputy_days = _days(
        _("Eskalation an die Vertretung (Tage überfällig)"),
        30,
        _("Ab so vielen Tagen Überfälligkeit erhält auch die Vertretung die Erinnerung."),
    )
    escalate_group_days = _days(
        _("Eskalation an die Freigabe (Tage überfällig)"),
        60,
        _(
            "Ab so vielen Tagen Überfälligkeit erhält auch die Freigabegruppe des Fachbereichs "
            "die Erinnerung (ohne Vertretung schon ab der ersten Eskalationsstufe)."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("process_months"),
                FieldPanel("scenario_months"),
                FieldPanel("alarm_chain_months"),
                FieldPanel("decision_months"),
                FieldPanel("article_months"),
            ],
            heading=_("Prüfintervalle je Seitentyp"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_days"),
                FieldPanel("escalate_deputy_days"),
                FieldPanel("escalate_group_days"),
            ],
            heading=_("Erinnerungen und Eskalation"),
        ),
    ]

    class Meta:
        verbose_name = _("Wiedervorlage-Regeln")
        permissions = [("view_knowledge_dashboard", _("Kann das Wissens-Dashboard sehen"))]

    def clean(self) -> None:
        super().clean()
        if (
            self.escalate_deputy_days
            and self.escalate_group_days
            and self.escalate_group_days < self.escalate_deputy_days
        ):
            raise ValidationError(
                {
                    "escalate_group_days": _(
                        "Die Eskalation an die Freigabe kann nicht vor der Eskalation an die "
                        "Vertretung liegen."
                    )
                }
            )


class ReminderLog(models.Model):
    """One review digest sent to one address on one day (the command's idempotency)."""

    email = models.EmailField(_("E-Mail"))
    recipient_name = models.CharField(_("Empfänger:in"), max_length=200, blank=True)
    sent_on = models.DateField(_("Versandtag"))
    page_ids = models.JSONField(_("Seiten"), default=list)
    escalated_page_ids = models.JSONField(_("Eskalierte Seiten"), default=list)
    #: Read confirmations (Kenntnisnahmen) the digest reminded of, by campaign.
    read_campaign_ids = models.JSONField(_("Kenntnisnahmen"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Versandte Wiedervorlage")
        verbose_name_plural = _("Versandte Wiedervorlagen")
        ordering = ["-sent_on", "email"]
        constraints = [
            models.UniqueConstraint(fields=["email", "sent_on"], name="knowledge_one_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.sent_on:%d.%m.%Y})"


# ---------------------------------------------------------------------------- handover


class HandoverReason(models.TextChoices):
    RETIREMENT = "ruhestand", _("Ruhestand")
    JOB_CHANGE = "stellenwechsel", _("Stellenwechsel")
    PARENTAL_LEAVE = "elternzeit", _("Elternzeit")
    ABSENCE = "abwesenheit", _("Längere Abwesenheit")


#: Reasons after which the person leaves for good ("ausgeschieden").
PERMANENT_REASONS = (HandoverReason.RETIREMENT, HandoverReason.JOB_CHANGE)


class HandoverStatus(models.TextChoices):
    OPEN = "offen", _("In Vorbereitung")
    TRANSFERRED = "uebertragen", _("Zuständigkeiten übertragen")
    CLOSED = "abgeschlossen", _("Abgeschlossen")


class Handover(models.Model):
    """Management des Ausscheidens: everything that names a person goes to successors."""

    person = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Person"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    reason = models.CharField(_("Anlass"), max_length=20, choices=HandoverReason.choices)
    last_working_day = models.DateField(_("Letzter Arbeitstag"))
    return_date = models.DateField(
        _("Voraussichtliche Rückkehr"),
        null=True,
        blank=True,
        help_text=_("Nur bei Elternzeit oder längerer Abwesenheit."),
    )
    default_successor = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Nachfolge für alles"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gilt für jeden Eintrag, für den keine eigene Nachfolge gewählt ist."),
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.OPEN
    )
    note = models.TextField(_("Anmerkungen"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Begonnen von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("Begonnen am"), auto_now_add=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Übertragen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transferred_at = models.DateTimeField(_("Übertragen am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wissensübergabe")
        verbose_name_plural = _("Wissensübergaben")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status="abgeschlossen"),
                name="knowledge_one_active_handover_per_person",
                violation_error_message=_("Für diese Person läuft bereits eine Wissensübergabe."),
            )
        ]

    def __str__(self) -> str:
        return _("Wissensübergabe %(name)s (%(reason)s)") % {
            "name": self.person.name if self.person_id else "–",
            "reason": self.get_reason_display(),
        }

    @property
    def is_permanent(self) -> bool:
        return self.reason in PERMANENT_REASONS

    @property
    def is_open(self) -> bool:
        return self.status == HandoverStatus.OPEN

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.default_successor_id and self.default_successor_id == self.person_id:
            errors["default_successor"] = _(
                "Die Nachfolge muss eine andere Person sein als die, die geht."
            )
        if self.return_date and self.reason in PERMANENT_REASONS:
            errors["return_date"] = _(
                "Bei Ruhestand oder Stellenwechsel gibt es kein Rückkehrdatum."
            )
        if self.return_date and self.last_working_day and self.return_date <= self.last_working_day:
            errors["return_date"] = _("Die Rückkehr muss nach dem letzten Arbeitstag liegen.")
        if errors:
            raise ValidationError(errors)


class ItemKind(models.TextChoices):
    OWNER = "verantwortung", _("Verantwortlich")
    DEPUTY = "vertretung", _("Vertretung")
    ALARM_PERSON = "alarm_person", _("Alarmierungskette")
    ALARM_SUBSTITUTE = "alarm_vertretung", _("Alarmierungskette (Vertretung)")
    DECISION = "beschluss", _("Umsetzung eines Beschlusses")
    TASK = "freigabe", _("Wartende Freigabe")
    WORKFLOW = "workflow", _("Eigene Einreichung in der Freigabe")


#: Item kinds a handover reassigns through page revisions; the others are for information.
REASSIGNABLE_KINDS = (
    ItemKind.OWNER,
    ItemKind.DEPUTY,
    ItemKind.ALARM_PERSON,
    ItemKind.ALARM_SUBSTITUTE,
    ItemKind.DECISION,
)


class HandoverItem(models.Model):
    """One thing that names the leaving person (snapshot taken when the handover starts)."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("Art"), max_length=20, choices=ItemKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64, blank=True)
    label = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    draft_only = models.BooleanField(
        _("Nur im Entwurf"),
        default=False,
        help_text=_("Die Person steht nur in einem noch nicht veröffentlichten Entwurf."),
    )
    successor = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Nachfolge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="received_handover_items",
    )
    selected = models.BooleanField(_("Übertragen"), default=True)
    done_at = models.DateTimeField(_("Übertragen am"), null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("Revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Where the change waits (a handover never publishes; see knowledge.revisions).
    waiting_at = models.CharField(_("Wartet auf"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Übergabe-Eintrag")
        verbose_name_plural = _("Übergabe-Einträge")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def is_reassignable(self) -> bool:
        return self.kind in REASSIGNABLE_KINDS

    @property
    def effective_successor(self):
        return self.successor or self.handover.default_successor

    @property
    def approved(self) -> bool:
        """Whether the page's live version carries the handed-over change by now."""
        live = self.page.live_revision_id if self.page_id else None
        return bool(self.revision_id and live and live >= self.revision_id)


class InterviewTopic(models.TextChoices):
    OPEN_TOPICS = "offene_themen", _("Offene Themen und laufende Vorgänge")
    CONTACTS_INSIDE = "kontakte_intern", _("Wichtige Ansprechpersonen im Haus")
    CONTACTS_OUTSIDE = "kontakte_extern", _("Wichtige Ansprechpersonen außerhalb")
    DOCUMENTS = "ablage", _("Wo Unterlagen, Zugänge und Berechtigungen liegen")
    UNWRITTEN_RULES = "ungeschrieben", _("Ungeschriebene Regeln und Stolperfallen")
    FIRST_STEPS = "erste_schritte", _("Was ich in meinem Job als Erstes tun würde")


#: Guiding questions per topic, shown in the interview form and the printed record.
TOPIC_PROMPTS = {
    InterviewTopic.OPEN_TOPICS: _(
        "Welche Vorgänge, Fristen und Zusagen laufen noch? Was wartet auf eine Antwort?"
    ),
    InterviewTopic.CONTACTS_INSIDE: _(
        "Wen fragen Sie wofür – in anderen Fachbereichen, in der IT, in der Leitung?"
    ),
    InterviewTopic.CONTACTS_OUTSIDE: _(
        "Behörden, Dienstleister, Softwarehersteller, Vereine, Nachbarkommunen: wer, wofür, "
        "wie erreichbar?"
    ),
    InterviewTopic.DOCUMENTS: _(
        "Wo liegen Akten, Vorlagen, Passwörter (im Passwort-Tresor!), Zugänge zu "
        "Fachverfahren? Wer vergibt Berechtigungen?"
    ),
    InterviewTopic.UNWRITTEN_RULES: _(
        "Was steht nirgends, ist aber wichtig? Was geht regelmäßig schief, und wie fängt man es ab?"
    ),
    InterviewTopic.FIRST_STEPS: _("Was würden Sie Ihrer Nachfolge für die ersten Wochen raten?"),
}


class InterviewEntry(models.Model):
    """One answer of the structured handover interview (Wissensübergabe-Protokoll)."""

    handover = models.ForeignKey(
        Handover, on_delete=models.CASCADE, related_name="interview_entries"
    )
    topic = models.CharField(_("Thema"), max_length=20, choices=InterviewTopic.choices)
    text = models.TextField(_("Antwort"))
    pages = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("Betrifft Seiten"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Antwort im Übergabegespräch")
        verbose_name_plural = _("Antworten im Übergabegespräch")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.text[:60]}"


# ---------------------------------------------------------------------------- adoption


class Adoption(models.Model):
    """A town took over another town's process: the copy keeps the link to its origin."""

    copy = models.OneToOneField(
        "prozesse.ProcessPage",
        verbose_name=_("Übernommener Prozess"),
        on_delete=models.CASCADE,
        related_name="adoption",
    )
    origin = models.ForeignKey(
        "prozesse.ProcessPage",
        verbose_name=_("Original"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    origin_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("Stand des Originals"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Fingerprint of the compared content of ``origin_revision`` and whether the origin's live
    #: content differs from it (kept up to date when the origin is published).
    origin_fingerprint = models.CharField(max_length=64, blank=True)
    origin_changed = models.BooleanField(_("Original geändert"), default=False)
    origin_changed_at = models.DateTimeField(null=True, blank=True)
    # Kept for display when the origin is deleted.
    origin_title = models.CharField(max_length=255, blank=True)
    origin_municipality_name = models.CharField(max_length=255, blank=True)
    adopted_at = models.DateTimeField(_("Übernommen am"), auto_now_add=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Übernommen von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    synced_at = models.DateTimeField(_("Zuletzt abgeglichen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Übernahme")
        verbose_name_plural = _("Übernahmen")
        ordering = ["-adopted_at"]

    def __str__(self) -> str:
        return _("%(copy)s (übernommen von %(town)s)") % {
            "copy": self.copy.title if self.copy_id else "–",
            "town": self.origin_municipality_name or "–",
        }


# ---------------------------------------------------------------------------- feedback


class FeedbackKind(models.TextChoices):
    COMMENT = "kommentar", _("Kommentar")
    REPORT = "erfahrungsbericht", _("Erfahrungsbericht")


class Feedback(models.Model):
    """A comment or an experience report on a process, typically from another town."""

    page = models.ForeignKey(
        "prozesse.RegisterEntryPage",
        verbose_name=_("Seite"),
        on_delete=models.CASCADE,
        related_name="knowledge_feedback",
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.COMMENT
    )
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    text = models.TextField(_("Text"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("Name"), max_length=200, blank=True)
    author_municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Verfasst am"), auto_now_add=True)
    hidden = models.BooleanField(
        _("Ausgeblendet"), default=False, help_text=_("Ausgeblendete Rückmeldungen sieht niemand.")
    )
    notified = models.JSONField(_("Benachrichtigt"), default=list, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("hidden"),
    ]

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title or self.text[:60]


# ---------------------------------------------------------------------------- read confirmations

# Kept in their own module (size); imported here so Django registers them with this app.
from knowledge.reading_models import (  # noqa: E402, F401
    ReadCampaign,
    ReadConfirmation,
    ReadRequest,
)
