"""`apply`: protect one table of counts (and percentages) for a governance audience.

The steps, in order:

1. primary suppression: counts from 1 to the threshold are hidden (`primary.small_counts`);
2. secondary suppression: in a table with a total row and/or total column, further cells are
   hidden until no hidden count can be worked out from the totals (`secondary`);
3. rounding (optional): shown counts are rounded to the nearest `round_to` (`rounding`);
4. percentages: recomputed from their (shown, possibly rounded) counts and hidden when they would
   give away a hidden or small number (`primary.hidden_percents`); statistics about a group
   (e.g. a median of days) hidden when the group is small (`primary.hidden_statistics`);
5. the display table (strings: numbers, the symbol, or `x` for not available), the record of
   what was done, and the standard footnote.

Columns that are neither counts nor percentages (labels such as `team`) pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pace_qi.disclosure.footnote import MISSING_SYMBOL, footnote
from pace_qi.disclosure.guard import check_aggregate_only
from pace_qi.disclosure.lines import Line, complement_lines, table_lines
from pace_qi.disclosure.primary import hidden_percents, hidden_statistics, small_counts
from pace_qi.disclosure.rounding import percent, round_counts, whole_number
from pace_qi.disclosure.secondary import secondary_suppression
from pace_qi.disclosure.settings import DisclosureSettings

#: Columns of `DisclosureResult.actions`: one row per hidden cell (and per rounded column).
ACTION_COLUMNS: tuple[str, ...] = ("row", "column", "action", "reason")

#: The kinds of action recorded, in the order they are taken.
ACTIONS: tuple[str, ...] = ("primary", "secondary", "percent", "statistic", "rounded", "rollup")

PercentColumns = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class DisclosureResult:
    """A protected table and an account of how it was protected.

    - `table`: the table to show. Count and percentage columns are strings: a whole number,
      the symbol (`c`) where hidden, or `x` where not available. Other columns are unchanged.
    - `actions`: one row per hidden cell with columns `row` (index label), `column`, `action`
      (`primary`, `secondary`, `percent` or `statistic`) and `reason`, plus one `rounded` row
      per rounded column (`row` is None). Reasons never state the hidden value.
    - `footnote`: the standard footnote to print under the table.
    - `hidden`: booleans shaped like `table`, True where the symbol is shown.
    """

    table: pd.DataFrame
    actions: pd.DataFrame
    footnote: str
    hidden: pd.DataFrame

    @property
    def secondary_cells(self) -> pd.DataFrame:
        """The cells hidden only to protect other cells (the record the specification asks for)."""
        return self.actions[self.actions["action"] == "secondary"].reset_index(drop=True)


def apply(
    table: pd.DataFrame,
    count_columns: Sequence[str] | None = None,
    percent_columns: PercentColumns | None = None,
    total_row: Hashable | None = None,
    total_column: str | None = None,
    settings: DisclosureSettings | None = None,
    unit: str = "children",
    statistic_columns: Mapping[str, str] | None = None,
) -> DisclosureResult:
    """Protect a table of counts for a governance audience; see the module docstring.

    - `count_columns`: the counts to protect; by default every integer column. The numerator
      and denominator of each percentage, the size of each statistic's group, and the total
      column are always included.
    - `percent_columns`: `{percent column: (numerator column, denominator column)}`; the
      percentage (0 to 100) is recomputed from the counts and shown as a whole number (a
      percent column not yet in the table is added at its end).
    - `total_row`: the index label of a row that holds the column totals.
    - `total_column`: a count column that holds the row totals: every other count column is
      then a part of it.
    - `unit`: what the counts count, for the footnote ("children", "episodes").
    - `statistic_columns`: `{statistic column: group size column}` for figures about a group
      such as a median number of days: shown as a whole number, hidden when the group's size
      is hidden or under `min_denominator`.

    The table is first checked to be aggregate (`check_aggregate_only`).
    """
    settings = settings or DisclosureSettings()
    percents = dict(percent_columns or {})
    statistics = dict(statistic_columns or {})
    check_aggregate_only(table)
    implied = [*(c for pair in percents.values() for c in pair), *statistics.values()]
    counts = _count_columns(table, count_columns, [*percents, *statistics], implied, total_column)
    _check(table, counts, [*percents, *statistics], total_row)

    values = table[counts].to_numpy(dtype=float, na_value=np.nan)
    _check_counts(values, counts)
    rows = list(table.index)
    total_row_position = None if total_row is None else rows.index(total_row)
    lines = table_lines(
        rows,
        counts,
        total_row_position,
        None if total_column is None else counts.index(total_column),
    )
    grid, unseen, extra_lines = _with_complements(
        values, counts, percents, rows, total_row_position
    )
    primary = small_counts(grid, settings)
    hidden, secondary = secondary_suppression(grid, primary, lines + extra_lines, unseen)
    hidden, primary = hidden[:, : len(counts)], primary[:, : len(counts)]
    secondary = [item for item in secondary if item.cell[1] < len(counts)]
    shown = values if settings.round_to is None else round_counts(values, settings.round_to)

    columns: dict[str, tuple[np.ndarray, np.ndarray]] = {
        column: (shown[:, j], hidden[:, j]) for j, column in enumerate(counts)
    }
    actions = [
        (rows[i], counts[j], "primary", f"a count from 1 to {settings.largest_hidden}")
        for i, j in np.argwhere(primary)
    ]
    actions += [
        (rows[item.cell[0]], counts[item.cell[1]], "secondary", item.reason) for item in secondary
    ]
    for column, (numerator, denominator) in percents.items():
        n, d = counts.index(numerator), counts.index(denominator)
        is_hidden, reason = hidden_percents(
            values[:, n], values[:, d], hidden[:, n], hidden[:, d], settings
        )
        columns[column] = _shown_or_hidden(percent(shown[:, n], shown[:, d]), is_hidden)
        actions += [(rows[i], column, "percent", reason[i]) for i in _hidden_rows(columns[column])]
    for column, size in statistics.items():
        k = counts.index(size)
        is_hidden, reason = hidden_statistics(values[:, k], hidden[:, k], settings)
        statistic = table[column].to_numpy(dtype=float, na_value=np.nan)
        columns[column] = _shown_or_hidden(statistic, is_hidden)
        actions += [
            (rows[i], column, "statistic", reason[i]) for i in _hidden_rows(columns[column])
        ]
    if settings.round_to is not None:
        actions += [
            (None, column, "rounded", f"rounded to the nearest {settings.round_to}")
            for column in counts
        ]

    display, hidden_frame = _display_table(table, columns, settings.symbol)
    note = footnote(
        settings,
        unit=unit,
        secondary=bool(secondary),
        percents=bool(percents),
        statistics=bool(statistics),
        rounded=settings.round_to is not None,
        missing=any(np.isnan(shown_values).any() for shown_values, _ in columns.values()),
    )
    return DisclosureResult(display, actions_frame(actions), note, hidden_frame)


def _with_complements(
    values: np.ndarray,
    counts: list[str],
    percents: dict[str, tuple[str, str]],
    rows: list[object],
    total_row: int | None,
) -> tuple[np.ndarray, np.ndarray, list[Line]]:
    """The count grid with an unshown complement column (denominator - numerator) per percent.

    Returns the grid, which of its cells the table does not show, and the complement lines.
    """
    pairs = list(dict.fromkeys(percents.values()))
    complements = [values[:, counts.index(d)] - values[:, counts.index(n)] for n, d in pairs]
    grid = np.column_stack([values, *complements]) if complements else values
    unseen = np.zeros(grid.shape, dtype=bool)
    unseen[:, len(counts) :] = True
    positions = [
        (counts.index(n), counts.index(d), len(counts) + k, f"{d} minus {n}")
        for k, (n, d) in enumerate(pairs)
    ]
    return grid, unseen, complement_lines(rows, positions, total_row)


def _shown_or_hidden(values: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whole numbers to show and where to hide them; an undefined value is `x`, never hidden."""
    return whole_number(values), hidden & ~np.isnan(values)


