"""IHI run chart rules on literal vectors."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import spc
from pace_qi.spc.ihi import analyse, runs_limits, shift_points, trend_points


def test_shift_needs_six_on_one_side() -> None:
    assert shift_points(np.array([1, 1, 1, 1, 1, 1, -1])).tolist() == [True] * 6 + [False]
    assert not shift_points(np.array([1, 1, 1, 1, 1, -1])).any()


def test_points_on_the_median_are_skipped_by_a_shift() -> None:
    y = np.array([3, 3, 3, 1, 3, 3, 3], dtype=float)
    result = analyse(y, np.full(7, 1.0), np.ones(7, bool))
    assert result.runs_signal
    assert result.in_signal_run.tolist() == [True, True, True, False, True, True, True]


def test_trend_needs_five_points() -> None:
    assert trend_points(np.array([1.0, 2, 3, 4, 5])).all()
    assert not trend_points(np.array([1.0, 2, 3, 4])).any()
    assert trend_points(np.array([9.0, 7, 5, 3, 1, 4])).tolist() == [True] * 5 + [False]


def test_equal_neighbours_count_once_in_a_trend() -> None:
    assert not trend_points(np.array([1.0, 2, 2, 3, 4])).any()
    assert trend_points(np.array([1.0, 2, 2, 3, 4, 5])).all()


def test_runs_limits_for_twenty_useful_points() -> None:
    # Swed-Eisenhart, 10 above and 10 below, 2.5 % in each tail
    assert runs_limits(20) == (7, 15)


def test_too_many_runs_signal() -> None:
    y = np.array([1.0, -1] * 10)  # 20 runs > 15
    result = analyse(y, np.zeros(20), np.ones(20, bool))
    assert result.summary_extras["n_runs"] == 20
    assert result.runs_signal
    assert not result.in_signal_run.any()


def test_random_looking_series_has_no_signal() -> None:
    y = np.array([1, -1, -2, 2, 3, -3, -1, 1, 2, -2, -1, 1, 2, -1, 1, -2], dtype=float)
    result = analyse(y, np.zeros(y.size), np.ones(y.size, bool))
    assert not result.runs_signal


def test_ihi_method_through_chart_reports_trend_and_runs() -> None:
    data = pd.DataFrame({"x": range(1, 13), "y": [5, 1, 6, 2, 7, 3, 4, 5, 6, 7, 8, 2]})
    result = spc.chart(data, "x", "y", method="ihi")
    # 3, 4, 5, 6, 7, 8 rise six times in a row: a trend
    assert result.summary["runs_signal"].iloc[0]
    assert result.points["in_signal_run"].tolist() == [False] * 5 + [True] * 6 + [False]
    assert result.summary["longest_trend"].iloc[0] == 6
