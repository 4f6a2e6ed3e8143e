"""The mapping from directory groups to our roles, and the link of an account to its entry.

``DirectoryMapping`` rows are kept by administrators in the admin ("Verzeichnis-Zuordnung");
``directory.roles`` applies them at every sign-in and in ``manage.py sync_directory``.
``DirectoryAccount`` remembers which directory entry an account came from, so the sync finds
it again and a leaver is recognised.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from directory.config import source_choices
from prozesse.roles.definitions import KNOWLEDGE_ALL_NAME, STAFF_NAME, WAGTAIL_DEFAULT_GROUPS


def provisioned_groups():
    """The groups provisioning made – the roles a mapping may hand out: groups with rights on
    a page, the staff groups of the towns and of everyone, the central knowledge group and the
    approval groups of the committees. Wagtail's default groups are never offered."""
    approval_groups = GroupApprovalTask.objects.values_list("groups", flat=True)
    return (
        Group.objects.filter(
            Q(page_permissions__isnull=False)
            | Q(staff_of__isnull=False)
            | Q(name__in=(STAFF_NAME, KNOWLEDGE_ALL_NAME))
            | Q(pk__in=approval_groups)
        )
        .exclude(name__in=WAGTAIL_DEFAULT_GROUPS)
        .distinct()
        .order_by("name")
    )


class DirectoryMapping(models.Model):
    """One row of the mapping: members of a directory group get a role, or belong to a town."""

    source = models.CharField(
        _("Verzeichnis"),
        max_length=80,
        blank=True,
        choices=source_choices,
        help_text=_("Leer lassen, wenn die Zeile für jedes Verzeichnis gilt."),
    )
    directory_group = models.CharField(
        _("Gruppe im Verzeichnis"),
        max_length=500,
        help_text=_(
            "Name oder vollständiger DN der Gruppe (z. B. „cn=bauamt-redaktion,ou=gruppen,"
            "dc=nordstadt,dc=de“) oder der Wert im Token (Claim „groups“). Groß- und "
            "Kleinschreibung zählen nicht."
        ),
    )
    municipality = models.ForeignKey(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Mitglieder dieser Gruppe gehören zu dieser Kommune und erhalten „Mitarbeitende "
            "<Kommune>“."
        ),
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("Rolle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Die Rolle im Intranet, die Mitglieder dieser Gruppe erhalten."),
    )
    take_contact_data = models.BooleanField(
        _("Kontaktdaten aus dem Verzeichnis übernehmen"),
        default=True,
        help_text=_(
            "Name, E-Mail und Telefon der Person (Verantwortliche, Stellvertretung, "
            "Expertensuche) werden bei jeder Anmeldung aus dem Verzeichnis übernommen."
        ),
    )

    class Meta:
        verbose_name = _("Verzeichnis-Zuordnung")
        verbose_name_plural = _("Verzeichnis-Zuordnungen")
        ordering = ["source", "directory_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "directory_group", "group"],
                name="directory_one_row_per_group_and_role",
                violation_error_message=_("Diese Zuordnung gibt es schon."),
            )
        ]

    def __str__(self) -> str:
        target = self.group.name if self.group_id else self.municipality.title
        return f"{self.directory_group} → {target}"

    def clean(self) -> None:
        super().clean()
        if not self.group_id and not self.municipality_id:
            raise ValidationError(_("Bitte eine Rolle oder eine Kommune wählen."))
        if self.group_id and not provisioned_groups().filter(pk=self.group_id).exists():
            raise ValidationError(
                {
                    "group": _(
                        "Diese Gruppe ist keine eingerichtete Rolle. Zuordnen lassen sich nur "
                        "Rollen, die die Einrichtung der Kommunen angelegt hat (Redaktion, "
                        "Freigabe, Wissensmanagement, Lenkungskreis, Mitarbeitende)."
                    )
                }
            )
        self.directory_group = self.directory_group.strip()


class DirectoryAccount(models.Model):
    """An account that signs in through a directory or identity provider."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="directory_account",
    )
    source = models.CharField(_("Verzeichnis"), max_length=80)
    #: The name the person signs in with at the source (uid, sAMAccountName, preferred_username).
    username = models.CharField(_("Anmeldename im Verzeichnis"), max_length=255)
    #: The lasting identifier of the entry (entryUUID, objectGUID, the token's "sub").
    external_id = models.CharField(_("Kennung im Verzeichnis"), max_length=255, blank=True)
    dn = models.CharField(_("DN"), max_length=1000, blank=True)
    #: The directory groups last seen (for the sync report and for support).
    directory_groups = models.JSONField(default=list, blank=True)
    last_seen = models.DateTimeField(_("Zuletzt abgeglichen"), null=True, blank=True)
    deactivated_at = models.DateTimeField(_("Im Verzeichnis deaktiviert am"), null=True)

    class Meta:
        verbose_name = _("Verzeichniskonto")
        verbose_name_plural = _("Verzeichniskonten")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "username"], name="directory_one_account_per_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.source})"
