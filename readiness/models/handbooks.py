"""Released emergency handbooks (freigegebene Notfallhandbücher): frozen, versioned PDFs.

A release is requested (status "beantragt") and then released or rejected by a second person
who holds the release right for the town (``readiness.release``: Krisenstab or Lenkungskreis),
never by the person who requested it (the repo's four-eyes rule). Releasing renders the
handbook once (``readiness.handbook_pdf``) and stores the PDF with its version number; the pages
it contains are kept in ``contents`` (page id, title, path, last publication) so that:

* a later publish of one of them marks the release stale ("veraltet seit <Datum> – <was>",
  ``readiness.signals``) until a newer version is released;
* the download asks the visibility rule for each contained page (``readiness.audience``).

Earlier versions stay downloadable; they are never changed after the release.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.storage import release_storage


class ReleaseStatus(models.TextChoices):
    REQUESTED = "beantragt", _("Freigabe beantragt")
    RELEASED = "freigegeben", _("Freigegeben")
    REJECTED = "abgelehnt", _("Abgelehnt")


def _release_path(instance: HandbookRelease, filename: str) -> str:
    return f"{instance.municipality.slug}/{filename}"


class HandbookRelease(models.Model):
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="handbook_releases",
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.REQUESTED
    )
    version = models.PositiveIntegerField(_("Version"), null=True, blank=True)
    note = models.TextField(_("Anlass"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Beantragt von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by_name = models.CharField(_("Beantragt von"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("Beantragt am"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Kept as text so the PDF and the history still name the approver after the account goes.
    decided_by_name = models.CharField(_("Freigegeben von"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    comment = models.TextField(_("Begründung"), blank=True)
    file = models.FileField(
        _("PDF"), storage=release_storage, upload_to=_release_path, blank=True, max_length=300
    )
    #: Pages the release contains: [{"id", "title", "path", "published"}].
    contents = models.JSONField(_("Enthaltene Seiten"), default=list, blank=True)
    stale_since = models.DateTimeField(_("Veraltet seit"), null=True, blank=True)
    stale_reason = models.CharField(_("Veraltet durch"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Freigegebenes Notfallhandbuch")
        verbose_name_plural = _("Freigegebene Notfallhandbücher")
        ordering = ["municipality", "-version", "-requested_at"]
        permissions = [
            ("release_handbook", _("Notfallhandbuch freigeben")),
            ("request_handbook_release", _("Freigabe des Notfallhandbuchs beantragen")),
            ("download_emergency_kit", _("Notfallkoffer herunterladen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="readiness_one_version_number_per_town"
            )
        ]

    def __str__(self) -> str:
        if self.version:
            return f"{self.municipality.title}, Version {self.version}"
        return f"{self.municipality.title} ({self.get_status_display()})"

    @property
    def page_ids(self) -> list[int]:
        return [int(item["id"]) for item in self.contents]

    @property
    def stale_label(self) -> str:
        if not self.stale_since:
            return ""
        return (
            f"veraltet seit {timezone.localtime(self.stale_since):%d.%m.%Y} – {self.stale_reason}"
        )
