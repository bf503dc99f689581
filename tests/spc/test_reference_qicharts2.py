"""pace-qi against qicharts2: every per-point file and every summary row must match (rtol 1e-9)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pace_qi import spc
from tests.spc.reference import read, requires_reference

pytestmark = requires_reference
RTOL = 1e-9

#: expected file → (input table, x, y, n, chart options), as README.md describes the calls.
POINT_CASES = {
    "ex_6_3_1": ("montgomery_tbl_06_03", "sample", "obs", None, {"chart": "xbar"}),
    "ex_6_3_2": ("montgomery_tbl_06_03", "sample", "obs", None, {"chart": "s"}),
    "ex_6_5_3": ("montgomery_tbl_06_07", "weeks", "cost", None, {"chart": "i", "freeze": 20}),
    "ex_6_5_4": ("montgomery_tbl_06_07", "weeks", "cost", None, {"chart": "mr", "freeze": 20}),
    # qicharts2's part = 30 (last point of part 1) is pace-qi's part = 31 (first of part 2)
    "ex_7_1_5": (
        "montgomery_tbl_07_03",
        "sample",
        "count",
        "size",
        {"chart": "p", "exclude": [15, 23], "part": [31]},
    ),
    "ex_7_4_1": ("montgomery_tbl_07_10", "sample", "count", "size", {"chart": "u"}),
    "ex_7_6_1": ("montgomery_tbl_07_14", "failure", "hours", None, {"chart": "t"}),
}
POINT_COLUMNS = {
    "y": "y",
    "n": "n",
    "part": "part",
    "baseline": "baseline",
    "include": "include",
    "cl": "cl",
    "lcl": "lcl",
    "ucl": "ucl",
    "sigma.signal": "sigma_signal",
    "runs.signal": "runs_signal",
}
RUNS_COLUMNS = (
    "n.obs",
    "n.useful",
    "longest.run",
    "longest.run.max",
    "n.crossings",
    "n.crossings.min",
)


def assert_same(expected: pd.Series, got: pd.Series, label: str) -> None:
    np.testing.assert_allclose(
        got.to_numpy(dtype=float),
        expected.to_numpy(dtype=float),
        rtol=RTOL,
        atol=0,
        equal_nan=True,
        err_msg=label,
    )


@pytest.mark.parametrize("case", sorted(POINT_CASES))
def test_points_match_qicharts2(case: str) -> None:
    table, x, y, n, options = POINT_CASES[case]
    expected = read(f"qicharts2/expected/{case}.csv")
    result = spc.chart(read(f"qicharts2/inputs/{table}.csv"), x, y, n=n, **options)
    points = result.points
    assert len(points) == len(expected)
    assert_same(expected["x"], points["x"], "x")
    for theirs, ours in POINT_COLUMNS.items():
        assert_same(expected[theirs], points[ours], theirs)
    per_point = result.summary.set_index("part").loc[points["part"]]
    for column in RUNS_COLUMNS:
        assert_same(expected[column], per_point[column.replace(".", "_")], column)


def _cdi() -> pd.DataFrame:
    return read("qicharts2/inputs/cdi.csv", parse_dates=["month"])


def _part24() -> list[pd.Timestamp]:
    """The 25th month: where the second part of the CDI series begins."""
    return [_cdi()["month"].iloc[24]]


#: case name in summaries.csv → (input, chart() keyword arguments)
SUMMARY_CASES = {
    "cdi_run_all36": ("cdi", {"x": "month", "y": "n"}),
    "cdi_run_freeze24": ("cdi", {"x": "month", "y": "n", "freeze": 24}),
    "cdi_run_part24": ("cdi", {"x": "month", "y": "n", "part": "part24"}),
    "cdi_c_part24": ("cdi", {"x": "month", "y": "n", "chart": "c", "part": "part24"}),
    "cdi_u_part24_x10000": (
        "cdi",
        {"x": "month", "y": "n", "n": "days", "chart": "u", "part": "part24", "multiply": 10000},
    ),
    "nhs_accidents_p": ("nhs_accidents", {"x": "i", "y": "r", "n": "n", "chart": "p"}),
    "nhs_accidents_pp": ("nhs_accidents", {"x": "i", "y": "r", "n": "n", "chart": "pp"}),
    "nhs_accidents_i": ("nhs_accidents", {"x": "i", "y": "r", "n": "n", "chart": "i"}),
}
SUMMARY_COLUMNS = {
    "n_obs": "n_obs",
    "n_useful": "n_useful",
    "longest_run": "longest_run",
    "longest_run_max": "longest_run_max",
    "n_crossings": "n_crossings",
    "n_crossings_min": "n_crossings_min",
    "runs_signal": "runs_signal",
    "aLCL": "lcl",
    "CL": "cl",
    "aUCL": "ucl",
    "n_sigma_signals": "n_sigma_signals",
}


def test_every_summary_case_is_covered() -> None:
    assert set(read("qicharts2/expected/summaries.csv")["case"]) == set(SUMMARY_CASES)


@pytest.mark.parametrize("case", sorted(SUMMARY_CASES))
def test_summary_matches_qicharts2(case: str) -> None:
    source, options = SUMMARY_CASES[case]
    data = _cdi() if source == "cdi" else read(f"qicharts2/inputs/{source}.csv")
    if options.get("part") == "part24":
        options = {**options, "part": _part24()}
    result = spc.chart(data, **options)
    expected = read("qicharts2/expected/summaries.csv")
    expected = expected[expected["case"] == case].reset_index(drop=True)
    assert len(result.summary) == len(expected)
    assert_same(expected["part"], result.summary["part"], "part")
    for theirs, ours in SUMMARY_COLUMNS.items():
        assert_same(expected[theirs], result.summary[ours], theirs)
    flagged = expected["sigma_signal_points"].fillna("").iloc[0].split()
    points = result.points
    assert [str(v) for v in points.loc[points["sigma_signal"], "x"]] == flagged
