"""Anhøj rules on literal vectors: ties, points on the centre line, n < 10, flat series,
missing and excluded values."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import spc
from pace_qi.spc.anhoej import analyse, longest_run_max, n_crossings_min

NAN = np.nan


def runs(y: list[float], cl: float = 0.0, include: list[bool] | None = None):
    values = np.array(y, dtype=float)
    mask = np.ones(values.size, bool) if include is None else np.array(include)
    return analyse(values, np.full(values.size, cl), mask)


def test_points_on_the_centre_line_neither_break_nor_extend_a_run() -> None:
    result = runs([2, 1, 2, 0, 0], cl=1)
    assert (result.n_obs, result.n_useful) == (5, 4)
    assert (result.longest_run, result.n_crossings) == (2, 1)


def test_ties_between_points_do_not_matter_only_the_side() -> None:
    result = runs([3, 3, 3, -1, -1, 3])
    assert (result.longest_run, result.n_crossings) == (3, 2)


def test_longest_run_must_exceed_the_limit_to_signal() -> None:
    # 7 useful points: limit round(log2 7) + 3 = 6; a run of 6 is allowed
    at_limit = runs([3, 3, 3, 3, 3, 3, -1])
    assert (at_limit.longest_run, at_limit.longest_run_max) == (6, 6)
    assert not at_limit.runs_signal
    # 8 useful points: limit 6 and a run of 7 signals; the run is marked
    over = runs([3, 3, 3, 3, 3, 3, 3, -1])
    assert over.runs_signal
    assert over.in_signal_run.tolist() == [True] * 7 + [False]


def test_too_few_crossings_signal_without_marking_points() -> None:
    # 20 useful points in four runs of 5: 3 crossings < qbinom(0.05, 19, 0.5) = 6
    result = runs(([1] * 5 + [-1] * 5) * 2)
    assert (result.longest_run, result.longest_run_max) == (5, 7)
    assert (result.n_crossings, result.n_crossings_min) == (3, 6)
    assert result.runs_signal
    assert not result.in_signal_run.any()


def test_missing_and_excluded_points_are_skipped() -> None:
    result = runs([1, NAN, 1, -5, 1], include=[True, True, True, False, True])
    assert (result.n_obs, result.n_useful, result.longest_run) == (4, 3, 3)


def test_flat_series_has_no_useful_points_and_no_signal() -> None:
    result = runs([4, 4, 4, 4], cl=4)
    assert result.n_useful == 0
    assert result.longest_run is None
    assert not result.runs_signal


def test_critical_values_for_small_n_use_the_same_formulas() -> None:
    assert longest_run_max(np.array([1, 2, 5, 9])).tolist() == [3, 4, 5, 6]
    assert n_crossings_min(np.array([1, 5, 6, 9])).tolist() == [0, 0, 1, 2]


def frame(y: list[float], x: list | None = None) -> pd.DataFrame:
    return pd.DataFrame({"x": x if x is not None else range(1, len(y) + 1), "y": y})


def test_run_chart_centre_is_the_median_of_the_baseline() -> None:
    result = spc.chart(frame([1, 2, 3, 10, 20, 30]), "x", "y", freeze=3)
    assert result.points["cl"].tolist() == [2.0] * 6
    assert result.points["baseline"].tolist() == [True] * 3 + [False] * 3


def test_freeze_by_last_baseline_date_keeps_the_date_dtype() -> None:
    months = pd.date_range("2024-01-01", periods=6, freq="MS")
    result = spc.chart(
        frame([1, 2, 3, 10, 20, 30], list(months)), "x", "y", freeze=pd.Timestamp("2024-03-01")
    )
    assert result.points["baseline"].sum() == 3
    assert pd.api.types.is_datetime64_any_dtype(result.points["x"])


def test_fewer_than_ten_useful_points_warns() -> None:
    result = spc.chart(frame([1, 2, 3, 4, 5, 6, 7, 8, 9]), "x", "y")
    assert any("too few points" in w.lower() for w in result.warnings)
    result = spc.chart(frame(list(range(10))), "x", "y")
    assert result.warnings == []


def test_runs_analysis_is_off_for_a_categorical_x() -> None:
    data = frame([1, 1, 1, 1, 1, 1, 1, 1, 1, 9], [f"team {i}" for i in range(10)])
    result = spc.chart(data, "x", "y")
    assert not result.summary["runs_signal"].any()
    assert not result.points["in_signal_run"].any()
    # the same numbers in time order signal: a run of 9 > the limit of 6 for 10 useful points
    timed = spc.chart(frame([1, 1, 1, 1, 1, 1, 1, 1, 1, 9]), "x", "y", cl=5)
    assert timed.summary["runs_signal"].iloc[0]


def test_runs_analysis_is_off_for_mr_charts() -> None:
    result = spc.chart(frame([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), "x", "y", chart="mr")
    assert not result.points["runs_signal"].any()


def test_an_empty_part_has_no_useful_points() -> None:
    result = spc.chart(frame([NAN] * 4 + [1, 2, 3, 4, 5]), "x", "y", part=[5])
    first = result.summary.iloc[0]
    assert (first["n_obs"], first["n_useful"]) == (4, 0)
    assert np.isnan(first["cl"])
    assert result.summary["cl"].iloc[1] == 3
