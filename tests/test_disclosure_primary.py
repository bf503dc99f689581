"""Primary suppression, percentages, the display table and the footnote of `disclosure.apply`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from pace_qi import disclosure
from pace_qi.disclosure import DisclosureSettings


def _teams(**columns: list[int]) -> pd.DataFrame:
    index = pd.Index([f"Team {k}" for k in range(1, len(next(iter(columns.values()))) + 1)])
    return pd.DataFrame(columns, index=index)


def test_counts_from_1_to_5_are_hidden_and_zero_is_shown() -> None:
    table = _teams(children=[0, 1, 5, 6, 40])
    result = disclosure.apply(table)
    assert result.table["children"].tolist() == ["0", "c", "c", "6", "40"]
    assert result.hidden["children"].tolist() == [False, True, True, False, False]
    assert result.actions["action"].tolist() == ["primary", "primary"]
    assert result.actions["row"].tolist() == ["Team 2", "Team 3"]


def test_threshold_not_inclusive_shows_the_threshold_itself() -> None:
    settings = DisclosureSettings(threshold=5, inclusive=False)
    result = disclosure.apply(_teams(children=[4, 5]), settings=settings)
    assert result.table["children"].tolist() == ["c", "5"]
    assert "between 1 and 4 children" in result.footnote


def test_threshold_and_symbol_are_configurable() -> None:
    settings = DisclosureSettings(threshold=9, symbol="*")
    result = disclosure.apply(_teams(children=[9, 10]), settings=settings)
    assert result.table["children"].tolist() == ["*", "10"]
    assert result.footnote.startswith("* = between 1 and 9 children")


def test_display_columns_are_text_and_other_columns_pass_through() -> None:
    table = _teams(children=[3, 12]).assign(label=["north", "south"])
    result = disclosure.apply(table)
    assert pd.api.types.is_string_dtype(result.table["children"])
    assert result.table["label"].tolist() == ["north", "south"]
    assert not result.hidden["label"].any()


def test_missing_count_is_shown_as_x_and_explained() -> None:
    table = pd.DataFrame({"children": pd.array([7, None], dtype="Int64")}, index=["a", "b"])
    result = disclosure.apply(table)
    assert result.table["children"].tolist() == ["7", "x"]
    assert "x = not available" in result.footnote


def test_default_count_columns_are_the_integer_columns() -> None:
    table = _teams(children=[3, 12]).assign(rate=[0.5, 2.0])
    result = disclosure.apply(table)
    assert result.table["rate"].tolist() == [0.5, 2.0]
    assert result.table["children"].tolist() == ["c", "12"]


@pytest.mark.parametrize(
    ("n_met", "n_resolved", "shown", "reason"),
    [
        (3, 20, "c", "its numerator is hidden"),
        (18, 20, "c", "its numerator is hidden"),  # 2 did not meet it: see below
        (0, 8, "c", "fewer than 10 in its denominator"),
        (6, 12, "50", None),
        (10, 10, "100", None),
        (20, 20, "100", None),
        (0, 12, "0", None),
        (13, 20, "65", None),
    ],
)
def test_percent_rules(n_met: int, n_resolved: int, shown: str, reason: str | None) -> None:
    table = pd.DataFrame({"n_met": [n_met], "n_resolved": [n_resolved]}, index=["all"])
    result = disclosure.apply(table, percent_columns={"percent_met": ("n_met", "n_resolved")})
    assert result.table.loc["all", "percent_met"] == shown
    percent_actions = result.actions[result.actions["action"] == "percent"]
    assert percent_actions["reason"].tolist() == ([] if reason is None else [reason])


def test_a_small_complement_hides_the_numerator_too() -> None:
    # 18 of 20 met the aim: showing 18 and 20 would say that 2 children did not.
    table = pd.DataFrame({"n_met": [18, 30], "n_resolved": [20, 40]}, index=["North", "South"])
    result = disclosure.apply(table, percent_columns={"percent_met": ("n_met", "n_resolved")})
    assert result.table.loc["North"].tolist() == ["c", "20", "c"]
    assert result.table.loc["South"].tolist() == ["30", "40", "75"]
    secondary = result.secondary_cells
    assert secondary[["row", "column"]].values.tolist() == [["North", "n_met"]]
    assert "n_resolved minus n_met is a small number" in secondary.loc[0, "reason"]


def test_a_small_complement_is_protected_across_rows() -> None:
    # South: 17 of 20 met the aim, so its n_met is hidden (3 did not). The total row then
    # needs a second hidden n_met, or South's would be 37 - 20.
    table = pd.DataFrame(
        {"n_met": [20, 17, 37], "n_resolved": [30, 20, 50]}, index=["North", "South", "Total"]
    )
    result = disclosure.apply(
        table, percent_columns={"percent_met": ("n_met", "n_resolved")}, total_row="Total"
    )
    assert result.table["n_met"].tolist() == ["c", "c", "37"]
    assert result.table["n_resolved"].tolist() == ["30", "20", "50"]
    assert result.table["percent_met"].tolist() == ["c", "c", "74"]
    reasons = result.secondary_cells["reason"].tolist()
    assert reasons[0] == (
        "in row 'South', n_resolved minus n_met is a small number that the shown counts would give"
    )


def test_percent_is_hidden_when_its_denominator_is_hidden_secondarily() -> None:
    # n_resolved for team 2 (30) is hidden only to protect team 1's 4 in the total row.
    table = pd.DataFrame(
        {"n_met": [2, 20, 22], "n_resolved": [4, 30, 34]}, index=["Team 1", "Team 2", "Total"]
    )
    result = disclosure.apply(
        table, percent_columns={"percent_met": ("n_met", "n_resolved")}, total_row="Total"
    )
    assert result.table.loc["Team 2", "n_resolved"] == "c"
    assert result.table.loc["Team 2", "percent_met"] == "c"
    assert result.table.loc["Total", "percent_met"] == "65"


def test_percent_of_zero_denominator_is_not_available_not_hidden() -> None:
    table = pd.DataFrame({"n_met": [0], "n_resolved": [0]}, index=["all"])
    result = disclosure.apply(table, percent_columns={"percent_met": ("n_met", "n_resolved")})
    assert result.table.loc["all", "percent_met"] == "x"
    assert result.actions.empty


def test_percent_is_recomputed_and_rounded_half_up() -> None:
    table = pd.DataFrame({"n_met": [5 * 3 + 10, 1], "n_resolved": [50, 40]}, index=["a", "b"])
    table["percent_met"] = 0.123  # whatever was there is replaced from the counts
    result = disclosure.apply(
        table,
        count_columns=["n_met", "n_resolved"],
        percent_columns={"percent_met": ("n_met", "n_resolved")},
    )
    assert result.table["percent_met"].tolist() == ["50", "c"]
    table.loc["a", "n_met"] = 41  # 41 / 50 = 82.0; 33 / 40 = 82.5 -> 83
    table.loc["b", "n_met"] = 33
    result = disclosure.apply(table, percent_columns={"percent_met": ("n_met", "n_resolved")})
    assert result.table["percent_met"].tolist() == ["82", "83"]


def test_reasons_never_state_the_hidden_value() -> None:
    table = _teams(children=[3, 4, 50], other=[17, 2, 60])
    result = disclosure.apply(table)
    assert not result.actions["reason"].str.contains(r"\b[2-4]\b|\b17\b", regex=True).any()


def test_footnote_always_states_the_rule_even_when_nothing_is_hidden() -> None:
    result = disclosure.apply(_teams(children=[12, 40]))
    assert result.actions.empty
    assert result.footnote == (
        "c = between 1 and 5 children: numbers this small are hidden to protect "
        "confidentiality. 0 means none."
    )


def test_footnote_unit_is_configurable() -> None:
    result = disclosure.apply(_teams(episodes=[12, 40]), unit="episodes")
    assert "between 1 and 5 episodes" in result.footnote


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="whole numbers"):
        disclosure.apply(_teams(children=[-1, 4]))
    with pytest.raises(ValueError, match="whole numbers"):
        disclosure.apply(_teams(children=[1.5, 4.0]), count_columns=["children"])
    with pytest.raises(ValueError, match="not in the table"):
        disclosure.apply(_teams(children=[1, 4]), count_columns=["nope"])
    with pytest.raises(ValueError, match="total row"):
        disclosure.apply(_teams(children=[1, 4]), total_row="Total")


def test_settings_refuse_unknown_keys_and_unsafe_rounding() -> None:
    with pytest.raises(ValidationError):
        DisclosureSettings(treshold=5)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="as 0"):
        DisclosureSettings(round_to=20)  # 1 to 9 would round to 0 but only 1 to 5 are hidden
    assert DisclosureSettings(round_to=10).round_to == 10
    assert DisclosureSettings(threshold=5, inclusive=False).largest_hidden == 4


def test_settings_load_from_a_yaml_mapping() -> None:
    settings = DisclosureSettings.model_validate(
        {"threshold": 4, "inclusive": False, "round_to": 5, "min_denominator": 20}
    )
    assert (settings.largest_hidden, settings.round_to, settings.min_denominator) == (3, 5, 20)
    assert np.isclose(settings.rollup_share, 0.5)


def test_statistics_of_small_groups_are_hidden() -> None:
    table = pd.DataFrame(
        {"n_children": [4, 9, 10, 25], "median_days": [120.4, 200.0, 150.5, np.nan]},
        index=["North", "South", "East", "West"],
    )
    result = disclosure.apply(table, statistic_columns={"median_days": "n_children"})
    assert result.table["n_children"].tolist() == ["c", "9", "10", "25"]
    assert result.table["median_days"].tolist() == ["c", "c", "151", "x"]
    statistic_actions = result.actions[result.actions["action"] == "statistic"]
    assert statistic_actions["reason"].tolist() == [
        "its group size is hidden",
        "fewer than 10 in its group",
    ]
    assert "A figure about a group (such as a median)" in result.footnote


def test_child_level_tables_are_refused() -> None:
    table = pd.DataFrame({"child_id": ["MOR-1"], "days": [30]})
    with pytest.raises(disclosure.ChildLevelDataError):
        disclosure.apply(table)
    series = pd.DataFrame({"panel_date": pd.to_datetime(["2024-01-03"]), "n": [1], "d": [2]})
    with pytest.raises(disclosure.ChildLevelDataError):
        disclosure.protect_series(series, "n", "d", month_column="panel_date")
