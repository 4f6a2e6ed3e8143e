"""Phone numbers as ``tel:`` links: one rule for every page that shows a number, so that a
phone in an emergency dials with one tap.

``tel_href("06432 501-200")`` is ``"tel:+496432501200"``: a leading ``0`` becomes the German
country code, ``00`` becomes ``+``, a bracketed ``(0)`` is dropped; internal extensions (no
leading ``0`` or ``+``) are dialled as written. Text without digits gives no link.
"""

from __future__ import annotations

import re

#: Country code for numbers written the national way (leading 0).
COUNTRY_CODE = "49"


def tel_href(phone: str | None) -> str:
    """The ``tel:`` address of a number as people write it, or "" when it has no digits."""
    # "+49 (0) 6432 …": the bracketed trunk zero is not dialled from abroad.
    text = (phone or "").strip().replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    if text.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{COUNTRY_CODE}{digits[1:]}"
    return f"tel:{digits}"
