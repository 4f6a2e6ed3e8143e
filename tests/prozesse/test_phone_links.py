"""Phone numbers are tel: links wherever a page shows one (prozesse/contact.py)."""

from __future__ import annotations

import pytest

from prozesse.contact import tel_href
from prozesse.templatetags.contact_tags import tel_link
from tests.builders import full_process, scenario_hitting
from tests.factories import DepartmentPageFactory


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("06432 501-200", "tel:+496432501200"),
        ("+49 (0) 6432 501", "tel:+496432501"),
        ("0049 6432 501", "tel:+496432501"),
        ("Durchwahl 200", "tel:200"),
        ("keine", ""),
        ("", ""),
    ],
)
def test_a_number_as_people_write_it_becomes_a_tel_address(written, href):
    assert tel_href(written) == href


def test_the_link_keeps_the_number_as_written_and_never_wraps():
    assert tel_link("06432 501-200") == (
        '<a class="tel" href="tel:+496432501200">06432 501-200</a>'
    )


def test_text_without_digits_stays_text():
    assert tel_link("über die Leitstelle") == "über die Leitstelle"


@pytest.mark.django_db
def test_the_process_page_links_the_owners_number(staff_client):
    process = full_process(DepartmentPageFactory())
    owner = process.content_owner
    owner.phone = "06432 501-120"
    owner.save()

    html = staff_client.get(process.url).content.decode()

    assert 'href="tel:+496432501120"' in html


@pytest.mark.django_db
def test_the_alarm_chain_links_every_number(staff_client):
    department = DepartmentPageFactory()
    scenario = scenario_hitting(department, [])

    html = staff_client.get(scenario.url).content.decode()
    chain = html[html.index('id="alarmierungskette-') :]

    assert 'href="tel:+491701234567"' in chain
