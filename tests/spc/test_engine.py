"""The front door: subgroups, parts, exclusions, notes, facets, warnings and describe()."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pace_qi import spc


def test_rows_sharing_x_form_one_subgroup() -> None:
    data = pd.DataFrame(
        {"x": [1, 1, 2, 2, None], "y": [1.0, 3, 10, np.nan, 99], "n": [2.0, 2, 5, 5, 1]}
    )
    assert spc.chart(data, "x", "y").points["y"].tolist() == [2.0, 10.0]  # mean; NaN x dropped
    assert spc.chart(data, "x", "y", chart="c").points["y"].tolist() == [4.0, 10.0]  # sum
    with_n = spc.chart(data, "x", "y", n="n", chart="u").points
    assert with_n["y"].tolist() == [1.0, 2.0]  # (1+3)/(2+2), 10/5 (the row missing y dropped)
    assert with_n["n"].tolist() == [4.0, 5.0]


def test_a_missing_y_leaves_a_gap() -> None:
    data = pd.DataFrame({"x": [1, 2, 3, 4], "y": [1.0, np.nan, 3, 4]})
    points = spc.chart(data, "x", "y", chart="i").points
    assert len(points) == 4
    assert np.isnan(points["y"].iloc[1])
    assert not points["sigma_signal"].iloc[1]


def test_part_from_a_label_column() -> None:
    data = pd.DataFrame({"x": range(6), "y": [1, 2, 3, 10, 11, 12], "phase": list("aaabbb")})
    result = spc.chart(data, "x", "y", part="phase")
    assert result.points["part"].tolist() == [1, 1, 1, 2, 2, 2]
    assert result.summary["cl"].tolist() == [2.0, 11.0]


def test_excluded_points_leave_the_centre_line_but_are_still_flagged() -> None:
    data = pd.DataFrame({"x": range(1, 13), "y": [10.0, 11] * 5 + [10, 100]})
    result = spc.chart(data, "x", "y", chart="i", exclude=[12])
    points = result.points
    assert points["cl"].iloc[0] == pytest.approx(115 / 11)
    assert not points["include"].iloc[-1]
    assert points["sigma_signal"].iloc[-1]
    assert result.summary["n_obs"].iloc[0] == 11


def test_i_chart_moving_ranges_screened_unless_asked_not_to() -> None:
    data = pd.DataFrame({"x": range(1, 8), "y": [0.0, 1, 0, 1, 0, 1, 20]})
    screened = spc.chart(data, "x", "y", chart="i").points
    raw = spc.chart(data, "x", "y", chart="i", screen_mr=False).points
    mean = 23 / 7
    assert screened["ucl"].iloc[0] == pytest.approx(mean + 3 * 1 / 1.128)  # MR of 19 dropped
    assert raw["ucl"].iloc[0] == pytest.approx(mean + 3 * (5 + 19) / 6 / 1.128)


def test_fixed_centre_line_multiply_and_notes() -> None:
    data = pd.DataFrame({"x": [1, 2, 3], "y": [0.1, 0.2, 0.3], "note": [None, "change", None]})
    result = spc.chart(data, "x", "y", cl=0.25, multiply=100, notes="note")
    assert result.points["cl"].tolist() == [25.0] * 3
    assert result.points["y"].tolist() == pytest.approx([10, 20, 30])
    assert result.points["notes"].iloc[1] == "change"
    assert pd.isna(result.points["notes"].iloc[0])


def test_each_facet_gets_its_own_limits() -> None:
    rng = np.random.default_rng(1)
    data = pd.DataFrame(
        {"x": list(range(15)) * 2, "y": rng.normal(size=30), "team": ["a"] * 15 + ["b"] * 15}
    )
    faceted = spc.chart(data, "x", "y", chart="i", facet="team")
    alone = spc.chart(data[data["team"] == "b"], "x", "y", chart="i")
    assert faceted.summary["facet"].tolist() == ["a", "b"]
    b = faceted.points[faceted.points["facet"] == "b"].reset_index(drop=True)
    pd.testing.assert_frame_equal(b.drop(columns="facet"), alone.points)


def test_denominator_and_proportion_warnings() -> None:
    data = pd.DataFrame({"x": range(1, 13), "y": [0, 1] * 6, "n": [1, 1, 1, 1, 1, 1] * 2})
    result = spc.chart(data, "x", "y", n="n", chart="p")
    assert any("0% or 100%" in w for w in result.warnings)
    varied = pd.DataFrame({"x": range(1, 13), "y": [5] * 12, "n": [10, 50] * 6})
    result = spc.chart(varied, "x", "y", n="n", chart="u")
    assert any("±25%" in w for w in result.warnings)


def test_describe_names_the_run_its_limit_and_the_verdict() -> None:
    months = pd.date_range("2023-01-01", periods=20, freq="MS")
    y = [0.40, 0.44] * 5 + [0.50] * 10
    result = spc.chart(
        pd.DataFrame({"x": months, "y": y}), "x", "y", freeze=10, direction="increase"
    )
    # baseline median 0.42; the 10th month (0.44) and the last 10 are above it: 11 in a row;
    # 20 useful points give a limit of round(log2(20)) + 3 = 7
    assert result.describe() == (
        "The last 11 months were all above the baseline median of 0.42. A run this long is "
        "unlikely by chance (the limit for 20 useful points is 7): a signal of improvement."
    )


def test_invalid_arguments_say_what_to_change() -> None:
    data = pd.DataFrame({"x": [1, 2], "y": [1, 2]})
    with pytest.raises(ValueError, match="chart must be one of"):
        spc.chart(data, "x", "y", chart="z")
    with pytest.raises(ValueError, match="denominator"):
        spc.chart(data, "x", "y", chart="p")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-50, 50), min_size=2, max_size=30),
    st.sampled_from([2, 10, 1000]),
)
def test_rules_do_not_depend_on_scale(values: list[int], factor: int) -> None:
    """Multiplying y (or passing multiply=) changes no signal and scales every line."""
    data = pd.DataFrame({"x": range(len(values)), "y": np.array(values, float)})
    base = spc.chart(data, "x", "y", chart="i")
    scaled = spc.chart(data, "x", "y", chart="i", multiply=factor)
    for column in ("sigma_signal", "runs_signal", "in_signal_run"):
        assert base.points[column].tolist() == scaled.points[column].tolist()
    np.testing.assert_allclose(scaled.points["ucl"], base.points["ucl"] * factor)
