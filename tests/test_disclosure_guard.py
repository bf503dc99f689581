"""The aggregate-only check that a governance table carries no child-level data."""

from __future__ import annotations

import pandas as pd
import pytest

from pace_qi import disclosure
from pace_qi.disclosure import ChildLevelDataError


def test_an_aggregate_table_passes() -> None:
    table = pd.DataFrame({"team": ["North", "South"], "children": ["c", "12"]})
    disclosure.check_aggregate_only(table)
    disclosure.check_aggregate_only(
        pd.DataFrame(
            {
                "month": pd.date_range("2024-01-01", periods=2, freq="MS"),
                "percent_met": [50.0, 60.0],
            }
        )
    )


@pytest.mark.parametrize(
    "column", ["child_id", "episode_id", "date_of_birth", "source_row", "pseudonym", "panel_date"]
)
def test_child_level_columns_are_refused(column: str) -> None:
    table = pd.DataFrame({column: ["x"], "children": ["12"]})
    with pytest.raises(ChildLevelDataError, match=column):
        disclosure.check_aggregate_only(table)


def test_a_child_level_index_is_refused() -> None:
    table = pd.DataFrame({"days": [30]}, index=pd.Index(["MOR-001"], name="child_id"))
    with pytest.raises(ChildLevelDataError, match="child_id"):
        disclosure.check_aggregate_only(table)


def test_pseudonyms_in_cells_or_labels_are_refused() -> None:
    with pytest.raises(ChildLevelDataError, match="pseudonym"):
        disclosure.check_aggregate_only(pd.DataFrame({"who": ["C-7F3A9B2C"], "n": [1]}))
    labelled = pd.DataFrame({"n": [12]}, index=["Child C-7F3A9B2C"])
    with pytest.raises(ChildLevelDataError, match="pseudonym"):
        disclosure.check_aggregate_only(labelled)
