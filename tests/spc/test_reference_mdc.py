"""pace-qi against NHSRplotthedots (Making Data Count): limits and point types per point."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pace_qi import spc
from pace_qi.spc.mdc import assurance_icon
from tests.spc.reference import read, requires_reference

RTOL = 1e-9


def _seed() -> pd.DataFrame:
    return read("mdc/inputs/seed123.csv", parse_dates=["x"])


def _dated(name: str) -> pd.DataFrame:
    return read(f"mdc/inputs/{name}.csv", parse_dates=["date"])


#: case in point_types.csv → (input loader, chart() keyword arguments, facet value or None)
CASES = {
    "seed123_default": (_seed, {"x": "x", "y": "y"}, None),
    "seed123_point15_is_10_screened": (_seed, {"x": "x", "y": "y_point15_is_10"}, None),
    "seed123_point15_is_10_unscreened": (
        _seed,
        {"x": "x", "y": "y_point15_is_10", "screen_mr": False},
        None,
    ),
    "seed123_facet0": (_seed, {"x": "x", "y": "y", "facet": "facet"}, 0),
    "seed123_facet1": (_seed, {"x": "x", "y": "y", "facet": "facet"}, 1),
    "seed123_fix_after_12": (_seed, {"x": "x", "y": "y", "freeze": 12}, None),
    "seed123_rebase_at_point11": (_seed, {"x": "x", "y": "y", "part": "point11"}, None),
    "deviations_screened": (
        lambda: _dated("deviations_vignette"),
        {"x": "date", "y": "data"},
        None,
    ),
    "deviations_unscreened": (
        lambda: _dated("deviations_vignette"),
        {"x": "date", "y": "data", "screen_mr": False},
        None,
    ),
    "two_in_three_opposite_sides": (
        lambda: _dated("two_in_three_opposite_sides"),
        {"x": "date", "y": "data"},
        None,
    ),
}


@requires_reference
def test_every_point_type_case_is_covered() -> None:
    assert set(read("mdc/expected/point_types.csv")["case"]) == set(CASES)


@requires_reference
@pytest.mark.parametrize("case", sorted(CASES))
def test_point_types_match_nhsrplotthedots(case: str) -> None:
    load, options, facet = CASES[case]
    data = load()
    if options.get("part") == "point11":
        options = {**options, "part": [data["x"].iloc[10]]}
    points = spc.chart(data, method="mdc", direction="increase", **options).points
    if facet is not None:
        points = points[points["facet"] == facet].reset_index(drop=True)
    expected = read("mdc/expected/point_types.csv")
    expected = expected[expected["case"] == case].reset_index(drop=True)
    assert len(points) == len(expected)
    for theirs, ours in {"y": "y", "mean": "cl", "lpl": "lcl", "upl": "ucl"}.items():
        np.testing.assert_allclose(
            points[ours].to_numpy(float),
            expected[theirs].to_numpy(float),
            rtol=RTOL,
            atol=1e-12,
            err_msg=theirs,
        )
    assert points["special_cause_type"].tolist() == expected["special_cause_type"].tolist()
    assert points["point_type"].tolist() == expected["point_type"].tolist()


@pytest.mark.parametrize(
    ("lpl", "upl", "direction", "icon"),
    [
        (1, 3, "increase", "consistent_fail"),
        (1, 3, "decrease", "consistent_pass"),
        (5, 7, "increase", "consistent_pass"),
        (5, 7, "decrease", "consistent_fail"),
        (1, 5, "increase", "inconsistent"),
        (1, 5, "decrease", "inconsistent"),
        (1, 3, "neutral", None),
    ],
)
def test_assurance_icon_cases_with_target_4(
    lpl: float, upl: float, direction: str, icon: str | None
) -> None:
    assert assurance_icon(4, lpl, upl, direction) == icon


def test_assurance_icon_is_none_without_target() -> None:
    assert assurance_icon(None, 1, 3, "increase") is None


def test_assurance_comparisons_are_strict() -> None:
    # a target exactly on a limit might be met or missed
    assert assurance_icon(3, 1, 3, "increase") == "inconsistent"
    assert assurance_icon(1, 1, 3, "increase") == "inconsistent"


def test_summary_assurance_icon_uses_last_part_limits() -> None:
    # part 1 around 10, part 2 around 100: target 50 is below part 2's limits
    y = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9] + [100, 101, 99, 100, 101, 99] * 2
    data = pd.DataFrame({"x": range(1, 25), "y": y})
    result = spc.chart(data, "x", "y", method="mdc", direction="increase", target=50, part=[13])
    assert result.summary["assurance_icon"].tolist() == ["consistent_fail", "consistent_pass"]
    result = spc.chart(data, "x", "y", method="mdc", direction="decrease", target=50, part=[13])
    assert result.summary["assurance_icon"].iloc[-1] == "consistent_fail"
