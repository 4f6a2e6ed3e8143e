"""'Überfällige Prüfungen': the knowledge managers' list of overdue reviews, its filters and its
actions (remind, confirm, reassign), each kept to the manager's town and the visibility rule."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from knowledge.overdue import REASSIGN_ACTION, REMIND_ACTION
from knowledge.revisions import set_review_dates
from prozesse.models import ProcessPage
from prozesse.roles.provisioning import (
    provision_department_roles,
    provision_global_roles,
    provision_municipality_roles,
)
from tests.builders import admin_user, publish
from tests.factories import (
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
)
from tests.knowledge.support import today

pytestmark = pytest.mark.django_db

INDEX = reverse("knowledge_overdue:index")


def overdue(page, days=10):
    set_review_dates(
        page, last_reviewed_at=None, next_review_date=today() - datetime.timedelta(days=days)
    )
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def towns():
    diez = MunicipalityPageFactory(title="VG Diez", code="DIE")
    montabaur = MunicipalityPageFactory(title="VG Montabaur", code="MON")
    return {
        "diez": provision_department_roles(DepartmentPageFactory(parent=diez, code="BB")),
        "montabaur": provision_department_roles(DepartmentPageFactory(parent=montabaur, code="OA")),
    }


def town_of(roles):
    return roles.department.get_parent().specific


@pytest.fixture
def diez_manager(towns):
    user = UserFactory(username="wissen-diez", first_name="Wiebke", last_name="Wolf")
    user.groups.add(provision_municipality_roles(town_of(towns["diez"])))
    return user


@pytest.fixture
def central_manager(towns):
    user = UserFactory(username="wissen-alle")
    user.groups.add(provision_global_roles()["wissen_alle"])
    return user


@pytest.fixture
def diez_owner(towns):
    return PersonFactory(
        name="Uwe Hartmann", email="uwe@diez.example", municipality=town_of(towns["diez"])
    )


@pytest.fixture
def diez_page(towns, diez_owner):
    return overdue(
        publish(
            ProcessPageFactory(
                parent=towns["diez"].department, title="Hundesteuer", content_owner=diez_owner
            )
        )
    )


@pytest.fixture
def montabaur_page(towns):
    owner = PersonFactory(name="Mona Berg", municipality=town_of(towns["montabaur"]))
    return overdue(
        publish(
            ProcessPageFactory(
                parent=towns["montabaur"].department, title="Gewerbeanmeldung", content_owner=owner
            )
        )
    )


def test_a_town_manager_sees_the_overdue_pages_of_their_town_only(
    client, diez_manager, diez_page, montabaur_page
):
    client.force_login(diez_manager)
    html = client.get(INDEX).content.decode()
    assert "Hundesteuer" in html and "Gewerbeanmeldung" not in html


def test_the_central_manager_sees_the_overdue_pages_of_every_town(
    client, central_manager, diez_page, montabaur_page
):
    client.force_login(central_manager)
    html = client.get(INDEX).content.decode()
    assert "Hundesteuer" in html and "Gewerbeanmeldung" in html


def test_the_list_holds_every_content_type_with_a_review_date(
    client, diez_manager, towns, diez_page
):
    overdue(publish(EmergencyScenarioPageFactory(parent=towns["diez"].department, title="Sturm")))
    client.force_login(diez_manager)
    html = client.get(INDEX).content.decode()
    assert "Sturm" in html and "Notfallszenario" in html


def test_a_page_not_yet_due_is_not_in_the_list(client, diez_manager, towns):
    publish(ProcessPageFactory(parent=towns["diez"].department, title="Meldebescheinigung"))
    client.force_login(diez_manager)
    assert "Meldebescheinigung" not in client.get(INDEX).content.decode()


def test_the_owner_filter_offers_no_one_from_another_towns_list(
    client, diez_manager, diez_page, montabaur_page
):
    client.force_login(diez_manager)
    html = client.get(INDEX).content.decode()
    assert "Uwe Hartmann (VG Diez)" in html and "Mona Berg" not in html


def test_the_owner_filter_narrows_the_list(client, central_manager, diez_page, montabaur_page):
    client.force_login(central_manager)
    html = client.get(INDEX, {"verantwortlich": diez_page.content_owner_id}).content.decode()
    assert "Hundesteuer" in html and "Gewerbeanmeldung" not in html


def test_the_town_filter_narrows_the_list(client, central_manager, diez_page, montabaur_page):
    client.force_login(central_manager)
    html = client.get(INDEX, {"kommune": montabaur_page.municipality_id}).content.decode()
    assert "Gewerbeanmeldung" in html and "Hundesteuer" not in html


def test_the_department_filter_names_each_department_with_its_town(
    client, central_manager, diez_page, montabaur_page
):
    client.force_login(central_manager)
    response = client.get(INDEX, {"fachbereich": diez_page.department_id})
    html = response.content.decode()
    assert f"{diez_page.department.title} (VG Diez)" in html
    assert "Gewerbeanmeldung" not in html.split("</form>")[-1]


def test_a_wrong_filter_value_answers_with_the_list_not_an_error(client, central_manager):
    client.force_login(central_manager)
    assert client.get(INDEX, {"kommune": "kein-ort"}).status_code == 200


def test_someone_without_knowledge_management_is_turned_away(client, diez_page, towns):
    client.force_login(admin_user(None, towns["diez"].editors))
    response = client.get(INDEX)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_dashboard_count_of_overdue_pages_opens_the_list(client, diez_manager, diez_page):
    client.force_login(diez_manager)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{INDEX}"' in html and "1 Seite mit überfälliger Prüfung" in html


# ---------------------------------------------------------------------------- remind


def remind_url(page):
    return reverse("knowledge_overdue:remind", args=[page.pk])


def test_reminding_mails_the_owner_and_records_it(client, diez_manager, diez_page):
    client.force_login(diez_manager)
    client.post(remind_url(diez_page))
    assert [m.to for m in mail.outbox] == [["uwe@diez.example"]]
    assert mail.outbox[0].subject == "Prüfung überfällig: „Hundesteuer“"
    assert PageLogEntry.objects.filter(page=diez_page, action=REMIND_ACTION).exists()


def test_a_second_reminder_on_the_same_day_is_not_sent(client, diez_manager, diez_page):
    client.force_login(diez_manager)
    client.post(remind_url(diez_page))
    response = client.post(remind_url(diez_page), follow=True)
    assert len(mail.outbox) == 1
    assert "heute schon erinnert" in response.content.decode()


def test_reminding_about_a_page_of_another_town_is_not_found(client, diez_manager, montabaur_page):
    client.force_login(diez_manager)
    assert client.post(remind_url(montabaur_page)).status_code == 404
    assert mail.outbox == []


def test_reminding_needs_a_post(client, diez_manager, diez_page):
    client.force_login(diez_manager)
    assert client.get(remind_url(diez_page)).status_code == 405


def test_an_editor_cannot_remind(client, towns, diez_page):
    client.force_login(admin_user(None, towns["diez"].editors))
    client.post(remind_url(diez_page))
    assert mail.outbox == []


# ---------------------------------------------------------------------------- confirm


def test_confirming_from_the_list_sets_the_next_review_date_and_returns_to_the_list(
    client, diez_manager, diez_page
):
    client.force_login(diez_manager)
    confirm = reverse("knowledge_reviews:confirm", args=[diez_page.pk])
    response = client.post(f"{confirm}?next={INDEX}", {"note": "", "next": INDEX})
    assert response.url == INDEX
    assert ProcessPage.objects.get(pk=diez_page.pk).last_reviewed_at == today()
    assert '/edit/">Hundesteuer' not in client.get(INDEX).content.decode()


def test_a_town_manager_cannot_confirm_a_page_of_another_town(client, diez_manager, montabaur_page):
    client.force_login(diez_manager)
    client.post(reverse("knowledge_reviews:confirm", args=[montabaur_page.pk]))
    assert ProcessPage.objects.get(pk=montabaur_page.pk).last_reviewed_at is None


# ---------------------------------------------------------------------------- reassign


def reassign_url(page):
    return reverse("knowledge_overdue:reassign", args=[page.pk])


def test_reassigning_proposes_the_new_owner_through_the_department_workflow(
    client, diez_manager, diez_page, towns
):
    successor = PersonFactory(name="Sara Neu", municipality=town_of(towns["diez"]))
    client.force_login(diez_manager)
    response = client.post(reassign_url(diez_page), {"person": successor.pk})
    assert response.status_code == 302
    page = ProcessPage.objects.get(pk=diez_page.pk)
    assert page.get_latest_revision_as_object().content_owner_id == successor.pk
    assert page.content_owner_id == diez_page.content_owner_id  # live after approval only
    assert page.current_workflow_state is not None
    assert PageLogEntry.objects.filter(page=page, action=REASSIGN_ACTION).exists()


def test_the_new_owner_is_offered_only_from_the_pages_town_and_not_left(
    client, diez_manager, diez_page, towns
):
    PersonFactory(
        name="Gerda Gegangen",
        municipality=town_of(towns["diez"]),
        left_on=today() - datetime.timedelta(days=3),
    )
    PersonFactory(name="Otto Anderswo", municipality=town_of(towns["montabaur"]))
    PersonFactory(name="Sara Neu", municipality=town_of(towns["diez"]))
    client.force_login(diez_manager)
    html = client.get(reassign_url(diez_page)).content.decode()
    assert "Sara Neu" in html
    assert "Gerda Gegangen" not in html and "Otto Anderswo" not in html


def test_a_person_who_left_is_refused_with_a_german_message(client, diez_manager, diez_page, towns):
    gone = PersonFactory(
        municipality=town_of(towns["diez"]), left_on=today() - datetime.timedelta(days=3)
    )
    client.force_login(diez_manager)
    response = client.post(reassign_url(diez_page), {"person": gone.pk})
    assert response.status_code == 200
    assert "kann die Seite nicht übernehmen" in response.content.decode()
    assert ProcessPage.objects.get(pk=diez_page.pk).current_workflow_state is None


def test_reassigning_a_page_of_another_town_is_not_found(
    client, diez_manager, montabaur_page, towns
):
    client.force_login(diez_manager)
    person = PersonFactory(municipality=town_of(towns["montabaur"]))
    assert client.post(reassign_url(montabaur_page), {"person": person.pk}).status_code == 404
