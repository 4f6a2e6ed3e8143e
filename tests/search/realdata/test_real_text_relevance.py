"""Acceptance on text nobody tuned for: queries written by rule from real Karlsruhe council
papers and federal law headings (``queries.py``), run through ``search_register`` — the function
the search page uses — against those documents imported as pages.

Figures per query kind for the search engine and the database fallback: success@3 (a judged
answer among the first three), MRR@10 (mean of 1/rank of the first judged answer within ten)
and the zero-result rate. The table is printed at the end of the run and written to
``test-artifacts/search-real-text-relevance.md``; only the engine's figures are asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.utils.html import escape

from prozesse.importers.django_oparl import OParlImporter, get_or_create_section
from prozesse.models import ArticleKind, ArticlePage, DecisionPage
from search.indexing import deferred_indexing
from search.service import search_register
from tests.factories import MunicipalityPageFactory
from tests.search.realdata.queries import Collection, build
from tests.services import empty_search_indexes, module_transaction, require_service
from tests.shared_data import LAWS_DIR, OPARL_DIR, require

ARTIFACT = Path(__file__).resolve().parents[3] / "test-artifacts" / "search-real-text-relevance.md"

#: Compound parts: the goal of issue 17 (measured 0.93). The others: the figure measured when
#: the set was written (in brackets) minus 0.05, about one query of 25.
REQUIRED_SUCCESS_AT_3 = {
    "compound_part": 0.90,  # (0.93)
    "compound_apart": 0.83,  # (0.88)
    "compound_joined": 0.71,  # (0.76) hyphenated names typed joined: "Fichtegymnasium"
    "inflected": 0.95,  # (1.00)
    "umlaut": 0.95,  # (1.00)
    "typo": 0.95,  # (1.00)
    "synonym": 0.87,  # (0.92) law abbreviations outside our synonym list miss
}
KINDS = tuple(REQUIRED_SUCCESS_AT_3)


@pytest.fixture(scope="module")
def collection() -> Collection:
    require(OPARL_DIR)
    require(LAWS_DIR)
    return build(OPARL_DIR, LAWS_DIR)


@pytest.fixture(scope="module")
def indexed(collection, django_db_setup, django_db_blocker):
    """The sampled papers (through the real OParl importer) and law paragraphs as pages, in a
    module-long transaction; returns source id → page pk."""
    from wagtail.search.backends import get_search_backend

    require_service("search engine")
    backend = get_search_backend("default")
    empty_search_indexes(backend)
    with module_transaction(django_db_blocker):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("realdata", "r@example.org", "x")
        section = get_or_create_section("gemeinderat-karlsruhe", "Gemeinderat Karlsruhe", user)
        OParlImporter(section, user, publish=True).run(iter(collection.papers))
        pages = dict(DecisionPage.objects.values_list("oparl_id", "pk"))
        town = MunicipalityPageFactory(title="Bundesrecht", slug="bundesrecht")
        with deferred_indexing(rebuild_references=False):
            law_pages = _add_law_pages(collection, town)
        pages.update(law_pages)
        for name in ("default", "fallback"):
            get_search_backend(name).refresh_indexes()
        # The pages are not committed, so autovacuum never analyses them. After the browser
        # tests' flush PostgreSQL's statistics say the tables are empty, and a plan prepared on
        # them (DATABASE_PREPARED_STATEMENTS) scanned the database index for seconds per search.
        # ANALYZE inside the transaction counts its own rows, as an installation's would be.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield pages, user
    empty_search_indexes(backend)


def _add_law_pages(collection: Collection, town) -> dict[str, int]:
    """Law paragraphs as live background articles (no revisions: nobody edits them here)."""
    pages = {}
    for number, (law, index, title) in enumerate(collection.law_pages):
        paragraph = law.paragraphs[index]
        article = ArticlePage(
            title=title[:255],
            slug=f"recht-{number}",
            kind=ArticleKind.BACKGROUND,
            summary=paragraph.title[:255],
            body=[{"type": "text", "value": f"<p>{escape(paragraph.text[:8000])}</p>"}],
        )
        town.add_child(instance=article)
        pages[f"law:{law.abbreviation}:{paragraph.anchor}"] = article.pk
    return pages


def measure(collection: Collection, pages: dict[str, int], user) -> dict[str, dict[str, float]]:
    """kind → {success@3, mrr@10, zero, n} for the backend the settings name."""
    rows: dict[str, list[tuple[int | None, bool]]] = {kind: [] for kind in KINDS}
    for query in collection.queries:
        wanted = {pages[source] for source in query.answers if source in pages}
        outcome = search_register(query.text, user=user, page_size=10)
        rank = next(
            (n for n, row in enumerate(outcome.results[:10], 1) if row.page.pk in wanted), None
        )
        rows[query.kind].append((rank, outcome.count == 0))
        if not rank or rank > 3:
            MISSES.append(
                f"[{query.kind}] {query.text!r}: {[r.page.title[:60] for r in outcome.results[:3]]}"
            )
    figures = {}
    for kind, results in rows.items():
        n = len(results) or 1
        figures[kind] = {
            "n": len(results),
            "success@3": sum(1 for rank, _ in results if rank and rank <= 3) / n,
            "mrr@10": sum(1 / rank for rank, _ in results if rank) / n,
            "zero": sum(1 for _, zero in results if zero) / n,
        }
    return figures


#: "engine"/"fallback" → kind → figures; printed by this package's conftest at the end.
MEASURED: dict[str, dict[str, dict[str, float]]] = {}
#: Queries whose judged answer was not among the first three (both backends, for the report).
MISSES: list[str] = []


def table() -> str:
    lines = [
        "| kind | n | engine success@3 | engine MRR@10 | engine zero | fallback success@3 "
        "| fallback MRR@10 | fallback zero |",
        "|---|---|---|---|---|---|---|---|",
    ]
    engine, fallback = MEASURED.get("engine", {}), MEASURED.get("fallback", {})
    for kind in KINDS:
        e, f = engine.get(kind, {}), fallback.get(kind, {})

        def cell(figures, key):
            return f"{figures[key]:.2f}" if key in figures else "–"

        lines.append(
            f"| {kind} | {e.get('n', f.get('n', 0))} | {cell(e, 'success@3')} | "
            f"{cell(e, 'mrr@10')} | {cell(e, 'zero')} | {cell(f, 'success@3')} | "
            f"{cell(f, 'mrr@10')} | {cell(f, 'zero')} |"
        )
    return "\n".join(lines)


def publish_table() -> None:
    text = table()
    ARTIFACT.parent.mkdir(exist_ok=True)
    misses = "\n".join(f"- {line}" for line in MISSES)
    ARTIFACT.write_text(
        f"# Search relevance on real text\n\n{text}\n\n## Misses (top 3)\n\n{misses}\n",
        encoding="utf-8",
    )


def test_the_set_has_at_least_150_queries_of_every_kind(collection):
    kinds = {query.kind for query in collection.queries}
    assert len(collection.queries) >= 150 and kinds == set(KINDS)


def test_every_judged_answer_is_indexed(collection, indexed, db):
    pages, _user = indexed
    missing = [q.text for q in collection.queries if not q.answers <= pages.keys()]
    assert missing == []


def test_the_search_engine_meets_the_threshold_of_every_kind(collection, indexed, db):
    pages, user = indexed
    MISSES.append("search engine:")
    MEASURED["engine"] = measure(collection, pages, user)
    publish_table()
    below = {
        kind: round(figures["success@3"], 2)
        for kind, figures in MEASURED["engine"].items()
        if figures["success@3"] < REQUIRED_SUCCESS_AT_3[kind]
    }
    assert below == {}, table()


def test_the_database_fallback_figures_are_reported(collection, indexed, db, settings):
    pages, user = indexed
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["fallback"]}
    MISSES.append("database fallback:")
    MEASURED["fallback"] = measure(collection, pages, user)
    publish_table()
    assert all(0 <= f["success@3"] <= 1 for f in MEASURED["fallback"].values())
