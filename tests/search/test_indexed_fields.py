"""Everything that carries meaning is findable in the live search engine, and the filter
fields work across page types."""

from __future__ import annotations

import pytest

from prozesse.models import ProcessDeputy, ProcessPage, RegisterEntryPage
from tests.builders import full_process
from tests.factories import (
    DepartmentPageFactory,
    EmergencyScenarioPageFactory,
    PersonFactory,
    ProcessPageFactory,
)


@pytest.fixture
def process(search_backend):
    department = DepartmentPageFactory(title="Bürgerbüro")
    page = full_process(department)
    ProcessDeputy.objects.create(page=page, person=PersonFactory(name="Waltraud Oberhuber"))
    page.save_revision().publish()
    page.tags.add("Gewerbeamt")
    page.save_revision().publish()
    search_backend.refresh_indexes()
    return page


def search_ids(backend, query: str, queryset=None) -> set[int]:
    queryset = queryset if queryset is not None else RegisterEntryPage.objects.live()
    return {page.pk for page in backend.search(query, queryset)}


@pytest.mark.parametrize(
    "query",
    [
        "Rechnung buchen",  # a BPMN task
        "Buchhaltung",  # a BPMN lane
        "GewO",  # a legal-basis norm
        "Oberhuber",  # a deputy
        "Krämer",  # the process owner
        "Gewerbeamt",  # a tag
        "Plausibilität",  # step description
        "Gewerbeschein",  # outcome
        "99050012104000",  # LeiKa key
        "Bürgerbüro",  # the department
    ],
)
def test_the_process_is_found_by_a_meaningful_field(search_backend, process, query):
    assert process.pk in search_ids(search_backend, query)


def test_the_register_key_finds_the_process(search_backend, process):
    assert process.pk in search_ids(search_backend, process.register_key)


def test_filters_on_municipality_and_department_work_across_types(search_backend):
    department = DepartmentPageFactory()
    other = DepartmentPageFactory()
    mine = ProcessPageFactory(parent=department, title="Hundesteuer anmelden")
    scenario = EmergencyScenarioPageFactory(
        parent=department, title="Ausfall Hundesteuer-Verfahren"
    )
    ProcessPageFactory(parent=other, title="Hundesteuer abmelden")
    search_backend.refresh_indexes()
    live = RegisterEntryPage.objects.live()
    assert search_ids(
        search_backend, "Hundesteuer", live.filter(municipality=mine.municipality)
    ) == {
        mine.pk,
        scenario.pk,
    }
    assert search_ids(search_backend, "Hundesteuer", live.filter(department=department)) == {
        mine.pk,
        scenario.pk,
    }


def test_filters_on_type_status_and_category_work(search_backend):
    department = DepartmentPageFactory()
    target = ProcessPageFactory(
        parent=department, title="Kita-Platzvergabe", status="soll", category="kern"
    )
    ProcessPageFactory(parent=department, title="Kita-Platzvergabe alt", status="archiviert")
    EmergencyScenarioPageFactory(parent=department, title="Kita-Platzvergabe im Notfall")
    search_backend.refresh_indexes()
    processes = ProcessPage.objects.live()
    assert search_ids(search_backend, "Kita", processes.filter(status="soll", category="kern")) == {
        target.pk
    }
    assert search_ids(
        search_backend, "Kita", RegisterEntryPage.objects.live().filter(register_status="soll")
    ) == {target.pk}
