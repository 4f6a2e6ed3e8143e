"""The feedback form of the accessibility statement, with German messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    class Meta:
        model = BarrierReport
        fields = ["message", "page_url", "name", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "message": _("Welche Barriere haben Sie gefunden?"),
            "page_url": _("Auf welcher Seite? (Adresse oder Titel, freiwillig)"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse für die Antwort (freiwillig)"),
        }
        error_messages = {
            "message": {
                "required": _("Bitte beschreiben Sie die Barriere."),
                "max_length": _("Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen)."),
            },
            "email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")},
        }
