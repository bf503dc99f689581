"""summarise: counts, percent met among resolved children, Wilson interval, target check."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from _aims_journeys import journeys

from pace_qi.aims import evaluate, load_aims, summarise

AIMS = load_aims(Path(__file__).resolve().parents[1] / "params" / "aims")


def _wilson(met: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval written out from the formula (not from statsmodels)."""
    p = met / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def _aim2_frame() -> pd.DataFrame:
    return journeys(
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-05-01"},
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-06-01"},
        {"accommodated_date": "2019-03-01", "permanence_recommendation_date": "2019-07-01"},
        {"accommodated_date": "2019-02-01", "permanence_recommendation_date": "2019-11-01"},
        {"accommodated_date": "2019-03-01", "looked_after_end_date": "2019-04-01"},
        {"accommodated_date": "2019-11-01"},
    )


def test_counts_percent_interval_and_target():
    summary = summarise(evaluate(_aim2_frame(), AIMS["aim2"], "2019-12-01"), AIMS["aim2"])
    assert (summary["n_cohort"], summary["n_met"], summary["n_not_met"]) == (6, 3, 1)
    assert (summary["n_pending"], summary["n_exited"], summary["n_resolved"]) == (1, 1, 4)
    assert summary["percent_met"] == 75.0
    low, high = _wilson(3, 4)
    assert math.isclose(summary["ci_lower"], low, rel_tol=1e-9)
    assert math.isclose(summary["ci_upper"], high, rel_tol=1e-9)
    assert summary["target_percent"] == 85
    assert summary["target_met"] is False
    assert summary["as_of"] == pd.Timestamp("2019-12-01")
    assert summary["aim"] == "aim2"


def test_target_met_at_exactly_the_target():
    frame = journeys(
        *[{"adm_decision_date": "2018-06-04", "permanence_route": "permanence_order",
           "application_lodged_date": "2018-07-01"}] * 3,
        *[{"adm_decision_date": "2018-06-04", "permanence_route": "permanence_order"}] * 2,
    )
    summary = summarise(evaluate(frame, AIMS["aim4"], "2019-12-01"), AIMS["aim4"])
    assert summary["percent_met"] == 60.0
    assert summary["target_met"] is True


def test_no_resolved_children_gives_none_not_zero():
    frame = journeys({"accommodated_date": "2019-11-01"})
    summary = summarise(evaluate(frame, AIMS["aim2"], "2019-12-01"), AIMS["aim2"])
    assert summary["n_pending"] == 1
    assert summary["percent_met"] is None
    assert summary["ci_lower"] is None and summary["ci_upper"] is None
    assert summary["target_met"] is None
    empty = summarise(evaluate(journeys(), AIMS["aim2"], "2019-12-01"), AIMS["aim2"])
    assert empty["n_cohort"] == 0 and empty["percent_met"] is None
