"""Rolling monthly numbers up to quarters, and protecting a chart's monthly series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pace_qi import disclosure
from pace_qi.disclosure import ROLLUP_NOTICE, DisclosureSettings

MONTHS = pd.date_range("2024-01-01", periods=8, freq="MS")  # Jan to Aug 2024


def _small_series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": MONTHS,
            "n_met": [1, 2, 0, 3, 1, 2, 4, 1],
            "n_resolved": [3, 4, 2, 5, 2, 6, 7, 3],
        }
    )


def _large_series() -> pd.DataFrame:
    return pd.DataFrame(
        {"month": MONTHS, "n_met": np.arange(8) + 10, "n_resolved": np.arange(8) + 30}
    )


def test_mostly_small_months_are_summed_by_quarter() -> None:
    result = disclosure.rollup_to_quarters(
        _small_series(),
        count_columns=["n_met", "n_resolved"],
        percent_columns={"percent_met": ("n_met", "n_resolved")},
    )
    assert result.rolled_up
    assert result.period_column == "quarter"
    table = result.table
    assert table["quarter"].tolist() == list(
        pd.to_datetime(["2024-01-01", "2024-04-01", "2024-07-01"])
    )
    assert table["n_met"].tolist() == [3, 6, 5]
    assert table["n_resolved"].tolist() == [9, 13, 10]
    np.testing.assert_allclose(table["percent_met"], [100 * 3 / 9, 100 * 6 / 13, 50.0])
    assert table["partial_quarter"].tolist() == [False, False, True]
    assert result.notice.startswith(ROLLUP_NOTICE)
    assert "quarter starting Jul 2024" in result.notice


def test_months_with_large_numbers_are_left_alone() -> None:
    monthly = _large_series()
    result = disclosure.rollup_to_quarters(monthly, count_columns=["n_met", "n_resolved"])
    assert not result.rolled_up
    assert result.notice is None
    assert result.period_column == "month"
    pd.testing.assert_frame_equal(result.table, monthly)


def test_exactly_the_share_does_not_roll_up_but_more_does() -> None:
    # Four non-zero cells (zeros do not count), two of them small: a share of exactly 0.5.
    monthly = pd.DataFrame({"month": MONTHS[:3], "n": [2, 0, 30], "m": [0, 3, 40]})
    assert not disclosure.rollup_to_quarters(monthly, count_columns=["n", "m"]).rolled_up
    lower = DisclosureSettings(rollup_share=0.4)
    result = disclosure.rollup_to_quarters(monthly, count_columns=["n", "m"], settings=lower)
    assert result.rolled_up
    assert result.hidden_share == pytest.approx(0.5)


def test_monthly_periods_and_groups_are_rolled_up() -> None:
    monthly = pd.DataFrame(
        {
            "month": pd.period_range("2024-01", periods=3, freq="M").repeat(2),
            "team": ["north", "south"] * 3,
            "n": [1, 2, 3, 4, 1, 30],
        }
    )
    result = disclosure.rollup_to_quarters(monthly, count_columns=["n"], by=["team"])
    assert result.rolled_up
    assert result.table[["team", "n"]].values.tolist() == [["north", 5], ["south", 36]]
    assert result.notice == ROLLUP_NOTICE


def test_protect_series_rolls_up_and_leaves_gaps() -> None:
    protected = disclosure.protect_series(_small_series(), "n_met", "n_resolved")
    series = protected.series
    assert protected.period_column == "quarter"
    assert protected.notice is not None and protected.notice.startswith(ROLLUP_NOTICE)
    # Quarters: 3/9 (3 small), 6/13 (shown, but complement 7 is fine), 5/10 (5 small).
    assert series["n_met"].isna().tolist() == [True, False, True]
    assert series["n_resolved"].tolist() == [9.0, 13.0, 10.0]
    assert series["percent_hidden"].tolist() == [True, False, True]
    assert series["percent_met"].isna().tolist() == [True, False, True]
    assert series.loc[1, "percent_met"] == pytest.approx(100 * 6 / 13)
    assert "rollup" in protected.actions["action"].tolist()
    assert "gap in the line" in protected.footnote


def test_protect_series_without_rollup_keeps_months() -> None:
    protected = disclosure.protect_series(_small_series(), "n_met", "n_resolved", rollup=False)
    assert protected.period_column == "month"
    assert protected.notice is None
    assert protected.series["percent_met"].isna().all()  # every denominator is under 10
    assert len(protected.series) == len(MONTHS)


def test_protect_series_keeps_large_months_exact() -> None:
    monthly = _large_series()
    protected = disclosure.protect_series(monthly, "n_met", "n_resolved")
    assert protected.period_column == "month"
    np.testing.assert_allclose(
        protected.series["percent_met"], 100 * monthly["n_met"] / monthly["n_resolved"]
    )
    assert not protected.series["percent_hidden"].any()
    assert protected.actions.empty


def test_protect_series_hides_a_small_complement_and_rounds() -> None:
    monthly = pd.DataFrame({"month": MONTHS[:2], "n_met": [28, 12], "n_resolved": [30, 18]})
    protected = disclosure.protect_series(
        monthly, "n_met", "n_resolved", settings=DisclosureSettings(round_to=5)
    )
    series = protected.series
    assert series["percent_hidden"].tolist() == [True, False]  # 30 - 28 = 2 did not meet it
    assert series["n_met"].isna().tolist() == [True, False]  # or 30 - 28 could be read off
    assert protected.actions["action"].tolist() == ["secondary", "percent"]
    assert series["n_resolved"].tolist() == [30.0, 20.0]
    assert series.loc[1, "percent_met"] == pytest.approx(50.0)  # 10 of 20, from rounded counts
