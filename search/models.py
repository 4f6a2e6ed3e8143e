"""The search backlog: index writes that failed because the search engine was unreachable.

Wagtail logs and swallows such failures (the edit itself must not fail); our backends
(``search.backends.german``) also write one row per object here, in the same database
transaction as the edit. ``manage.py reconcile_search_index`` re-indexes these objects from the
database and removes the rows, so nothing published during an outage stays unfindable.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexBacklogEntry(models.Model):
    class Action(models.TextChoices):
        INDEX = "index", _("Indizieren")
        DELETE = "delete", _("Aus dem Index entfernen")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Ausstehende Suchindex-Aktualisierung")
        verbose_name_plural = _("Ausstehende Suchindex-Aktualisierungen")

    def __str__(self) -> str:
        content_type = self.content_type
        return f"{self.action} {content_type.app_label}.{content_type.model} {self.object_id}"