def _hidden_rows(column: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Positions of the hidden cells of a (values, hidden) column."""
    return np.flatnonzero(column[1])


def _display_table(
    table: pd.DataFrame, columns: dict[str, tuple[np.ndarray, np.ndarray]], symbol: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The display table (protected columns as text) and where the symbol is shown."""
    order = [*table.columns, *(column for column in columns if column not in table.columns)]
    display = table.reindex(columns=order)
    hidden_frame = pd.DataFrame(False, index=table.index, columns=order)
    for column, (values, hidden) in columns.items():
        display[column] = _display(values, hidden, symbol, table.index)
        hidden_frame[column] = hidden
    return display, hidden_frame


def actions_frame(actions: list[tuple[object, str, str, str]]) -> pd.DataFrame:
    """The record of actions as a DataFrame with `ACTION_COLUMNS` (empty but typed if none).

    `row` stays as given (index labels, periods, or None for a whole column), never coerced.
    """
    rows, columns, kinds, reasons = zip(*actions, strict=True) if actions else ((), (), (), ())
    return pd.DataFrame(
        {
            "row": pd.Series(list(rows), dtype=object),
            "column": pd.Series(list(columns), dtype="str"),
            "action": pd.Series(list(kinds), dtype="str"),
            "reason": pd.Series(list(reasons), dtype="str"),
        }
    )


def _display(values: np.ndarray, hidden: np.ndarray, symbol: str, index: pd.Index) -> pd.Series:
    """Whole numbers as text, the symbol where hidden, `x` where not available."""
    numbers = np.nan_to_num(values, nan=0.0).astype(np.int64).astype(str)
    text = np.where(hidden, symbol, np.where(np.isnan(values), MISSING_SYMBOL, numbers))
    return pd.Series(text, index=index, dtype="str")


def _count_columns(
    table: pd.DataFrame,
    count_columns: Sequence[str] | None,
    derived: list[str],
    implied: list[str],
    total_column: str | None,
) -> list[str]:
    """The count columns in table order: given or every integer column, plus those implied."""
    if count_columns is None:
        chosen = {
            column
            for column in table.columns
            if pd.api.types.is_integer_dtype(table[column])
            and not pd.api.types.is_bool_dtype(table[column])
            and column not in derived
        }
    else:
        chosen = set(count_columns)
    chosen |= set(implied)
    if total_column is not None:
        chosen.add(total_column)
    missing = sorted(str(column) for column in chosen if column not in table.columns)
    if missing:
        raise ValueError(f"count columns not in the table: {', '.join(missing)}")
    return [column for column in table.columns if column in chosen]


def _check(
    table: pd.DataFrame,
    counts: list[str],
    derived: list[str],
    total_row: Hashable | None,
) -> None:
    """Refuse tables the rules cannot protect reliably."""
    if not table.index.is_unique:
        raise ValueError("the table's index labels must be unique to record hidden cells")
    if total_row is not None and total_row not in table.index:
        raise ValueError(f"total row {total_row!r} is not in the table's index")
    overlap = sorted(set(derived) & set(counts))
    if overlap:
        raise ValueError(f"columns both counts and percentages or statistics: {', '.join(overlap)}")


def _check_counts(values: np.ndarray, counts: list[str]) -> None:
    """Counts must be whole numbers from 0 up (NaN = not available is allowed)."""
    known = values[~np.isnan(values)]
    if (known < 0).any() or (known != np.floor(known)).any():
        raise ValueError(
            f"count columns must hold whole numbers from 0 up: {', '.join(map(str, counts))}"
        )
