"""``PageUrls`` answers what Wagtail's ``Page.get_url(request)`` answers, from the url_path
alone: local URLs on one site, the other site's full URL where there are two, nothing for a
page outside every site."""

from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from intranet.page_urls import PageUrls
from tests.factories import DepartmentPageFactory, MunicipalityPageFactory, ProcessPageFactory


@pytest.fixture
def towns(db):
    diez = MunicipalityPageFactory(slug="diez")
    montabaur = MunicipalityPageFactory(slug="montabaur")
    buergerbuero = DepartmentPageFactory(parent=diez, slug="bürgerbüro")
    return [
        diez,
        buergerbuero,
        ProcessPageFactory(parent=buergerbuero, slug="gewerbe-anmeldung"),
        montabaur,
        ProcessPageFactory(parent=DepartmentPageFactory(parent=montabaur)),
    ]


def urls_as_wagtail_gives_them(pages, request) -> list[str]:
    return [page.get_url(request) or "" for page in pages]


def test_one_site_gives_the_local_urls_get_url_gives(towns, rf):
    request = rf.get("/suche/")
    urls = PageUrls(request)
    assert [urls(page.url_path) for page in towns] == urls_as_wagtail_gives_them(towns, request)
    assert urls(towns[1].url_path) == "/diez/b%C3%BCrgerb%C3%BCro/"


def test_without_a_request_the_urls_are_the_same(towns):
    urls = PageUrls()
    assert [urls(page.url_path) for page in towns] == urls_as_wagtail_gives_them(towns, None)


@pytest.mark.parametrize("host", ["localhost", "diez.example"])
def test_with_two_sites_each_request_gets_what_get_url_gives(towns, rf, host):
    Site.objects.create(hostname="diez.example", port=80, root_page=towns[0])
    request = rf.get("/suche/", HTTP_HOST=host)
    urls = PageUrls(request)
    assert [urls(page.url_path) for page in towns] == urls_as_wagtail_gives_them(towns, request)


def test_a_page_outside_every_site_has_no_url(db, rf):
    outside = Page.get_first_root_node().add_child(instance=Page(title="Außerhalb", slug="aus"))
    assert PageUrls(rf.get("/"))(outside.url_path) == ""
