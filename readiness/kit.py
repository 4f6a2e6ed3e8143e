"""The emergency kit (Notfallkoffer): everything a town needs when its IT is down, as one zip
file that opens from a USB stick without a server.

Contents (all links relative, styles inside each page, no script, no external address – the
pages work from ``file://`` and make no request):

* ``index.html`` – the town, when the kit was made and for whom, the scenarios and the PDFs;
* ``szenarien/<id>-<slug>.html`` – one page per scenario: its "Jetzt tun" card
  (``prozesse.act_now``, the same selection as the box on the scenario page), alarm chain,
  immediate actions, critical processes (titles and phone numbers, no links into the
  intranet), continuity and recovery;
* ``pdf/notfallhandbuch.pdf`` – the handbook as the recipient may see it, made now;
* ``pdf/freigegeben-v<N>.pdf`` – the newest released version, if the recipient may read it;
* ``pdf/jetzt-tun-<id>-<slug>.pdf`` – the one-page card of each scenario.

The kit holds only what its recipient may see: it is built for a ``Visibility``
(``readiness.audience`` documents whose).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from prozesse.act_now import act_now
from prozesse.pdf import html_to_pdf
from prozesse.selectors import handbook_context
from prozesse.visibility import Visibility
from readiness.releases import current_release

KIT_CSS = "readiness/kit.css"


#: A "Jetzt tun" card fits on one A4 page with this many actions and calls.
CARD_ACTIONS = 8
CARD_CALLS = 8


@dataclass
class KitScenario:
    scenario: object
    act_now: object
    filename: str
    card_pdf: str


def _stem(scenario) -> str:
    return f"{scenario.pk}-{scenario.slug}"


def build_kit(
    municipality, visibility: Visibility, *, recipient: str, release_readable=None
) -> bytes:
    """The kit as zip bytes for a recipient who sees ``visibility``. ``release_readable``
    answers whether the recipient may read a released version (``None``: leave it out)."""
    made_at = timezone.localtime()
    context = handbook_context(municipality, visibility)
    css = Path(finders.find(KIT_CSS)).read_text(encoding="utf-8")
    scenarios = [
        KitScenario(
            s,
            act_now(s, actions=CARD_ACTIONS, calls=CARD_CALLS),
            f"szenarien/{_stem(s)}.html",
            f"pdf/jetzt-tun-{_stem(s)}.pdf",
        )
        for s in context["scenarios"]
    ]
    release = current_release(municipality)
    if release is not None and not (release_readable and release_readable(release)):
        release = None
    base = {
        "town": municipality,
        "made_at": made_at,
        "recipient": recipient,
        "css": css,
        "scenarios": scenarios,
        "release": release,
    }
    root = f"notfallkoffer-{municipality.slug}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as kit:
        kit.writestr(f"{root}/index.html", render_to_string("readiness/kit/index.html", base))
        for item in scenarios:
            page = {**base, "item": item, "up": "../"}
            kit.writestr(
                f"{root}/{item.filename}", render_to_string("readiness/kit/scenario.html", page)
            )
            card = render_to_string("readiness/kit/card.html", {**page, "for_pdf": True})
            kit.writestr(f"{root}/{item.card_pdf}", html_to_pdf(card))
        handbook = render_to_string(
            "readiness/handbook_release.html",
            {**context, "for_pdf": True, "released_at": made_at, "approver": "–"},
        )
        kit.writestr(f"{root}/pdf/notfallhandbuch.pdf", html_to_pdf(handbook))
        if release is not None and release.file:
            with release.file.open("rb") as stored:
                kit.writestr(f"{root}/pdf/freigegeben-v{release.version}.pdf", stored.read())
        kit.writestr(f"{root}/LIESMICH.txt", render_to_string("readiness/kit/readme.txt", base))
    return buffer.getvalue()
