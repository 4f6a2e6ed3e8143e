"""The impact analysis in the process form: a part of the page, validated in German, and the
source of the process's criticality and recovery time."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from continuity.models import ImpactAnalysis, ProcessDependency
from prozesse.models import ProcessPage
from tests.admin_forms import admin_form, edit_url, opened_now
from tests.builders import publish
from tests.factories import ITSystemFactory, PersonFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


def bia_fields(rto: int | str, **rows: list[int]) -> dict:
    """The rating grid (one select per category and window) and RTO of a new analysis."""
    data = {
        "impact_analysis-TOTAL_FORMS": "1",
        "impact_analysis-0-id": "",
        "impact_analysis-0-rto_hours": str(rto),
        "impact_analysis-0-rpo_hours": "24",
        "impact_analysis-0-note": "",
    }
    for key, values in rows.items():
        for index, value in enumerate(values):
            data[f"impact_analysis-0-ratings-{key}-{index}"] = str(value)
    return data


@pytest.fixture
def process(db):
    return publish(ProcessPageFactory(title="Wohnsitzanmeldung", case_volume=9000))


def post(client, page, **changes):
    data = opened_now(admin_form(client, edit_url(page), **changes), page)
    return client.post(edit_url(page), data)


def test_the_edit_form_shows_the_rating_grid_prefilled_from_the_case_volume(
    admin_user_client, process
):
    html = admin_user_client.get(edit_url(process)).content.decode()
    assert "Folgenabschätzung (BIA)" in html
    assert 'aria-label="Aufgabenerfüllung, 3 Tage"' in html
    assert "Fallzahl 9.000 pro Jahr" in html


def test_an_rto_longer_than_the_tolerable_downtime_is_refused_in_german(admin_user_client, process):
    # "Aufgabenerfüllung" reaches "hoch" after one day: tolerable are 24 hours, not 48.
    response = post(
        admin_user_client,
        process,
        **bia_fields(48, aufgabe=[1, 3, 3, 4, 4]),
        **{"action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert "länger als die maximal tolerierbare Ausfallzeit (1 Tag)" in response.content.decode()
    assert not ImpactAnalysis.objects.exists()


def test_a_published_analysis_sets_criticality_and_recovery_time_of_the_process(
    admin_user_client, process
):
    response = post(
        admin_user_client,
        process,
        **bia_fields(48, aufgabe=[0, 1, 3, 4, 4]),
        **{"action-publish": "action-publish"},
    )
    assert response.status_code == 302
    page = ProcessPage.objects.get(pk=process.pk)
    # "hoch" first reached after 3 days → criticality "hoch"; RTO from the analysis.
    assert (page.criticality, page.rto_hours) == ("hoch", 48)
    assert ImpactAnalysis.objects.get(page=page).rpo_hours == 24


def test_a_saved_draft_keeps_the_analysis_in_the_revision_until_approval(
    admin_user_client, process
):
    response = post(admin_user_client, process, **bia_fields(4, leben=[3, 4, 4, 4, 4]))
    assert response.status_code == 302
    assert not ImpactAnalysis.objects.filter(page=process).exists()
    draft = ProcessPage.objects.get(pk=process.pk).get_latest_revision_as_object()
    assert [a.rto_hours for a in draft.impact_analysis.all()] == [4]


def test_a_rating_that_falls_with_a_longer_outage_is_refused():
    analysis = ImpactAnalysis(
        page=ProcessPageFactory(), ratings={"finanzen": [3, 2, 3, 3, 3]}, rto_hours=4
    )
    with pytest.raises(ValidationError) as error:
        analysis.full_clean()
    assert "Finanzen" in str(error.value.message_dict["ratings"])


def test_a_dependency_names_exactly_one_thing():
    dependency = ProcessDependency(
        page=ProcessPageFactory(), it_system=ITSystemFactory(), person=PersonFactory()
    )
    with pytest.raises(ValidationError) as error:
        dependency.full_clean()
    assert "Bitte genau eines auswählen" in str(error.value)
