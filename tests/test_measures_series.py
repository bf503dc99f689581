"""Chart series from evaluate's output, checked against hand-counted months and curves."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _aims_journeys import journeys

from pace_qi import measures
from pace_qi.aims import evaluate, load_aims, load_measures

PARAMS = Path(__file__).resolve().parents[1] / "params"
AIM2 = load_aims(PARAMS / "aims")["aim2"]
AS_OF = "2019-12-01"
M = pd.Timestamp


@pytest.fixture
def evaluated() -> pd.DataFrame:
    """Aim 2 as at 2019-12-01 (deadline = start + 210 days)."""
    frame = journeys(
        # C001 met (70 days), outcome known May
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-05-10",
         "team": "North"},
        # C002 met (80 days), May
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-05-20",
         "team": "South"},
        # C003 no recommendation: deadline 2019-08-30 passed -> not_met, known August
        {"accommodated_date": "2019-02-01", "team": "North"},
        # C004 recommended late (228 days): not_met, known at the deadline 2019-09-27
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-10-15",
         "team": "South"},
        # C005 pending (30 days so far)
        {"accommodated_date": "2019-11-01", "team": "North"},
        # C006 left care after 31 days: exited
        {"accommodated_date": "2019-03-01", "looked_after_end_date": "2019-04-01",
         "team": "South"},
    )
    return evaluate(frame, AIM2, AS_OF)


def test_outcome_months_count_by_the_month_the_outcome_became_known(evaluated):
    series = measures.outcome_months(evaluated, AIM2)
    assert list(series.columns) == ["month", "n_met", "n_resolved", "percent_met"]
    assert list(series["month"]) == [M(m) for m in
                                     ("2019-05-01", "2019-06-01", "2019-07-01", "2019-08-01",
                                      "2019-09-01")]
    assert list(series["n_met"]) == [2, 0, 0, 0, 0]
    assert list(series["n_resolved"]) == [2, 0, 0, 1, 1]
    assert series["percent_met"].tolist()[0] == 100.0
    assert series["percent_met"].isna().tolist() == [False, True, True, False, False]
    assert series["percent_met"].tolist()[3:] == [0.0, 0.0]


def test_outcome_months_by_team_share_the_month_range(evaluated):
    series = measures.outcome_months(evaluated, AIM2, by="team")
    north = series[series["team"] == "North"]
    south = series[series["team"] == "South"]
    assert len(north) == len(south) == 5
    assert list(north["n_resolved"]) == [1, 0, 0, 1, 0]
    assert list(south["n_resolved"]) == [1, 0, 0, 0, 1]
    assert list(south["n_met"]) == [1, 0, 0, 0, 0]


def test_cohort_months_count_by_entry_month_and_flag_pending(evaluated):
    series = measures.cohort_months(evaluated, AIM2)
    assert list(series.columns) == ["month", "n_cohort", "n_met", "n_not_met", "n_resolved",
                                    "n_pending", "n_exited", "percent_met", "has_pending"]
    assert len(series) == 10  # February to November
    feb, mar, nov = (series[series["month"] == M(m)].iloc[0]
                     for m in ("2019-02-01", "2019-03-01", "2019-11-01"))
    assert (feb["n_cohort"], feb["n_not_met"], feb["percent_met"]) == (1, 1, 0.0)
    assert (mar["n_cohort"], mar["n_met"], mar["n_not_met"], mar["n_exited"]) == (4, 2, 1, 1)
    assert math.isclose(mar["percent_met"], 200 / 3)
    assert not mar["has_pending"]
    assert (nov["n_pending"], bool(nov["has_pending"])) == (1, True)
    assert math.isnan(nov["percent_met"])
    assert series["n_cohort"].sum() == len(evaluated)


def test_weeks_per_child_in_start_order_with_elapsed_weeks_marked(evaluated):
    series = measures.weeks_per_child(evaluated)
    assert list(series["child_id"]) == ["C003", "C001", "C002", "C004", "C005"]
    assert list(series["order"]) == [1, 2, 3, 4, 5]
    # C003: 2019-02-01 -> 2019-12-01 is 303 days so far; C001: 70 days; C005: 30 days so far
    assert series["weeks"].tolist() == [303 / 7, 10.0, 80 / 7, 228 / 7, 30 / 7]
    assert series["censored"].tolist() == [True, False, False, False, True]
    assert series["pending"].tolist() == [False, False, False, False, True]
    by_team = measures.weeks_per_child(evaluated, by="team")
    assert by_team.loc[by_team["team"] == "North", "order"].tolist() == [1, 2, 3]


def test_time_to_event_matches_hand_kaplan_meier_and_cumulative_incidence():
    frame = journeys(
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-05-10"},
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-05-20"},
        {"accommodated_date": "2019-03-01", "looked_after_end_date": "2019-04-01"},
        {"accommodated_date": "2019-11-01"},
    )
    curve = measures.time_to_event(evaluate(frame, AIM2, AS_OF), AIM2)
    assert list(curve["week"][:3]) == [0, 1, 2]
    assert curve["week"].iloc[-1] == 30  # at least to the aim's weeks
    at = curve.set_index("week")
    # times: 30 censored (pending), 31 exit, 70 event, 80 event.
    # KM (exit censored): S = 1/2 after day 70, 0 after day 80.
    assert at.loc[9, "km_share"] == 0.0
    assert at.loc[10, "km_share"] == pytest.approx(0.5)
    assert at.loc[11, "km_share"] == pytest.approx(0.5)
    assert at.loc[12, "km_share"] == pytest.approx(1.0)
    # Aalen-Johansen (exit competing): 2/3 event-free after day 31; +1/3 at 70, +1/3 at 80.
    assert at.loc[10, "cif_share"] == pytest.approx(1 / 3)
    assert at.loc[12, "cif_share"] == pytest.approx(2 / 3)
    assert (curve["cif_share"] <= curve["km_share"] + 1e-12).all()
    assert at.loc[4, "n_at_risk"] == 4 and at.loc[5, "n_at_risk"] == 2
    assert at.loc[12, "n_events"] == 2
    assert curve.attrs["within_weeks"] == 30 and curve.attrs["guidance_weeks"] == 24


def test_without_exits_cumulative_incidence_equals_kaplan_meier(evaluated):
    no_exits = evaluated[evaluated["status"] != "exited"]
    no_exits.attrs = evaluated.attrs
    curve = measures.time_to_event(no_exits, AIM2)
    assert np.allclose(curve["km_share"], curve["cif_share"])
    by_team = measures.time_to_event(evaluated, AIM2, by="team")
    assert set(by_team["team"]) == {"North", "South"}


def test_stage_journeys_weeks_against_guidance():
    frame = journeys(
        {"accommodated_date": "2019-01-01", "permanence_recommendation_date": "2019-05-01",
         "permanence_recommendation": "away_from_home", "panel_date": "2019-08-01"},
        {"accommodated_date": "2019-06-01", "looked_after_end_date": "2019-07-01"},
        {"accommodated_date": "2019-10-01"},
    )
    stages = measures.stage_journeys(frame, "2019-09-01")
    first = stages[stages["child_id"] == "C001"].set_index("stage_order")
    assert list(first.index) == [1, 2, 3]
    assert first.loc[1, "stage"] == "accommodated_date→permanence_recommendation_date"
    assert first.loc[1, "stage_label"] == "Accommodated → Permanence recommendation"
    # 120 days against 24 weeks; 92 days against 12 weeks; 31 days and counting against 2
    assert first["weeks"].tolist() == [120 / 7, 92 / 7, 31 / 7]
    assert first["guidance_weeks"].tolist() == [24, 12, 2]
    assert first["over_guidance"].tolist() == [False, True, True]
    assert first["ongoing"].tolist() == [False, False, True]
    assert pd.isna(first.loc[3, "end_date"])
    second = stages[stages["child_id"] == "C002"].iloc[0]
    assert (bool(second["ongoing"]), bool(second["exited"]), second["weeks"]) == (
        False, True, 30 / 7
    )
    assert "C003" not in set(stages["child_id"])


def test_stages_from_the_measure_files_match_the_defaults():
    stages = load_measures(PARAMS / "measures")
    from_files = [measures.Stage.from_measure(m) for k, m in stages.items() if
                  k.startswith("stage_")]
    defaults = measures.DEFAULT_STAGES[: len(from_files)]
    assert [(s.start, s.end, s.guidance_weeks) for s in from_files] == [
        (s.start, s.end, s.guidance_weeks) for s in defaults
    ]


def test_empty_cohort_gives_empty_series():
    empty = evaluate(journeys(), AIM2, AS_OF)
    assert measures.outcome_months(empty, AIM2).empty
    assert list(measures.cohort_months(empty, AIM2).columns)[:2] == ["month", "n_cohort"]
    assert measures.weeks_per_child(empty).empty
    assert measures.stage_journeys(journeys(), AS_OF).empty
