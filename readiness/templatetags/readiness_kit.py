"""Template filters of the emergency kit: rich text without links and images, so a page of the
kit opened from ``file://`` has no link that leads nowhere and loads nothing."""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

register = template.Library()

_LINK = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_EMBEDDED = re.compile(r"<(img|iframe|embed|object|video|audio|source|script)\b[^>]*>", re.I)


@register.filter
def kit_richtext(value) -> SafeString:
    """Rich text (a field's stored HTML) with link texts kept and links, images and embeds
    removed."""
    html = expand_db_html(str(value or ""))
    return mark_safe(_EMBEDDED.sub("", _LINK.sub("", html)))
