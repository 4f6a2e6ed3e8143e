"""The expiry of an API token: Wagtail's ``APIToken`` has a name, a hash and a revocation date
but no end of validity, so each token gets a companion row saying until when it works.

A token without such a row is refused (``api.tokens``): every accepted token has an end."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken


class TokenExpiry(models.Model):
    token = models.OneToOneField(
        APIToken, on_delete=models.CASCADE, related_name="expiry", verbose_name=_("API-Token")
    )
    valid_until = models.DateField(
        _("Gültig bis"), help_text=_("Letzter Tag, an dem das Token angenommen wird.")
    )

    class Meta:
        verbose_name = _("Ablauf eines API-Tokens")
        verbose_name_plural = _("Abläufe von API-Tokens")

    def __str__(self) -> str:
        return f"{self.token} – {self.valid_until:%d.%m.%Y}"

    def expired(self, today: datetime.date | None = None) -> bool:
        """Past its last day (in the intranet's time zone)?"""
        return (today or timezone.localdate()) > self.valid_until
