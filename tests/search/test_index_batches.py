"""A full reindex reads processes in batches: what their search text needs beyond the page row
(deputies, IT systems, catalogue paragraphs the legal bases cite) costs a few queries per
batch, however many processes the batch holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prozesse.models import Law, LawParagraph, ProcessPage
from tests.builders import full_process
from tests.factories import DepartmentPageFactory, ITSystemFactory, ProcessPageFactory


@pytest.fixture
def gewo_14(db) -> LawParagraph:
    law = Law.objects.create(abbreviation="GewO", title="Gewerbeordnung", slug="gewo")
    return LawParagraph.objects.create(
        law=law, kind="§", number="14", title="Anzeigepflicht", anchor="p14"
    )


def citing(paragraph: LawParagraph, department) -> ProcessPage:
    system = ITSystemFactory()
    page = ProcessPageFactory(
        parent=department,
        steps=[("step", {"name": "Anzeige prüfen", "it_system": system})],
        legal_bases=[("legal_basis", {"law": paragraph.law, "paragraph": paragraph})],
    )
    page.it_systems.set([system])
    return page


def documents(backend) -> tuple[list[dict], int]:
    """The index documents of all processes as ``update_index`` builds them, and the number
    of queries that took."""
    mapping = backend.mapping_class(ProcessPage)
    with CaptureQueriesContext(connection) as queries:
        built = [mapping.get_document(page) for page in ProcessPage.get_indexed_objects()]
    return built, len(queries)


def field(document: dict, name: str) -> str:
    return next(value for key, value in document.items() if key.endswith(f"__{name}"))


def test_indexing_six_processes_costs_no_more_queries_than_two(search_backend, gewo_14):
    department = DepartmentPageFactory()
    for _ in range(2):
        citing(gewo_14, department)
    _docs, queries_for_two = documents(search_backend)
    for _ in range(4):
        citing(gewo_14, department)
    docs, queries_for_six = documents(search_backend)
    assert len(docs) == 6
    assert queries_for_six == queries_for_two


def test_a_batch_indexes_the_citations_and_titles_of_a_catalogue_paragraph(search_backend, gewo_14):
    citing(gewo_14, DepartmentPageFactory())
    [document], _queries = documents(search_backend)
    assert field(document, "legal_bases_search_text").splitlines() == [
        "§ 14 GewO",
        "GewO 14",
        "GewO § 14",
        "Anzeigepflicht",
        "Gewerbeordnung",
    ]


def test_a_single_page_gets_the_same_search_text_as_in_a_batch(search_backend, gewo_14):
    page = citing(gewo_14, DepartmentPageFactory())
    [document], _queries = documents(search_backend)
    alone = ProcessPage.objects.get(pk=page.pk)
    assert alone.legal_bases_search_text() == field(document, "legal_bases_search_text")
    assert alone.steps_search_text() == field(document, "steps_search_text")


def test_the_steps_search_text_holds_name_role_and_description(search_backend):
    page = full_process(DepartmentPageFactory(), size=1)
    assert page.steps_search_text().splitlines() == [
        "Schritt 0: Angaben prüfen",
        "Sachbearbeitung Gewerbe",
        "Vollständigkeit und Plausibilität prüfen.",
    ]
