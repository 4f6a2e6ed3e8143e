"""Signing in by LDAP bind against the real slapd: roles from the mapping, the town, and the
faults a town's IT department expects to be handled."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from directory.models import DirectoryAccount
from prozesse.towns import acting_town_ids
from tests.directory.support import LDAP_SOURCE, PASSWORDS
from tests.factories.accounts import UserFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=None):
    return client.post(
        "/anmelden/",
        {"username": username, "password": password or PASSWORDS[username]},
        follow=True,
    )


def group_names(username):
    return {g.name for g in get_user_model().objects.get(username=username).groups.all()}


def test_a_directory_user_signs_in_with_the_directory_password_and_gets_the_mapped_roles(
    client, ldap_directory, towns
):
    response = sign_in(client, "anna.nord")

    assert response.context["user"].username == "anna.nord"
    assert group_names("anna.nord") == {
        "Redaktion Nordstadt – Bauamt",
        "Mitarbeitende Nordstadt",
        "Mitarbeitende",
    }
    account = DirectoryAccount.objects.get(user__username="anna.nord")
    assert account.source == LDAP_SOURCE and account.external_id


def test_a_town_b_user_holds_exactly_the_provisioned_groups_of_the_mapped_role(
    client, ldap_directory, towns
):
    sign_in(client, "eva.sued")

    user = get_user_model().objects.get(username="eva.sued")
    assert set(user.groups.all()) == {
        towns.groups["wissen_sued"],
        towns.groups["staff_sued"],
        Group.objects.get(name="Mitarbeitende"),
    }
    assert acting_town_ids(user) == {towns.south.pk}


def test_a_wrong_directory_password_is_refused(client, ldap_directory, towns):
    response = sign_in(client, "anna.nord", "falsch-falsch-falsch")

    assert not response.context["user"].is_authenticated
    assert not get_user_model().objects.filter(username="anna.nord").exists()


def test_an_unknown_group_gives_only_the_towns_staff_roles_and_is_logged(
    client, ldap_directory, towns, caplog
):
    with caplog.at_level(logging.WARNING, logger="directory"):
        sign_in(client, "clara.nord")

    assert group_names("clara.nord") == {"Mitarbeitende Nordstadt", "Mitarbeitende"}
    assert "nst-kantine" in caplog.text


def test_a_user_whose_town_cannot_be_determined_gets_no_role_and_a_clear_message(
    client, ldap_directory, towns
):
    response = sign_in(client, "gast.extern")

    assert group_names("gast.extern") == set()
    assert "keine Kommune hinterlegt" in response.content.decode()


def test_a_local_account_of_the_same_name_is_never_taken_over_by_the_directory(
    client, ldap_directory, towns
):
    local = UserFactory(username="anna.nord", is_superuser=True)

    response = sign_in(client, "anna.nord")

    assert not response.context["user"].is_authenticated
    assert not DirectoryAccount.objects.filter(user=local).exists()


def test_the_person_is_linked_by_e_mail_and_takes_contact_data_from_the_directory(
    client, ldap_directory, towns
):
    person = PersonFactory(name="A. Nord", email="anna.nord@nordstadt.test", phone="")

    sign_in(client, "anna.nord")

    person.refresh_from_db()
    assert person.user.username == "anna.nord"
    assert (person.name, person.phone) == ("Anna Nord", "0611 100-1")


def test_an_unreachable_directory_is_named_on_the_login_page_and_local_login_still_works(
    client, ldap_directory, towns, settings
):
    settings.DIRECTORY_LDAP = {"kreis": {**ldap_directory, "url": "ldap://127.0.0.1:9"}}
    UserFactory(username="lokal", password="Lokal-Passwort-2026!")

    refused = sign_in(client, "anna.nord")
    local = sign_in(client, "lokal", "Lokal-Passwort-2026!")

    assert "Kreisverwaltung ist gerade nicht erreichbar" in refused.content.decode()
    assert local.context["user"].username == "lokal"
