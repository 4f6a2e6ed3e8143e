"""``manage.py sync_directory`` and leavers against the real slapd: group changes become role
changes, a second run changes nothing, a disabled entry locks the account, ends its sessions
and drafts a handover – nothing is reassigned without a person confirming."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from knowledge.models import Handover, HandoverStatus, ItemKind
from tests.directory.support import PASSWORDS, group_dn, set_attribute, user_dn
from tests.factories.pages import ProcessPageFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username):
    return client.post(
        "/anmelden/", {"username": username, "password": PASSWORDS[username]}, follow=True
    )


def sync(*args) -> str:
    out = StringIO()
    call_command("sync_directory", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def restore_directory():
    """Directory changes a test makes are undone afterwards (the slapd outlives the test)."""
    undo: list[tuple[str, str, list[str] | None]] = []
    yield undo
    for dn, attribute, values in reversed(undo):
        set_attribute(dn, attribute, values)


def enable(uid, restore_directory, active=True):
    restore_directory.append(
        (user_dn(uid), "employeeType", ["deaktiviert"] if uid == "dieter.nord" else None)
    )
    set_attribute(user_dn(uid), "employeeType", None if active else ["deaktiviert"])


def test_sync_turns_a_new_directory_group_into_a_role_and_a_second_run_changes_nothing(
    client, ldap_directory, towns, restore_directory
):
    sign_in(client, "anna.nord")
    members = [user_dn("bernd.nord"), user_dn("dieter.nord"), user_dn("anna.nord")]
    restore_directory.append((group_dn("nst-freigabe-bauamt"), "member", members[:2]))
    set_attribute(group_dn("nst-freigabe-bauamt"), "member", members)

    first = sync()
    second = sync()

    assert "anna.nord: Rolle „Freigabe Nordstadt – Bauamt“ hinzugefügt" in first
    assert "0 Änderungen" in second
    assert "Rolle" not in second


def test_sync_dry_run_prints_the_change_and_changes_nothing(
    client, ldap_directory, towns, restore_directory
):
    sign_in(client, "anna.nord")
    restore_directory.append((group_dn("nst-redaktion-bauamt"), "member", [user_dn("anna.nord")]))
    set_attribute(group_dn("nst-redaktion-bauamt"), "member", [user_dn("bernd.nord")])

    output = sync("--dry-run")

    assert "(Probelauf) anna.nord: Rolle „Redaktion Nordstadt – Bauamt“ entzogen" in output
    user = get_user_model().objects.get(username="anna.nord")
    assert user.groups.filter(name="Redaktion Nordstadt – Bauamt").exists()


def test_sync_never_touches_a_group_the_mapping_does_not_manage(client, ldap_directory, towns):
    sign_in(client, "clara.nord")
    user = get_user_model().objects.get(username="clara.nord")
    project = Group.objects.create(name="Projektgruppe Digitalisierung")
    user.groups.add(project)

    sync()

    assert user.groups.filter(pk=project.pk).exists()


def test_a_user_disabled_since_the_last_sign_in_is_locked_with_sessions_ended_by_the_sync(
    client, ldap_directory, towns, restore_directory
):
    sign_in(client, "bernd.nord")
    enable("bernd.nord", restore_directory, active=False)

    output = sync()

    user = get_user_model().objects.get(username="bernd.nord")
    assert not user.is_active
    assert "bernd.nord: im Verzeichnis deaktiviert – Konto gesperrt" in output
    assert "1 Sitzung(en) beendet" in output
    assert client.get("/").status_code == 302


def test_a_disabled_user_is_refused_at_sign_in_and_a_handover_is_drafted_for_their_town(
    client, ldap_directory, towns, restore_directory
):
    enable("dieter.nord", restore_directory)
    sign_in(client, "dieter.nord")
    client.logout()
    person = PersonFactory(name="Dieter Nord", municipality=towns.north)
    person.user = get_user_model().objects.get(username="dieter.nord")
    person.save()
    process = ProcessPageFactory(parent=towns.north_building, content_owner=person)
    set_attribute(user_dn("dieter.nord"), "employeeType", ["deaktiviert"])

    response = sign_in(client, "dieter.nord")

    assert not response.context["user"].is_authenticated
    assert not get_user_model().objects.get(username="dieter.nord").is_active
    handover = Handover.objects.get(person=person)
    assert handover.status == HandoverStatus.OPEN
    assert handover.started_by is None
    item = handover.items.get()
    assert (item.kind, item.page_id, item.done_at) == (ItemKind.OWNER, process.pk, None)
    person.refresh_from_db()
    assert person.left_on is None


def test_a_second_sync_of_a_leaver_drafts_no_second_handover(
    client, ldap_directory, towns, restore_directory
):
    sign_in(client, "frank.sued")
    person = PersonFactory(name="Frank Süd", email="frank.sued@suedheim.test")
    person.user = get_user_model().objects.get(username="frank.sued")
    person.save()
    enable("frank.sued", restore_directory, active=False)

    sync()
    second = sync()

    assert Handover.objects.filter(person=person).count() == 1
    assert "0 Änderungen" in second
