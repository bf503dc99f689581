"""A last check before a table leaves for a governance audience: aggregates only.

Governance reports never carry a child's identity: no ids, names, dates of birth, per-child
dates, spreadsheet row numbers or pseudonyms. `apply` protects the numbers; this check refuses a
table whose *shape* shows it is still child-level, whatever its numbers.
"""

from __future__ import annotations

import re

import pandas as pd

from pace_qi.columns import (
    CHILD_ID,
    DATE_OF_BIRTH,
    EPISODE_ID,
    ERROR_COLUMNS,
    SOURCE_ROW,
    is_date_column,
)
from pace_qi.pseudonyms import PSEUDONYM

#: Columns that only a child-level table has.
CHILD_LEVEL_COLUMNS: frozenset[str] = frozenset(
    {CHILD_ID, EPISODE_ID, DATE_OF_BIRTH, SOURCE_ROW, ERROR_COLUMNS, PSEUDONYM, "name"}
)

#: Text that looks like a pseudonym from `pace_qi.pseudonyms` (child or episode).
_PSEUDONYM_TEXT = re.compile(r"\b[CE]-[0-9A-F]{6,64}\b")


class ChildLevelDataError(ValueError):
    """A table meant for a governance audience still holds child-level data."""


def check_aggregate_only(table: pd.DataFrame) -> None:
    """Raise `ChildLevelDataError` if the table has child-level columns or pseudonyms in it.

    Child-level columns are the contract's identifiers (`child_id`, `episode_id`,
    `date_of_birth`, `source_row`, `error_columns`), `pseudonym`, `name`, and any date column
    (a name ending in `_date`), in the columns or the index. Text cells and index labels that
    look like pseudonyms (`C-7F3A9B2C`) are refused too.
    """
    names = [*map(str, table.columns), *(str(n) for n in table.index.names if n is not None)]
    child_level = sorted(
        name for name in names if name.lower() in CHILD_LEVEL_COLUMNS or is_date_column(name)
    )
    if child_level:
        raise ChildLevelDataError(
            "a governance table cannot hold child-level columns: " + ", ".join(child_level)
        )
    texts = [table[column] for column in table.columns if _is_text(table[column])]
    texts += [
        table.index.get_level_values(level).to_series()
        for level in range(table.index.nlevels)
        if _is_text(table.index.get_level_values(level))
    ]
    for text in texts:
        if text.astype("str").str.contains(_PSEUDONYM_TEXT, na=False).any():
            raise ChildLevelDataError(
                f"a governance table cannot hold pseudonyms (found in {text.name!r})"
            )


def _is_text(values: pd.Series | pd.Index) -> bool:
    """Text or mixed (object) values, where an id or pseudonym could hide."""
    return pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)
