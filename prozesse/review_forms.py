"""The dialogs of a four-eyes step: "Änderungen anfordern" asks what should change (required:
the editor must learn what to do), "Freigeben" confirms the approval and takes an optional
message. Both keep Wagtail's field name ``comment``, so Wagtail stores the text in
``TaskState.comment``, logs it and shows it in the history (``prozesse.review_conversation``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prozesse.review_conversation import MAX_LENGTH


class ChangeRequestForm(forms.Form):
    comment = forms.CharField(
        label=_("Was soll geändert werden?"),
        help_text=_(
            "Die Redaktion sieht Ihre Nachricht oben im Bearbeitungsformular und bekommt sie "
            "per E-Mail."
        ),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte schreiben Sie, was geändert werden soll.")},
    )


class ApprovalForm(forms.Form):
    comment = forms.CharField(
        label=_("Nachricht an die Redaktion (freiwillig)"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


#: The form of each action of a four-eyes step.
ACTION_FORMS = {"reject": ChangeRequestForm, "approve": ApprovalForm}
