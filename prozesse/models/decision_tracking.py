"""Decision tracking (Beschlusskontrolle): tasks of a decision with a traffic light, the
decision's status history, the pages that name the decision they carry in, and the log of
task reminders.

* :class:`DecisionTask` – an Orderable child of the decision, edited in the page editor.
  Its light follows :func:`traffic_light` (the one rule, documented there).
* :class:`DecisionStatusChange` – written by the publish chain
  (``prozesse.decision_tasks.after_page_published``) whenever a published revision carries
  another status than the last one recorded; it survives later edits of the page.
* :class:`DecisionReference` – "Geändert durch Beschluss" on a process, scenario or article.
* :class:`DecisionTaskReminder` – one reminder mail per person and day (idempotency of
  ``manage.py send_decision_task_reminders``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable

from prozesse.models.decision import DecisionPage, DecisionStatus

#: Yellow when the task is due within this many days and not done.
WARN_DAYS = 14
#: Yellow when the share of time used up exceeds the progress by more than this (points).
PROGRESS_MARGIN = 25


class TaskStatus(models.TextChoices):
    OPEN = "offen", _("Offen")
    IN_PROGRESS = "in_arbeit", _("In Arbeit")
    DONE = "erledigt", _("Erledigt")
    DROPPED = "entfallen", _("Entfallen")


CLOSED_TASK_STATUSES = (TaskStatus.DONE, TaskStatus.DROPPED)


class Light(models.TextChoices):
    """The traffic light of a task, always shown with its words, never by colour alone."""

    GREEN = "gruen", _("Grün – im Plan")
    YELLOW = "gelb", _("Gelb – gefährdet")
    RED = "rot", _("Rot – überfällig")
    DONE = "erledigt", _("Erledigt")


#: Severity order for the light of a whole decision (its worst open task).
LIGHT_SEVERITY = {Light.DONE: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


def traffic_light(
    *,
    status: str,
    progress: int,
    due: datetime.date | None,
    start: datetime.date | None,
    today: datetime.date,
) -> Light:
    """The light of a task. In this order:

    1. **Erledigt** – status "erledigt" or "entfallen", or progress 100 %.
    2. **Rot** – the due date has passed (``today > due``).
    3. **Gelb** – due within :data:`WARN_DAYS` days (today included), or the share of the
       time from ``start`` (the meeting date) to ``due`` already used up exceeds the progress
       by more than :data:`PROGRESS_MARGIN` percentage points.
    4. **Grün** – otherwise, and always for a task without a due date.
    """
    if status in CLOSED_TASK_STATUSES or progress >= 100:
        return Light.DONE
    if due is None:
        return Light.GREEN
    if today > due:
        return Light.RED
    if (due - today).days <= WARN_DAYS:
        return Light.YELLOW
    if start is not None and start < due:
        elapsed = max(0, (today - start).days) * 100 / (due - start).days
        if elapsed - progress > PROGRESS_MARGIN:
            return Light.YELLOW
    return Light.GREEN


def decision_light(lights: list[Light]) -> Light | None:
    """The light of a decision: its worst task (none without tasks)."""
    if not lights:
        return None
    return max(lights, key=LIGHT_SEVERITY.__getitem__)


class DecisionTask(Orderable):
    """One task (Aufgabe) to carry a decision out."""

    page = ParentalKey(DecisionPage, related_name="tasks", on_delete=models.CASCADE)
    title = models.CharField(_("Aufgabe"), max_length=255)
    responsible = models.ForeignKey(
        "prozesse.Person",
        verbose_name=_("Verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_tasks",
    )
    due_date = models.DateField(_("Frist"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    progress = models.PositiveSmallIntegerField(
        _("Fortschritt (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0 bis 100"),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Aufgabe")
        verbose_name_plural = pgettext_lazy("decision tasks", "Aufgaben")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_TASK_STATUSES

    def light(self, today: datetime.date | None = None) -> Light:
        return traffic_light(
            status=self.status,
            progress=self.progress,
            due=self.due_date,
            start=self.page.meeting_date,
            today=today or timezone.localdate(),
        )

    @property
    def current_light(self) -> Light:
        return self.light()


class DecisionStatusChange(models.Model):
    """One status of a decision as published: who published it when (status history)."""

    decision = models.ForeignKey(
        DecisionPage, on_delete=models.CASCADE, related_name="status_changes"
    )
    previous_status = models.CharField(
        _("Vorher"), max_length=20, choices=DecisionStatus.choices, blank=True
    )
    status = models.CharField(_("Status"), max_length=20, choices=DecisionStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Kept as text so the history still names the person after the account is deleted.
    changed_by_name = models.CharField(_("Geändert von"), max_length=200, blank=True)
    changed_at = models.DateTimeField(_("Geändert am"), default=timezone.now)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Statusänderung eines Beschlusses")
        verbose_name_plural = _("Statusänderungen von Beschlüssen")
        ordering = ["decision", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.changed_at:%d.%m.%Y})"


class DecisionReference(Orderable):
    """ "Geändert durch Beschluss": a process, scenario or article names a decision it carries
    in. Publishing the page marks the page done on the decision."""

    page = ParentalKey(
        "prozesse.RegisterEntryPage", related_name="decision_references", on_delete=models.CASCADE
    )
    decision = models.ForeignKey(
        DecisionPage,
        verbose_name=_("Beschluss"),
        on_delete=models.CASCADE,
        related_name="referencing_pages",
    )

    panels = [PageChooserPanel("decision", page_type="prozesse.DecisionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("Geändert durch Beschluss")
        verbose_name_plural = _("Geändert durch Beschlüsse")

    def __str__(self) -> str:
        return str(self.decision_id)


class DecisionTaskReminder(models.Model):
    """One task reminder sent to one person on one day."""

    person = models.ForeignKey(
        "prozesse.Person", on_delete=models.CASCADE, related_name="task_reminders"
    )
    sent_on = models.DateField(_("Versandtag"))
    task_ids = models.JSONField(_("Aufgaben"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Versandte Aufgaben-Erinnerung")
        verbose_name_plural = _("Versandte Aufgaben-Erinnerungen")
        ordering = ["-sent_on", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"], name="prozesse_one_task_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.sent_on:%d.%m.%Y})"
