"""XProzess 2.0 export of process pages (prozesse/importers/django_xprozess_export.py, the
command ``export_xprozess`` and the admin download): importing our own export into another
department gives the same page on everything the importer reads; the real FIM file survives
import and export with its FIM id, legal bases and model; only what the reader may see is
exported."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import PageViewRestriction

from demo.seed import seed_demo
from prozesse.formats.xprozess import read_xprozess
from prozesse.importers.django_xprozess import import_xprozess_file
from prozesse.importers.django_xprozess_export import export_message
from prozesse.models import MunicipalityPage, ProcessPage
from tests.builders import full_process
from tests.commands import run
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, UserFactory
from tests.shared_data import LAWS_DIR, XPROZESS_FILE, needs_real_data

pytestmark = pytest.mark.django_db


def _file_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def what_the_importer_reads(page: ProcessPage) -> dict:
    """Every field ``import_xprozess`` writes, in comparable form."""
    page = page.get_latest_revision_as_object()
    return {
        "title": page.title,
        "service_key": page.service_key,
        "summary": page.summary,
        "category": page.category,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "steps": [(block.value["name"], block.value["description"]) for block in page.steps],
        "legal_bases": [
            {
                key: (block.get("value") or {}).get(key) or None
                for key in ("law", "paragraph", "norm", "url")
            }
            for block in page.legal_bases.raw_data
        ],
        "bpmn": hashlib.sha256(_file_bytes(page.bpmn_file)).hexdigest() if page.bpmn_file else "",
        "outline": page.bpmn_outline,
        "attachments": [block.value.pk for block in page.attachments],
    }


def _other_department():
    town = MunicipalityPageFactory(title="Stadt Zielstadt", slug="zielstadt", code="ZIE")
    return DepartmentPageFactory(parent=town, title="Bürgerbüro", slug="bb", code="BB")


def test_our_own_export_imports_into_another_department_as_an_equal_page(admin_user):
    original = full_process(DepartmentPageFactory())
    target = _other_department()

    [result] = import_xprozess_file(export_message([original]), target, admin_user)

    copy = ProcessPage.objects.get(pk=result.page_id)
    assert copy.get_parent().pk == target.pk
    assert what_the_importer_reads(copy) == what_the_importer_reads(original)


def test_every_demo_process_survives_the_round_trip_town_by_town(admin_user):
    seed_demo()
    target = _other_department()
    towns = list(MunicipalityPage.objects.exclude(pk=target.get_parent().pk))
    compared = 0
    for town in towns:
        originals = list(ProcessPage.objects.live().descendant_of(town).order_by("path"))
        results = import_xprozess_file(export_message(originals), target, admin_user)
        assert len(results) == len(originals)
        for original, result in zip(originals, results, strict=True):
            copy = ProcessPage.objects.get(pk=result.page_id)
            assert what_the_importer_reads(copy) == what_the_importer_reads(original), (
                original.title
            )
            copy.delete()  # the next town may export the same service
            compared += 1
    assert compared == ProcessPage.objects.live().count() > 40


def test_importing_our_export_again_where_the_key_exists_makes_a_new_draft_not_a_duplicate(
    admin_user,
):
    original = full_process(DepartmentPageFactory())
    target = _other_department()
    import_xprozess_file(export_message([original]), target, admin_user)

    [again] = import_xprozess_file(export_message([original]), target, admin_user)

    assert again.status == "updated"
    assert ProcessPage.objects.child_of(target).count() == 1


@needs_real_data
def test_the_real_fim_file_keeps_its_fim_id_legal_bases_and_model_through_import_and_export(
    admin_user,
):
    run("import_laws", LAWS_DIR / "muschg_2018.md")
    department = _other_department()
    import_xprozess_file(XPROZESS_FILE.read_bytes(), department, admin_user, publish=True)
    page = ProcessPage.objects.get()
    original = read_xprozess(XPROZESS_FILE.read_bytes())[0]

    exported = read_xprozess(export_message([page]))[0]

    assert exported.fim_id == original.fim_id == "99006028261000"
    assert [(b.norm, b.url) for b in exported.legal_bases] == [
        ("§ 27 MuSchG", "https://www.gesetze-im-internet.de/muschg_2018/__27.html"),
        ("§ 29 MuSchG", "https://www.gesetze-im-internet.de/muschg_2018/__29.html"),
        ("§ 5 ArbSchG", "http://www.gesetze-im-internet.de/arbschg/__5.html"),
    ]
    assert [content for _name, content in exported.bpmn_files] == [
        content for _name, content in original.bpmn_files
    ]
    assert exported.name == original.name and exported.definition == original.definition


# ------------------------------------------------------------------ visibility
@pytest.fixture
def restricted_town():
    """A town with an open and a restricted process; the restriction names one group."""
    town = MunicipalityPageFactory(title="VG Diez", slug="diez", code="DIE")
    department = DepartmentPageFactory(parent=town, title="Bürgerbüro", slug="bb", code="BB")
    open_process = full_process(department)
    secret = full_process(department)
    secret.title = "Vertrauliche Prüfung"
    secret.save_revision().publish()
    insiders = Group.objects.create(name="Prüfer Diez")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([insiders])
    return town, department, open_process, ProcessPage.objects.get(pk=secret.pk), insiders


def _admin_client(user) -> Client:
    user.is_staff = True
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    return client


def _titles(data: bytes) -> set[str]:
    return {process.name for process in read_xprozess(data)}


def test_the_admin_download_of_a_department_holds_only_what_the_user_may_see(restricted_town):
    _town, department, _open, secret, insiders = restricted_town
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(insiders)
    url = f"/admin/xprozess/{department.pk}/"

    inside = _admin_client(insider).get(url)
    outside = _admin_client(outsider).get(url)

    assert inside["Content-Disposition"].startswith("attachment;")
    assert secret.title in _titles(inside.content)
    assert secret.title not in _titles(outside.content)
    assert "Gewerbeanmeldung" in _titles(outside.content)


def test_a_restricted_process_or_selection_is_refused_to_other_users(restricted_town):
    _town, _department, open_process, secret, _insiders = restricted_town
    outsider = _admin_client(UserFactory())
    assert outsider.get(f"/admin/xprozess/{secret.pk}/").status_code == 404
    assert (
        outsider.get(f"/admin/xprozess/?seite={secret.pk}&seite={open_process.pk}").status_code
        == 404
    )
    assert outsider.get(f"/admin/xprozess/?seite={open_process.pk}").status_code == 200


def test_the_command_exports_a_department_as_the_given_user_sees_it(restricted_town, tmp_path):
    _town, _department, _open, secret, _insiders = restricted_town
    UserFactory(username="aussen")
    target = tmp_path / "bb.xml"

    output = run("export_xprozess", target, department="diez/bb", user="aussen")

    assert "exportiert: 1 Prozesse" in output
    assert secret.title not in _titles(target.read_bytes())


def test_the_command_refuses_a_page_the_user_may_not_see(restricted_town, tmp_path):
    _town, _department, _open, secret, _insiders = restricted_town
    UserFactory(username="aussen")
    with pytest.raises(CommandError, match="sehen darf"):
        run("export_xprozess", tmp_path / "x.xml", page=[secret.pk], user="aussen")


def test_the_command_exports_a_whole_municipality(restricted_town, tmp_path, admin_user):
    town = restricted_town[0]
    target = tmp_path / "diez.xml"
    run("export_xprozess", target, municipality=town.slug, user=admin_user.username)
    assert (
        len(read_xprozess(target.read_bytes()))
        == ProcessPage.objects.live()
        .descendant_of(MunicipalityPage.objects.get(pk=town.pk))
        .count()
    )


def test_the_edit_view_of_a_process_offers_the_xprozess_download(admin_client, restricted_town):
    process = restricted_town[2]
    page = admin_client.get(f"/admin/pages/{process.pk}/edit/").content.decode()
    assert f'href="/admin/xprozess/{process.pk}/"' in page
    assert "Als XProzess exportieren" in page


def test_the_bulk_action_exports_the_chosen_processes_the_user_may_see(restricted_town):
    _town, department, open_process, secret, insiders = restricted_town
    url = (
        f"/admin/bulk/wagtailcore/page/xprozess_export/"
        f"?id={open_process.pk}&id={secret.pk}&id={department.pk}&next=/admin/"
    )
    insider, outsider = UserFactory(), UserFactory()
    insider.groups.add(insiders)

    inside = _admin_client(insider).post(url)
    outside = _admin_client(outsider).post(url)

    assert inside["Content-Disposition"].startswith("attachment;")
    assert _titles(inside.content) == {"Gewerbeanmeldung", secret.title}
    assert _titles(outside.content) == {"Gewerbeanmeldung"}


def test_the_bulk_action_with_nothing_exportable_is_refused(restricted_town):
    _town, department, _open, secret, _insiders = restricted_town
    url = f"/admin/bulk/wagtailcore/page/xprozess_export/?id={secret.pk}&id={department.pk}"
    assert _admin_client(UserFactory()).post(url).status_code == 404


def test_the_bulk_confirmation_does_not_name_a_restricted_process(restricted_town):
    _town, _department, open_process, secret, _insiders = restricted_town
    url = f"/admin/bulk/wagtailcore/page/xprozess_export/?id={open_process.pk}&id={secret.pk}"
    page = _admin_client(UserFactory()).get(url).content.decode()
    assert "Gewerbeanmeldung" in page
    assert secret.title not in page
