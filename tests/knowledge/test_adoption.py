"""Übernahme across towns: linked draft copies, origin changes, peers on the process page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knowledge.adoption import adopt, take_over
from knowledge.comparison import compare
from knowledge.models import Adoption
from prozesse.models import ProcessDeputy, ProcessPage
from prozesse.roles.provisioning import provision_department_roles
from tests.builders import admin_user, publish
from tests.factories import (
    DepartmentPageFactory,
    FeedbackFactory,
    ITSystemFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
)

pytestmark = pytest.mark.django_db

SERVICE_KEY = "99050012104000"


def step(name, role="Poststelle", description=""):
    return ("step", {"name": name, "responsible_role": role, "description": description})


@pytest.fixture
def origin():
    diez = MunicipalityPageFactory(title="VG Diez")
    department = DepartmentPageFactory(parent=diez, title="Zentrale Dienste")
    page = ProcessPageFactory(
        parent=department,
        title="Posteingang E-Akte",
        service_key=SERVICE_KEY,
        share_intermunicipal=True,
        processing_minutes=3,
        content_owner=PersonFactory(name="Claudia Neumann", municipality=diez),
        steps=[step("Post öffnen"), step("Scannen"), step("Zuordnen"), step("Vernichten")],
    )
    ProcessDeputy.objects.create(page=page, person=PersonFactory(name="Stefan Brühl"))
    return publish(page)


@pytest.fixture
def kaisersesch():
    town = MunicipalityPageFactory(title="VG Kaisersesch")
    return provision_department_roles(DepartmentPageFactory(parent=town, title="Zentrale Dienste"))


@pytest.fixture
def adopter(kaisersesch):
    person = PersonFactory(
        name="Bernd Klein",
        email="klein@vg-beispiel.de",
        municipality=kaisersesch.department.get_parent().specific,
    )
    return admin_user(person, kaisersesch.editors)


def change_origin(origin, **fields):
    draft = ProcessPage.objects.get(pk=origin.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return ProcessPage.objects.get(pk=origin.pk)


def reworked_steps(origin):
    """The origin's steps with the third renamed, a new one after the second, the last gone."""
    raw = [dict(entry) for entry in origin.steps.raw_data]
    raw[2] = {**raw[2], "value": {**raw[2]["value"], "name": "Zuordnen mit KI-Vorschlag"}}
    raw.insert(2, {"type": "step", "value": {"name": "Dubletten erkennen"}})
    raw.pop()
    return raw


def test_adopting_creates_a_draft_copy_in_the_users_town_linked_to_the_origin_revision(
    origin, kaisersesch, adopter
):
    copy = adopt(origin, kaisersesch.department, adopter)

    assert not copy.live and copy.get_parent().pk == kaisersesch.department.pk
    assert copy.content_owner == adopter.person
    assert copy.status == "soll" and not copy.share_intermunicipal
    assert not ProcessDeputy.objects.filter(page=copy).exists()
    assert copy.register_key != origin.register_key
    adoption = Adoption.objects.get(copy=copy)
    assert (adoption.origin, adoption.origin_revision) == (origin, origin.live_revision)
    assert not adoption.origin_changed


def test_a_process_not_released_for_other_towns_cannot_be_adopted(origin, kaisersesch, adopter):
    ProcessPage.objects.filter(pk=origin.pk).update(share_intermunicipal=False)
    with pytest.raises(ValidationError) as error:
        adopt(ProcessPage.objects.get(pk=origin.pk), kaisersesch.department, adopter)
    assert error.value.messages == [
        "Dieser Prozess ist nicht zur Übernahme durch andere Kommunen freigegeben."
    ]


def test_a_town_adopts_a_process_only_once(origin, kaisersesch, adopter):
    adopt(origin, kaisersesch.department, adopter)
    with pytest.raises(ValidationError, match="hat diesen Prozess bereits übernommen"):
        adopt(origin, kaisersesch.department, adopter)


