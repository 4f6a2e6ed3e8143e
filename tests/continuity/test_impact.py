"""The impact analysis rules: tolerable downtime, criticality class and suggestions."""

from __future__ import annotations

from continuity import impact


def ratings(**rows) -> dict:
    return {**impact.empty_ratings(), **rows}


def test_the_tolerable_downtime_is_the_first_window_reaching_high():
    # Finances reach "hoch" (3) after 3 days, reputation only after a week: 72 hours.
    assert impact.mtpd_hours(ratings(finanzen=[0, 1, 3, 3, 4], ansehen=[0, 0, 1, 3, 4])) == 72


def test_without_any_high_impact_there_is_no_tolerable_downtime_within_two_weeks():
    assert impact.mtpd_hours(ratings(aufgabe=[0, 1, 2, 2, 2])) is None


def test_the_criticality_class_follows_the_tolerable_downtime():
    assert impact.criticality_for(ratings(leben=[3, 4, 4, 4, 4])) == "sehr_hoch"  # 4 h
    assert impact.criticality_for(ratings(aufgabe=[0, 3, 3, 3, 3])) == "sehr_hoch"  # 1 day
    assert impact.criticality_for(ratings(aufgabe=[0, 1, 3, 3, 3])) == "hoch"  # 3 days
    assert impact.criticality_for(ratings(aufgabe=[0, 1, 2, 2, 3])) == "normal"  # 2 weeks
    assert impact.criticality_for(ratings(aufgabe=[0, 1, 1, 1, 1])) == "niedrig"


def test_an_unrated_analysis_has_no_criticality():
    assert impact.criticality_for(impact.empty_ratings()) is None


def test_a_falling_rating_is_named_by_its_category():
    assert impact.falling_categories(ratings(finanzen=[2, 1, None, 3, 3])) == ["Finanzen"]


def test_a_high_case_volume_suggests_a_high_impact_on_the_task_after_three_days():
    suggestion = impact.suggest(
        case_volume=61000, has_legal_bases=False, mentions_deadline=False, rto_hours=None
    )
    assert suggestion.ratings["aufgabe"][2] == 3  # 61000 / 220 ≈ 277 cases a day


def test_a_named_deadline_suggests_legal_violations():
    suggestion = impact.suggest(
        case_volume=None, has_legal_bases=True, mentions_deadline=True, rto_hours=48
    )
    assert (suggestion.ratings["recht"], suggestion.rto_hours) == ([0, 1, 2, 3, 4], 48)
