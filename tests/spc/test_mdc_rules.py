"""Making Data Count rules on literal vectors (one rule, one test)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pace_qi import spc
from pace_qi.spc.mdc import shift_points, trend_points, two_in_three_points, variation_icon


def test_a_tie_breaks_a_trend() -> None:
    assert not trend_points(np.array([1.0, 2, 3, 3, 4, 5, 6])).any()
    assert trend_points(np.array([1.0, 2, 3, 4, 5, 6, 7])).tolist() == [1] * 7
    assert trend_points(np.array([7.0, 6, 5, 4, 3, 2, 1, 5])).tolist() == [-1] * 7 + [0]


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    assert not shift_points(np.array([1, 1, 1, 0, 1, 1, 1])).any()
    assert shift_points(np.array([-1] * 7)).all()


def test_two_in_three_flags_only_the_points_beyond_two_sigma() -> None:
    side = np.array([1, 1, 1, -1])
    near = np.array([True, False, True, False])
    assert two_in_three_points(side, near).tolist() == [True, False, True, False]


def test_two_in_three_needs_all_three_on_one_side() -> None:
    side = np.array([1, -1, 1])
    assert not two_in_three_points(side, np.array([True, True, True])).any()


@pytest.mark.parametrize(
    ("point_type", "direction", "icon"),
    [
        ("common_cause", "increase", "common_cause"),
        ("special_cause_improvement", "increase", "improvement_high"),
        ("special_cause_improvement", "decrease", "improvement_low"),
        ("special_cause_concern", "increase", "concern_low"),
        ("special_cause_concern", "decrease", "concern_high"),
        ("special_cause_neutral_high", "neutral", "neutral_high"),
        ("special_cause_neutral_low", "neutral", "neutral_low"),
    ],
)
def test_variation_icon(point_type: str, direction: str, icon: str) -> None:
    assert variation_icon(point_type, direction) == icon


def xmr(y: list[float], **options: object) -> pd.DataFrame:
    data = pd.DataFrame({"x": range(1, len(y) + 1), "y": y})
    return spc.chart(data, "x", "y", method="mdc", **options).points


def test_outside_the_limits_takes_precedence_over_a_shift() -> None:
    y = [0, 1] * 6 + [2, 2, 2, 2, 2, 2, 9]
    points = xmr(y, freeze=12, direction="increase")
    assert points["special_cause_type"].iloc[-1] == "Above UCL"
    assert points["special_cause_type"].iloc[12] == "Shift above mean"
    assert (points["point_type"].iloc[12:] == "special_cause_improvement").all()


def test_lower_is_better_makes_high_points_a_concern() -> None:
    y = [0, 1] * 6 + [2, 2, 2, 2, 2, 2, 9]
    points = xmr(y, freeze=12, direction="decrease")
    assert points["point_type"].iloc[-1] == "special_cause_concern"


def test_neutral_direction_says_high_or_low() -> None:
    y = [0, 1] * 6 + [-9]
    points = xmr(y, direction="neutral")
    assert points["point_type"].iloc[-1] == "special_cause_neutral_low"


def test_mdc_defaults_to_increase_and_needs_a_baseline_of_twelve() -> None:
    data = pd.DataFrame({"x": range(1, 21), "y": range(20)})
    assert spc.chart(data, "x", "y", method="mdc").direction == "increase"
    with pytest.raises(ValueError, match="at least 12"):
        spc.chart(data, "x", "y", method="mdc", freeze=11)


def test_mdc_limits_are_mean_plus_minus_2_66_mr_bar() -> None:
    points = xmr([1, 3, 1, 3, 1, 3])  # MR̄ = 2, mean 2
    assert points["lcl"].iloc[0] == pytest.approx(2 - 2.66 * 2)
    assert points["ucl_95"].iloc[0] == pytest.approx(2 + 2 / 3 * 2.66 * 2)