def test_adopting_through_the_admin_opens_the_draft_in_the_editor(
    client, origin, kaisersesch, adopter
):
    client.force_login(adopter)
    url = reverse("knowledge_adoptions:adopt", args=[origin.pk])
    assert "Zentrale Dienste" in client.get(url).content.decode()
    response = client.post(url, {"department": kaisersesch.department.pk})
    copy = Adoption.objects.get().copy
    assert response.url == reverse("wagtailadmin_pages:edit", args=[copy.pk])


def test_the_adopt_form_refuses_a_department_of_another_town_in_german(client, origin, adopter):
    client.force_login(adopter)
    foreign = DepartmentPageFactory(title="Fremder Fachbereich")
    response = client.post(
        reverse("knowledge_adoptions:adopt", args=[origin.pk]), {"department": foreign.pk}
    )
    assert "In diesen Fachbereich dürfen Sie keinen Prozess übernehmen." in (
        response.content.decode()
    )
    assert not Adoption.objects.exists()


def test_the_copy_shows_where_it_comes_from_and_the_origin_shows_who_adopted_it(
    staff_client, origin, kaisersesch, adopter
):
    copy = publish(adopt(origin, kaisersesch.department, adopter))
    copy_html = staff_client.get(copy.url).content.decode()
    assert "übernommen von" in copy_html and "VG Diez" in copy_html
    assert f"Stand {timezone.localtime(origin.live_revision.created_at):%d.%m.%Y}" in copy_html
    origin_html = staff_client.get(origin.url).content.decode()
    assert "übernommen von 1 Kommune" in origin_html and "VG Kaisersesch" in origin_html


def test_an_adopted_copy_reports_a_change_in_its_origin_with_the_step_level_difference(
    staff_client, origin, kaisersesch, adopter
):
    copy = publish(adopt(origin, kaisersesch.department, adopter))
    change_origin(origin, steps=reworked_steps(origin), processing_minutes=2)

    adoption = Adoption.objects.get(copy=copy)
    assert adoption.origin_changed
    assert "Original wurde geändert" in staff_client.get(copy.url).content.decode()
    comparison = compare(adoption)
    assert [(c.label, c.before, c.after) for c in comparison.fields] == [
        ("Bearbeitungszeit je Fall (Minuten)", "3", "2")
    ]
    assert [(s.change, s.name) for s in comparison.steps] == [
        ("unchanged", "Post öffnen"),
        ("unchanged", "Scannen"),
        ("added", "Dubletten erkennen"),
        ("changed", "Zuordnen mit KI-Vorschlag"),
        ("removed", "Vernichten"),
    ]
    changed = comparison.steps[3]
    assert (changed.before["name"], changed.changed_attributes) == ("Zuordnen", ["Schritt"])


def test_the_copy_owner_is_told_once_that_the_origin_changed(origin, kaisersesch, adopter):
    adopt(origin, kaisersesch.department, adopter)
    change_origin(origin, summary="Neu gefasst")
    change_origin(origin, summary="Nochmals neu gefasst")
    [message] = [m for m in mail.outbox if m.to == ["klein@vg-beispiel.de"]]
    assert message.subject == "Original geändert: „Posteingang E-Akte“ (VG Diez)"


def test_the_comparison_page_shows_origin_then_and_now(client, origin, kaisersesch, adopter):
    adopt(origin, kaisersesch.department, adopter)
    change_origin(origin, steps=reworked_steps(origin))
    client.force_login(adopter)
    html = client.get(reverse("knowledge_adoptions:compare", args=[Adoption.objects.get().pk]))
    html = html.content.decode()
    for expected in ("Original damals", "Original heute", "neu", "entfallen", "geändert"):
        assert expected in html
    assert "Zuordnen mit KI-Vorschlag" in html and "Dubletten erkennen" in html


