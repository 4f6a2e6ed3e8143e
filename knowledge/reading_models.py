"""Read confirmations (Kenntnisnahme): who must read a released version, and who did.

A :class:`ReadCampaign` asks the readers of one released revision of a register entry to
confirm that they read it; :class:`ReadRequest` is one reader asked (resolved when the campaign
starts, only readers who may view the page); :class:`ReadConfirmation` is the audit record of
one confirmation. The audit keeps the page and revision as plain ids with labels, so it
survives later edits, deleted revisions and even a deleted page. Imported by
``knowledge.models`` so Django finds the models; the logic is in ``knowledge.reading``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Roles a campaign can address, as the role keys of ``prozesse.roles.matrix.ROLES``.
READER_ROLES = (
    ("redaktion", _("Redaktion")),
    ("freigabe", _("Freigabe")),
    ("lenkungskreis", _("Lenkungskreis")),
    ("wissen", _("Wissensmanagement")),
    ("mitarbeitende", _("Alle Mitarbeitenden")),
)


class ReadCampaign(models.Model):
    """A request for read confirmations of one released version of a page."""

    page = models.ForeignKey(
        "prozesse.RegisterEntryPage",
        verbose_name=_("Seite"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="read_campaigns",
    )
    page_title = models.CharField(_("Seitentitel"), max_length=255)
    #: The released revision (its id stays even if the revision is deleted).
    revision_id = models.PositiveIntegerField(_("Version (Revision)"))
    version_label = models.CharField(_("Version"), max_length=100)
    municipalities = models.ManyToManyField(
        "prozesse.MunicipalityPage", verbose_name=_("Kommunen"), blank=True, related_name="+"
    )
    departments = models.ManyToManyField(
        "prozesse.DepartmentPage", verbose_name=_("Fachbereiche"), blank=True, related_name="+"
    )
    groups = models.ManyToManyField(
        "auth.Group", verbose_name=_("Gruppen"), blank=True, related_name="+"
    )
    roles = models.JSONField(_("Rollen"), default=list, blank=True)
    due_date = models.DateField(_("Zur Kenntnis bis"))
    note = models.TextField(_("Hinweis an die Lesenden"), max_length=1000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angefordert von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by_name = models.CharField(_("Angefordert von"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Angefordert am"), auto_now_add=True)
    #: A newer campaign on the same page replaces this one: its open requests end.
    superseded = models.BooleanField(_("Abgelöst"), default=False)

    class Meta:
        verbose_name = _("Kenntnisnahme")
        verbose_name_plural = _("Kenntnisnahmen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return _("Kenntnisnahme „%(title)s“ (%(version)s)") % {
            "title": self.page_title,
            "version": self.version_label,
        }


class ReadRequest(models.Model):
    """One reader asked by a campaign; open until a confirmation exists."""

    campaign = models.ForeignKey(ReadCampaign, on_delete=models.CASCADE, related_name="requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_requests"
    )
    #: The reader's department and town when asked (for the per-department figures).
    department = models.ForeignKey(
        "prozesse.DepartmentPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    department_name = models.CharField(max_length=255, blank=True)
    municipality_name = models.CharField(max_length=255, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="knowledge_one_read_request")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.user_id}"


class ReadConfirmation(models.Model):
    """Audit record: who confirmed which version when. Nothing here cascades away."""

    campaign = models.ForeignKey(
        ReadCampaign, null=True, on_delete=models.SET_NULL, related_name="confirmations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(_("Name"), max_length=200)
    page_id = models.PositiveIntegerField(_("Seite (Nr.)"), db_index=True)
    page_title = models.CharField(_("Seitentitel"), max_length=255)
    revision_id = models.PositiveIntegerField(_("Version (Revision)"))
    version_label = models.CharField(_("Version"), max_length=100)
    confirmed_at = models.DateTimeField(_("Zur Kenntnis genommen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bestätigte Kenntnisnahme")
        verbose_name_plural = _("Bestätigte Kenntnisnahmen")
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=models.Q(campaign__isnull=False, user__isnull=False),
                name="knowledge_one_read_confirmation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_name}: {self.page_title} ({self.version_label})"
