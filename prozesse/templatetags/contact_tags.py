"""Phone numbers and the "Jetzt tun" box in templates.

``{% load contact_tags %}``

* ``{{ person.phone|tel_link }}`` – the number as a ``tel:`` link that never wraps
  (``prozesse.contact``); text without digits stays text, an empty value gives "".
* ``{% act_now_for scenario as now %}`` – the first actions and calls (``prozesse.act_now``).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from prozesse.act_now import ActNow, act_now
from prozesse.contact import tel_href

register = template.Library()


@register.filter
def tel_link(phone: str | None) -> str:
    text = (phone or "").strip()
    if not text:
        return ""
    href = tel_href(text)
    if not href:
        return text
    return format_html('<a class="tel" href="{}">{}</a>', href, text)


@register.simple_tag
def act_now_for(scenario) -> ActNow:
    return act_now(scenario)