def test_chosen_changes_become_a_new_draft_of_the_copy(origin, kaisersesch, adopter):
    copy = adopt(origin, kaisersesch.department, adopter)
    change_origin(origin, steps=reworked_steps(origin), processing_minutes=2, summary="Neu")
    adoption = Adoption.objects.get(copy=copy)
    renamed = next(s for s in compare(adoption).steps if s.change == "changed")
    added = next(s for s in compare(adoption).steps if s.change == "added")

    take_over(adoption, fields=["processing_minutes"], steps=[renamed.key, added.key], user=adopter)

    draft = ProcessPage.objects.get(pk=copy.pk).get_latest_revision_as_object()
    assert [b.value["name"] for b in draft.steps] == [
        "Post öffnen",
        "Scannen",
        "Dubletten erkennen",
        "Zuordnen mit KI-Vorschlag",
        "Vernichten",  # its removal was not chosen
    ]
    assert draft.processing_minutes == 2 and draft.summary != "Neu"
    assert not ProcessPage.objects.get(pk=copy.pk).live
    adoption.refresh_from_db()
    assert not adoption.origin_changed
    assert adoption.origin_revision == ProcessPage.objects.get(pk=origin.pk).live_revision


def test_taking_over_nothing_is_refused_in_german(client, origin, kaisersesch, adopter):
    adopt(origin, kaisersesch.department, adopter)
    change_origin(origin, summary="Neu")
    client.force_login(adopter)
    response = client.post(
        reverse("knowledge_adoptions:compare", args=[Adoption.objects.get().pk]),
        {"action": "uebernehmen"},
    )
    assert "Bitte wählen Sie mindestens eine Änderung aus" in response.content.decode()
    assert Adoption.objects.get().origin_changed


def test_a_new_owner_on_the_origin_is_no_change_for_its_copies(
    origin, kaisersesch, adopter, knowledge_manager
):
    from knowledge.handover import execute_handover, start_handover

    adopt(origin, kaisersesch.department, adopter)
    handover = start_handover(
        origin.content_owner,
        reason="ruhestand",
        last_working_day=timezone.localdate(origin.first_published_at),
        default_successor=PersonFactory(),
        user=knowledge_manager,
    )
    execute_handover(handover, knowledge_manager)
    assert not Adoption.objects.get().origin_changed


def test_the_process_page_shows_the_same_process_in_other_towns(staff_client, origin):
    montabaur = MunicipalityPageFactory(title="VG Montabaur")
    system = ITSystemFactory(name="d.velop documents")
    peer = ProcessPageFactory(
        parent=DepartmentPageFactory(parent=montabaur),
        title="Posteingang digital",
        service_key=SERVICE_KEY,
        maturity=3,
        content_owner=PersonFactory(name="Tobias Kern", phone="02602 126-0"),
    )
    peer.it_systems.add(system)
    peer.save()
    ProcessPageFactory(title="Anderer Prozess", service_key="99033001062000")
    html = staff_client.get(origin.url).content.decode()
    section = html[html.index("Dieser Prozess in anderen Kommunen") :]
    for expected in (
        "VG Montabaur",
        "Posteingang digital",
        "Tobias Kern",
        "02602 126-0",
        "3 – Online-Antrag",
        "d.velop documents",
        "Ist",
    ):
        assert expected in section, expected
    assert "Anderer Prozess" not in section


def process_page_queries(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_peers_adoptions_and_feedback_keep_the_process_page_query_count_constant(
    staff_client, origin, kaisersesch, adopter
):
    lonely = publish(
        ProcessPageFactory(
            parent=origin.get_parent(),
            service_key="99033001062000",
            content_owner=PersonFactory(),
            share_intermunicipal=True,
        )
    )
    ProcessPageFactory(service_key="99033001062000")
    for _ in range(4):
        peer = ProcessPageFactory(service_key=SERVICE_KEY)
        peer.it_systems.add(ITSystemFactory())
        peer.save()
        FeedbackFactory(page=origin, text="Gute Erfahrungen damit gemacht.")
    publish(adopt(origin, kaisersesch.department, adopter))
    process_page_queries(staff_client, lonely)  # warm caches
    assert process_page_queries(staff_client, origin) == process_page_queries(staff_client, lonely)


def test_only_other_towns_are_offered_the_adoption(client, origin, adopter):
    client.force_login(adopter)
    assert (
        reverse("knowledge_adoptions:adopt", args=[origin.pk])
        in client.get(origin.url).content.decode()
    )
    colleague = admin_user(PersonFactory(municipality=origin.municipality))
    client.force_login(colleague)
    assert reverse("knowledge_adoptions:adopt", args=[origin.pk]) not in (
        client.get(origin.url).content.decode()
    )
