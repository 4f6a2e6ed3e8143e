"""The processes a scenario hits follow from what it knocks out, through the dependencies, plus
the hand-picked ones – on the scenario page and in the handbook, only those the reader may see."""

from __future__ import annotations

from prozesse.selectors import handbook_context
from prozesse.visibility import visibility_for


def titles(scenario) -> list[str]:
    return [page.title for page in scenario.critical_processes]


def test_the_scenario_hits_the_systems_users_and_their_dependants_most_urgent_first(world, staff):
    (scenario,) = handbook_context(world.town, visibility_for(staff))["scenarios"]
    # Notruf: hand-picked, RTO 4. Pässe and Meldewesen: both back after 72 h (the system);
    # Pässe's own RTO (8) is shorter than Meldewesen's (24), so it comes first.
    assert titles(scenario) == ["Notruf", "Pässe", "Meldewesen"]


def test_the_effective_recovery_time_and_the_reason_are_given(world, staff):
    (scenario,) = handbook_context(world.town, visibility_for(staff))["scenarios"]
    reasons = {
        page.title: (page.continuity_reason, page.continuity_effective_hours)
        for page in scenario.critical_processes
    }
    assert reasons == {
        "Notruf": ("ausgewaehlt", 4),
        "Pässe": ("indirect", 72),
        "Meldewesen": ("direct", 72),
    }


def test_a_restricted_process_is_hit_only_for_those_who_may_see_it(world, staff):
    insider = staff
    insider.groups.add(world.crisis)
    (scenario,) = handbook_context(world.town, visibility_for(insider))["scenarios"]
    assert "Verschlusssache" in titles(scenario)


def test_the_scenario_page_lists_the_derived_processes_without_the_restricted_one(
    world, client, staff
):
    client.force_login(staff)
    html = client.get(world.scenario.url).content.decode()
    assert "Pässe" in html and "über einen betroffenen Prozess" in html
    assert "Verschlusssache" not in html
    assert "Gewerbe" not in html  # another town's process is not in this town's scenario
