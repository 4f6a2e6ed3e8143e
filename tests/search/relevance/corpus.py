"""The corpus the relevance set runs against: the demo content (``seed_demo``) plus real law
paragraphs (``laws.json``, from the bundestag/gesetze catalogue in ``shared/data``; official
works, free of copyright) imported as background articles of one municipality."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.html import escape

from demo.seed import seed_demo
from prozesse.models import ArticleKind, ArticlePage, MunicipalityPage

LAWS = Path(__file__).with_name("laws.json")


def law_title(entry: dict) -> str:
    title = f"{entry['law']} § {entry['number']}"
    return f"{title} – {entry['title']}" if entry["title"] else title


def build_corpus() -> None:
    seed_demo()
    parent = MunicipalityPage.objects.order_by("path").first()
    for number, entry in enumerate(json.loads(LAWS.read_text(encoding="utf-8"))):
        article = ArticlePage(
            title=law_title(entry),
            slug=f"recht-{number}",
            kind=ArticleKind.BACKGROUND,
            summary=f"Wortlaut von § {entry['number']} {entry['law']} (Stand März 2022).",
            body=[{"type": "text", "value": f"<p>{escape(entry['text'])}</p>"}],
        )
        parent.add_child(instance=article)
        article.save_revision().publish()
