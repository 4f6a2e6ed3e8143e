"""Field validators with German messages for editors."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

AGS_PATTERN = re.compile(r"^\d{8}$")
LEIKA_PATTERN = re.compile(r"^\d{14}$")

validate_ags = RegexValidator(
    AGS_PATTERN,
    _("Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern, z. B. 07141501."),
    code="invalid_ags",
)

validate_code = RegexValidator(
    r"^[A-Z0-9]{2,8}$",
    _("Das Kürzel besteht aus 2 bis 8 Großbuchstaben oder Ziffern, z. B. DIE oder BB."),
    code="invalid_code",
)


def validate_leika_key(value: str) -> None:
    """A LeiKa/FIM service key: exactly 14 digits (spaces are tolerated on input)."""
    compact = value.replace(" ", "")
    if not LEIKA_PATTERN.match(compact):
        raise ValidationError(
            _(
                "Der LeiKa-/FIM-Schlüssel besteht aus genau 14 Ziffern "
                "(z. B. 99050012104000); eingegeben wurde „%(value)s“."
            ),
            code="invalid_leika",
            params={"value": value},
        )
