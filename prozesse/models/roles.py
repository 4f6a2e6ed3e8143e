"""Links between provisioned groups and their pages where Wagtail has no relation to use.

Most roles hang on their page through Wagtail's own page-keyed relations (page permissions,
the workflow of a page). "Mitarbeitende <Kommune>" – all staff of one town, used for
town-private view restrictions – holds no page permission, so this link keeps it attached to
its municipality: renaming the town renames the group, never detaches it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityStaffGroup(models.Model):
    """The group "Mitarbeitende <Kommune>" of one municipality (made by provisioning)."""

    municipality = models.OneToOneField(
        "prozesse.MunicipalityPage",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="staff_group_link",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("Gruppe"), on_delete=models.CASCADE, related_name="staff_of"
    )

    class Meta:
        verbose_name = _("Mitarbeitende einer Kommune")
        verbose_name_plural = _("Mitarbeitende der Kommunen")

    def __str__(self) -> str:
        return self.group.name
