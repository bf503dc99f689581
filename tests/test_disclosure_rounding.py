"""Rounding shown counts to the nearest 5 (or 10), halves upwards, totals on their own."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import disclosure
from pace_qi.disclosure import DisclosureSettings
from pace_qi.disclosure.rounding import round_counts

FIVES = DisclosureSettings(round_to=5)


def test_round_to_nearest_five() -> None:
    counts = np.array([0, 7, 8, 12, 13, 22, 23, 100, np.nan])
    expected = np.array([0, 5, 10, 10, 15, 20, 25, 100, np.nan])
    np.testing.assert_array_equal(round_counts(counts, 5), expected)


def test_halves_round_up_not_to_even() -> None:
    counts = np.array([15, 25, 35, 45])
    np.testing.assert_array_equal(round_counts(counts, 10), [20, 30, 40, 50])


def test_totals_are_rounded_on_their_own() -> None:
    table = pd.DataFrame({"a": [7, 12], "b": [7, 13]}, index=["r0", "r1"])
    table["Total"] = table.sum(axis=1)  # 14 and 25
    result = disclosure.apply(table, total_column="Total", settings=FIVES)
    assert result.table.loc["r0"].tolist() == ["5", "5", "15"]  # parts no longer add up
    assert result.table.loc["r1"].tolist() == ["10", "15", "25"]
    rounded = result.actions[result.actions["action"] == "rounded"]
    assert rounded["column"].tolist() == ["a", "b", "Total"]
    assert rounded["row"].isna().all()
    assert "rounded to the nearest 5, and totals are rounded on their own" in result.footnote


def test_hidden_cells_stay_hidden_when_rounding() -> None:
    table = pd.DataFrame({"a": [3, 12, 0]}, index=["r0", "r1", "r2"])
    result = disclosure.apply(table, settings=FIVES)
    assert result.table["a"].tolist() == ["c", "10", "0"]


def test_percent_is_worked_out_from_the_rounded_counts() -> None:
    # 12 of 18 is 67%, which with 18 shown as 20 would give 12 away; 10 of 20 is 50%.
    table = pd.DataFrame({"n_met": [12], "n_resolved": [18]}, index=["all"])
    result = disclosure.apply(
        table, percent_columns={"percent_met": ("n_met", "n_resolved")}, settings=FIVES
    )
    assert result.table.loc["all"].tolist() == ["10", "20", "50"]


def test_no_rounding_by_default() -> None:
    result = disclosure.apply(pd.DataFrame({"a": [7, 12]}))
    assert result.table["a"].tolist() == ["7", "12"]
    assert "rounded" not in result.footnote
