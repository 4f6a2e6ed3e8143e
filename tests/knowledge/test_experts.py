"""Expertenfinder: people by topic across towns, and the person page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knowledge.experts import experts_for, topic_from_question
from knowledge.reviews import confirm_current
from prozesse.models import Person, ProcessDeputy
from prozesse.visibility import EVERYTHING
from tests.builders import publish, save_draft
from tests.factories import (
    ArticlePageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_question_is_reduced_to_its_topic():
    assert topic_from_question("Wer kennt sich mit E-Akte aus?") == "E-Akte"
    assert topic_from_question("wer weiß etwas über Hundesteuer") == "Hundesteuer"
    assert topic_from_question("Experten für Gewerbeanmeldung?") == "Gewerbeanmeldung"
    assert topic_from_question("  E-Akte  Posteingang ") == "E-Akte Posteingang"


@pytest.fixture
def e_akte(search_backend, knowledge_manager):
    """E-Akte pages in two towns with owners, a deputy, an editor and a reviewer."""
    diez = MunicipalityPageFactory(title="VG Diez")
    montabaur = MunicipalityPageFactory(title="VG Montabaur")
    people = {
        "neumann": PersonFactory(name="Claudia Neumann", municipality=diez),
        "bruehl": PersonFactory(name="Stefan Brühl", municipality=diez),
        "kern": PersonFactory(name="Tobias Kern", municipality=montabaur),
        "editor": PersonFactory(name="Eva Richter", municipality=montabaur, user=UserFactory()),
        "other": PersonFactory(name="Markus Wagner", municipality=diez),
    }
    diez_page = ProcessPageFactory(
        parent__parent=diez,
        title="Posteingang E-Akte",
        summary="Scannen und Zuordnen in der E-Akte.",
        content_owner=people["neumann"],
    )
    ProcessDeputy.objects.create(page=diez_page, person=people["bruehl"])
    publish(diez_page)
    montabaur_page = publish(
        ArticlePageFactory(
            parent__parent=montabaur,
            title="Erfahrungen mit der E-Akte",
            summary="Was wir bei der Einführung der E-Akte gelernt haben.",
            content_owner=people["kern"],
        )
    )
    save_draft(montabaur_page, people["editor"].user, summary="E-Akte: überarbeitet").publish()
    publish(
        ProcessPageFactory(parent__parent=diez, title="Hundesteuer", content_owner=people["other"])
    )
    reviewer = PersonFactory(name="Heike Bauer", user=knowledge_manager)
    confirm_current(diez_page, knowledge_manager)
    search_backend.refresh_indexes()
    return people | {"reviewer": reviewer}


def test_experts_for_finds_owners_deputies_editors_and_reviewers_across_towns(e_akte):
    hits = experts_for("Wer kennt sich mit E-Akte aus?", EVERYTHING)
    by_name = {hit.person.name: hit for hit in hits}
    assert set(by_name) == {
        "Claudia Neumann",
        "Stefan Brühl",
        "Tobias Kern",
        "Eva Richter",
        "Heike Bauer",
    }
    assert {hit.municipality.title for hit in hits if hit.municipality} == {
        "VG Diez",
        "VG Montabaur",
    }
    neumann, bruehl, richter = (
        by_name[n] for n in ("Claudia Neumann", "Stefan Brühl", "Eva Richter")
    )
    assert (neumann.owned, bruehl.deputised, richter.edited) == (1, 1, 1)
    assert by_name["Heike Bauer"].reviewed == 1
    assert hits[0].person.name in ("Claudia Neumann", "Tobias Kern")  # owners rank first


def test_without_pages_the_same_people_rank_the_same_and_no_page_is_loaded(e_akte):
    def ranking(hits):
        return [(hit.person.name, hit.score) for hit in hits]

    full = experts_for("E-Akte", EVERYTHING)
    with CaptureQueriesContext(connection) as queries:
        names_only = experts_for("E-Akte", EVERYTHING, with_pages=False)
    assert ranking(names_only) == ranking(full)
    assert all(hit.pages == [] for hit in names_only)
    page_queries = [q["sql"] for q in queries if 'FROM "prozesse_registerentrypage"' in q["sql"]]
    assert page_queries and all('"summary"' not in sql for sql in page_queries)


def test_a_short_list_loads_only_the_people_it_shows(e_akte):
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance.pk)

    post_init.connect(count, sender=Person)
    try:
        hits = experts_for("E-Akte", EVERYTHING, limit=2)
    finally:
        post_init.disconnect(count, sender=Person)
    assert [hit.person.name for hit in hits] == [
        hit.person.name for hit in experts_for("E-Akte", EVERYTHING)[:2]
    ]
    assert sorted(loaded) == sorted(hit.person.pk for hit in hits)


def test_a_person_who_leaves_today_is_still_suggested(e_akte):
    e_akte["kern"].left_on = timezone.localdate()
    e_akte["kern"].save()
    assert "Tobias Kern" in {hit.person.name for hit in experts_for("E-Akte", EVERYTHING)}


def test_people_who_have_left_are_not_suggested(e_akte):
    e_akte["kern"].left_on = timezone.localdate() - datetime.timedelta(days=1)
    e_akte["kern"].save()
    assert "Tobias Kern" not in {hit.person.name for hit in experts_for("E-Akte", EVERYTHING)}


def test_the_expert_finder_page_lists_people_for_a_topic(staff_client, e_akte):
    html = staff_client.get(reverse("wissen:experts"), {"thema": "E-Akte"}).content.decode()
    assert "Personen, die sich mit „E-Akte“ auskennen" in html
    assert "Claudia Neumann" in html and "Tobias Kern" in html
    assert "Markus Wagner" not in html


def test_the_search_facet_shows_people_for_the_query(rf, e_akte):
    request = rf.get("/suche/")
    request.user = UserFactory()
    template = Template('{% include "knowledge/includes/expert_facet.html" %}')
    html = template.render(Context({"outcome": {"query": "E-Akte"}, "request": request}))
    assert "Personen zum Thema" in html
    assert "Claudia Neumann" in html and "(VG Diez)" in html
    assert reverse("wissen:person", args=[e_akte["neumann"].pk]) in html


def test_the_person_page_shows_what_they_own_deputise_edit_and_their_topics(staff_client):
    person = PersonFactory(name="Claudia Neumann", role="Fachbereichsleitung", user=UserFactory())
    owned = ProcessPageFactory(title="Posteingang E-Akte", content_owner=person)
    owned.tags.add("E-Akte")
    publish(owned)
    deputised = ProcessPageFactory(title="Urlaubsantrag")
    ProcessDeputy.objects.create(page=deputised, person=person)
    publish(deputised)
    edited = publish(ProcessPageFactory(title="Onboarding"))
    save_draft(edited, person.user, summary="Ergänzt").publish()

    html = staff_client.get(reverse("wissen:person", args=[person.pk])).content.decode()
    for expected in (
        "Claudia Neumann",
        "Fachbereichsleitung",
        "Posteingang E-Akte",
        "Urlaubsantrag",
        "Onboarding",
        "E-Akte",
    ):
        assert expected in html, expected
    assert "ausgeschieden" not in html
