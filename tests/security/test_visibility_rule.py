"""The one visibility rule (prozesse.visibility): a page restricted to groups or a shared password
is absent for readers outside it — in listings, related lists, counts, mails, adoption, files and
choosers — and present for those inside it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import GroupPagePermission, PageViewRestriction

from knowledge.adoption import adopt
from knowledge.feedback import leave_feedback
from knowledge.health import health_report
from prozesse.models import (
    DecisionAffectedPage,
    ProcessPage,
    RegisterPage,
    RelatedProcess,
    ScenarioProcess,
)
from prozesse.visibility import Visibility, visibility_for
from tests.builders import restrict_to
from tests.factories import (
    DecisionPageFactory,
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    MunicipalityPageFactory,
    PersonFactory,
    ProcessPageFactory,
    UserFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

SECRET = "Zitronenfalter"


@pytest.fixture
def town():
    municipality = MunicipalityPageFactory(title="VG Diez", code="DIE")
    department = DepartmentPageFactory(parent=municipality, title="Bürgerbüro", code="BB")
    return municipality, department


@pytest.fixture
def insiders():
    return Group.objects.create(name="Mitarbeitende VG Diez")


@pytest.fixture
def secret(town, insiders):
    _municipality, department = town
    page = ProcessPageFactory(
        parent=department,
        title=f"Projekt {SECRET}",
        summary=f"Vertraulich: {SECRET}",
        service_key="99050012104000",
    )
    restrict_to(page, insiders)
    return page


@pytest.fixture
def outsider_client():
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.fixture
def insider_client(insiders):
    user = UserFactory()
    user.groups.add(insiders)
    client = Client()
    client.force_login(user)
    return client


def text_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_restricted_page_is_absent_from_home_town_and_department_pages(
    outsider_client, town, secret
):
    municipality, department = town
    for url in ("/", municipality.url, department.url):
        assert SECRET not in text_of(outsider_client, url), url


def test_a_restricted_page_is_listed_for_members_of_its_group(insider_client, town, secret):
    municipality, department = town
    for url in ("/", municipality.url, department.url):
        assert SECRET in text_of(insider_client, url), url


def test_a_restricted_page_answers_not_found_to_a_signed_in_reader_outside_its_groups(
    outsider_client, secret
):
    assert outsider_client.get(secret.url).status_code == 404


def test_the_register_table_and_its_department_choices_leave_restricted_pages_out(
    outsider_client, insider_client, town, insiders
):
    municipality, _department = town
    hidden_department = DepartmentPageFactory(
        parent=municipality, title=f"Stab {SECRET}", code="ST"
    )
    restrict_to(hidden_department, insiders)
    ProcessPageFactory(parent=hidden_department, title="Lagebild erstellen")
    register = home_page().add_child(instance=RegisterPage(title="Register", slug="register"))
    assert "Lagebild" not in text_of(outsider_client, register.url)
    assert SECRET not in text_of(outsider_client, register.url)
    assert "Lagebild" in text_of(insider_client, register.url)


def test_related_processes_scenarios_and_peers_leave_restricted_pages_out(
    outsider_client, town, secret
):
    _municipality, department = town
    other_town = DepartmentPageFactory(
        parent=MunicipalityPageFactory(title="VG Montabaur", code="MON"), code="BB"
    )
    visible = ProcessPageFactory(parent=other_town, title="Gewerbe", service_key=secret.service_key)
    RelatedProcess.objects.create(page=visible, process=secret)
    scenario = EmergencyScenarioPageFactory(parent=department, title=f"Ausfall {SECRET}")
    restrict_to(scenario, *secret.get_view_restrictions().first().groups.all())
    ScenarioProcess.objects.create(page=scenario, process=visible)
    assert SECRET not in text_of(outsider_client, visible.url)


def test_a_decision_does_not_name_restricted_pages_it_changes(outsider_client, secret):
    decision = DecisionPageFactory(title="Einführung E-Akte")
    DecisionAffectedPage.objects.create(page=decision, target=secret)
    assert SECRET not in text_of(outsider_client, decision.url)


def test_the_emergency_handbook_leaves_restricted_scenarios_and_processes_out(
    outsider_client, insider_client, town, secret, insiders
):
    municipality, department = town
    open_scenario = EmergencyScenarioPageFactory(parent=department, title="Stromausfall")
    ScenarioProcess.objects.create(page=open_scenario, process=secret)
    hidden_scenario = EmergencyScenarioPageFactory(parent=department, title=f"Lage {SECRET}")
    restrict_to(hidden_scenario, insiders)
    handbook = municipality.url + "notfallhandbuch/"
    html = text_of(outsider_client, handbook)
    assert "Stromausfall" in html and SECRET not in html
    assert SECRET in text_of(insider_client, handbook)


def test_the_expert_finder_cannot_be_used_to_probe_restricted_text(outsider_client, secret):
    secret.content_owner = PersonFactory(name="Gisela Geheim")
    secret.save_revision().publish()
    html = text_of(outsider_client, reverse("wissen:experts"), thema=SECRET)
    assert "Gisela Geheim" not in html


def test_a_person_page_does_not_list_restricted_pages_they_own(outsider_client, secret):
    owner = PersonFactory(name="Gisela Geheim")
    secret.content_owner = owner
    secret.save_revision().publish()
    html = text_of(outsider_client, reverse("wissen:person", args=[owner.pk]))
    assert "Gisela Geheim" in html and SECRET not in html


def test_health_figures_count_only_visible_pages_and_say_how_many_are_left_out(
    town, secret, insiders
):
    _municipality, department = town
    ProcessPageFactory(parent=department, title="Meldebescheinigung")
    outsider = UserFactory()
    report = health_report(visibility_for(outsider))
    assert report.total.processes == 1
    assert report.not_shown == 1
    insider = UserFactory()
    insider.groups.add(insiders)
    assert health_report(visibility_for(insider)).total.processes == 2


def test_a_feedback_mail_goes_only_to_contacts_who_may_see_the_page(secret):
    owner = PersonFactory(name="Gisela Geheim", email="gisela@vg-diez.de", user=UserFactory())
    secret.content_owner = owner
    secret.save_revision().publish()
    insider = UserFactory()
    insider.groups.add(*secret.get_view_restrictions().first().groups.all())
    mail.outbox.clear()
    leave_feedback(secret, insider, kind="kommentar", title="", text="Bitte ergänzen")
    assert mail.outbox == []
    owner.user.groups.add(*secret.get_view_restrictions().first().groups.all())
    leave_feedback(secret, insider, kind="kommentar", title="", text="Bitte ergänzen")
    assert [message.to for message in mail.outbox] == [["gisela@vg-diez.de"]]


def test_feedback_on_a_page_the_reader_may_not_see_is_refused(outsider_client, secret):
    response = outsider_client.post(
        reverse("wissen:feedback", args=[secret.pk]), {"kind": "hint", "text": "Hallo"}
    )
    assert response.status_code == 404


def test_a_restricted_process_cannot_be_adopted_by_someone_who_may_not_see_it(secret):
    from django.core.exceptions import ValidationError

    secret.share_intermunicipal = True
    secret.save_revision().publish()
    target = DepartmentPageFactory(
        parent=MunicipalityPageFactory(title="VG Montabaur", code="MON"), code="BB"
    )
    with pytest.raises(ValidationError):
        adopt(ProcessPage.objects.get(pk=secret.pk), target, UserFactory(), check_permissions=False)


def test_an_adopted_copy_keeps_the_restriction_of_its_original(secret, insiders):
    secret.share_intermunicipal = True
    secret.save_revision().publish()
    target = DepartmentPageFactory(
        parent=MunicipalityPageFactory(title="VG Montabaur", code="MON"), code="BB"
    )
    insider = UserFactory()
    insider.groups.add(insiders)
    copy = adopt(ProcessPage.objects.get(pk=secret.pk), target, insider, check_permissions=False)
    restrictions = list(copy.get_view_restrictions())
    assert [r.restriction_type for r in restrictions] == [PageViewRestriction.GROUPS]
    assert list(restrictions[0].groups.all()) == [insiders]


def test_a_document_used_only_by_a_restricted_page_is_not_served_to_others(
    outsider_client, insider_client, secret
):
    document = Document.objects.create(
        title="Anlage", file=ContentFile(b"%PDF-1.4 vertraulich", name="anlage.pdf")
    )
    page = ProcessPage.objects.get(pk=secret.pk)
    page.attachments = [("document", document)]
    page.save_revision().publish()
    url = document.url
    assert outsider_client.get(url).status_code == 404
    assert insider_client.get(url).status_code == 200


def test_the_page_chooser_offers_no_page_the_editor_may_not_see(client, secret):
    other_department = DepartmentPageFactory(
        parent=MunicipalityPageFactory(title="VG Montabaur", code="MON"), code="BB"
    )
    editors = Group.objects.create(name="Redaktion VG Montabaur – Bürgerbüro")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=other_department,
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)
    html = text_of(client, reverse("wagtailadmin_choose_page_search"), q=SECRET)
    assert SECRET not in html


def test_a_password_restriction_hides_the_page_until_the_password_was_entered(
    outsider_client, town
):
    _municipality, department = town
    page = ProcessPageFactory(parent=department, title=f"Kasse {SECRET}")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="Kassenprüfung"
    )
    assert SECRET not in text_of(outsider_client, department.url)
    session = outsider_client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert SECRET in text_of(outsider_client, department.url)


def test_rights_inside_a_hidden_subtree_keep_that_part_visible_in_the_admin_flavour():
    visibility = Visibility(hidden_paths=("00010002",), allowed_paths=("000100020003",))
    assert not visibility.allows_path("00010002")
    assert not visibility.allows_path("000100020004")
    assert visibility.allows_path("0001000200030001")
    assert visibility.allows_path("00010003")
