"""Secondary suppression: no hidden count can be worked out from the totals.

Hand-worked tables for each rule, and a property test over random tables whose check is written
independently of the module: a hidden cell is recoverable when adding its unit vector to the line
equations does not raise their rank (linear algebra), or when the hidden parts of a line with a
shown total can only all be 1 (zero is always shown, so a hidden count is at least 1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pace_qi import disclosure


def _with_totals(data: list[list[int]], row: bool, column: bool) -> pd.DataFrame:
    table = pd.DataFrame(
        data,
        index=[f"r{i}" for i in range(len(data))],
        columns=[f"c{j}" for j in range(len(data[0]))],
    )
    if column:
        table["Total"] = table.sum(axis=1)
    if row:
        table.loc["Total"] = table.sum(axis=0)
    return table


def _apply(table: pd.DataFrame, row: bool, column: bool) -> disclosure.DisclosureResult:
    return disclosure.apply(
        table, total_row="Total" if row else None, total_column="Total" if column else None
    )


def test_row_with_only_one_small_cell_hides_its_smallest_other_non_zero_cell() -> None:
    table = _with_totals([[3, 0, 20, 15], [10, 11, 12, 13]], row=False, column=True)
    result = _apply(table, row=False, column=True)
    assert result.table.loc["r0"].tolist() == ["c", "0", "20", "c", "38"]
    assert result.table.loc["r1"].tolist() == ["10", "11", "12", "13", "46"]
    assert result.secondary_cells[["row", "column"]].values.tolist() == [["r0", "c3"]]
    assert "only hidden number in row 'r0'" in result.secondary_cells.loc[0, "reason"]
    assert "Some larger numbers are also shown as c" in result.footnote


def test_total_row_only_protects_each_column() -> None:
    table = _with_totals([[2, 30], [9, 31], [14, 32]], row=True, column=False)
    result = _apply(table, row=True, column=False)
    assert result.table["c0"].tolist() == ["c", "c", "14", "25"]
    assert result.table["c1"].tolist() == ["30", "31", "32", "93"]


def test_no_total_means_no_secondary_suppression() -> None:
    result = disclosure.apply(pd.DataFrame({"n": [2, 30, 40]}))
    assert result.table["n"].tolist() == ["c", "30", "40"]
    assert result.secondary_cells.empty


def test_two_small_cells_in_a_line_need_nothing_more() -> None:
    table = _with_totals([[2, 4, 30]], row=False, column=True)
    result = _apply(table, row=False, column=True)
    assert result.table.loc["r0"].tolist() == ["c", "c", "30", "36"]
    assert result.secondary_cells.empty


def test_hidden_cells_that_could_only_be_ones_are_protected() -> None:
    # 1 + 1 + 30 = 32: two hidden cells adding up to 2 must both be 1.
    table = _with_totals([[1, 1, 30]], row=False, column=True)
    result = _apply(table, row=False, column=True)
    assert result.table.loc["r0"].tolist() == ["c", "c", "c", "32"]
    assert "could only all be 1" in result.secondary_cells.loc[0, "reason"]


def test_a_small_total_hides_its_parts_and_no_more() -> None:
    table = _with_totals([[0, 0, 4], [7, 8, 9]], row=False, column=True)
    result = _apply(table, row=False, column=True)
    assert result.table.loc["r0"].tolist() == ["0", "0", "c", "c"]
    assert result.secondary_cells.empty


def test_two_way_table_hides_a_rectangle() -> None:
    # Team A adoption 3 and team B kinship 1 are small; every row and column has a total.
    table = _with_totals([[3, 20], [10, 1], [12, 7]], row=True, column=True)
    result = _apply(table, row=True, column=True)
    assert result.hidden.loc[["r0", "r1"], ["c0", "c1"]].to_numpy().all()
    assert result.hidden.sum().sum() == 4
    assert sorted(map(tuple, result.secondary_cells[["row", "column"]].values.tolist())) == [
        ("r0", "c1"),
        ("r1", "c0"),
    ]


def test_a_hidden_row_total_is_protected_in_the_total_column() -> None:
    # Row r0 is all small, so its total (5) is hidden; the total column then needs a second
    # hidden cell, or r0's total = grand total - other row totals.
    table = _with_totals([[2, 3], [20, 30], [40, 50]], row=True, column=True)
    result = _apply(table, row=True, column=True)
    assert result.table.loc["r0"].tolist() == ["c", "c", "c"]
    hidden_totals = result.hidden.loc[["r0", "r1", "r2"], "Total"]
    assert hidden_totals.sum() >= 2
    assert _recoverable(table, result.hidden, row=True, column=True) == []


def test_a_cell_linking_two_hidden_rectangles_is_protected() -> None:
    # Small cells form two 2x2 rectangles (r0-r1 x c0-c1 and r2-r3 x c2-c3) joined by (r0, c2).
    # Every line has two or more hidden cells, yet (r0, c2) can be worked out by combining
    # lines: it must be caught by the check across rows and columns.
    big = 40
    data = [
        [2, 3, 4, big, big],
        [3, 2, big, big, big],
        [big, big, 2, 3, big],
        [big, big, 3, 2, big],
    ]
    table = _with_totals(data, row=True, column=True)
    primary_only = table.map(lambda v: 0 < v <= 5)
    assert _recoverable(table, primary_only, row=True, column=True) == [("r0", "c2")]
    result = _apply(table, row=True, column=True)
    assert "combining rows and columns" in " ".join(result.secondary_cells["reason"])
    assert _recoverable(table, result.hidden, row=True, column=True) == []


values = st.one_of(st.just(0), st.integers(1, 5), st.integers(6, 60))


@st.composite
def tables(draw: st.DrawFn) -> tuple[pd.DataFrame, bool, bool]:
    n_rows = draw(st.integers(1, 5))
    n_columns = draw(st.integers(1, 4))
    data = draw(
        st.lists(
            st.lists(values, min_size=n_columns, max_size=n_columns),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
    row, column = draw(st.sampled_from([(True, True), (True, False), (False, True)]))
    return _with_totals(data, row, column), row, column


@settings(max_examples=75, deadline=None)
@given(tables())
def test_no_hidden_count_can_be_worked_out(case: tuple[pd.DataFrame, bool, bool]) -> None:
    table, row, column = case
    result = _apply(table, row, column)
    hidden = result.hidden[table.columns]

    small = (table > 0) & (table <= 5)
    assert hidden[small].fillna(True).to_numpy().all(), "every small count is hidden"
    assert not hidden[table == 0].fillna(False).to_numpy().any(), "zero is never hidden"
    shown = result.table[table.columns].where(~hidden)
    assert (shown.fillna("").eq(table.astype("str").where(~hidden).fillna(""))).all().all()

    for cells in _lines(table, row, column):
        n_hidden = sum(bool(hidden.at[cell]) for cell in cells)
        assert n_hidden != 1, "a line never has exactly one hidden cell"
    assert _recoverable(table, hidden, row, column) == []
    assert len(result.secondary_cells) == int(hidden.sum().sum() - small.sum().sum())


def _lines(table: pd.DataFrame, row: bool, column: bool) -> list[list[tuple[str, str]]]:
    """Each line as its cells (row and column labels), the total last."""
    lines = []
    if column:
        parts = [c for c in table.columns if c != "Total"]
        lines += [[(r, c) for c in parts] + [(r, "Total")] for r in table.index]
    if row:
        parts = [r for r in table.index if r != "Total"]
        lines += [[(r, c) for r in parts] + [("Total", c)] for c in table.columns]
    return lines


def _recoverable(
    table: pd.DataFrame, hidden: pd.DataFrame, row: bool, column: bool
) -> list[tuple[str, str]]:
    """Hidden cells a reader could work out exactly from the shown cells and the totals."""
    value = {(r, c): table.at[r, c] for r in table.index for c in table.columns}
    is_hidden = {(r, c): bool(hidden.at[r, c]) for r in table.index for c in table.columns}
    lines = _lines(table, row, column)
    unknown = [cell for cell, h in is_hidden.items() if h]
    if not unknown:
        return []
    matrix = np.array(
        [
            [(1 if cell in cells[:-1] else -1 if cell == cells[-1] else 0) for cell in unknown]
            for cells in lines
        ]
    )
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for k, cell in enumerate(unknown):
        unit = np.zeros((1, len(unknown)))
        unit[0, k] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(cell)
    for cells in lines:
        hidden_parts = [cell for cell in cells[:-1] if is_hidden[cell]]
        all_ones = sum(value[cell] for cell in hidden_parts) == len(hidden_parts)
        if hidden_parts and not is_hidden[cells[-1]] and all_ones:
            found.update(hidden_parts)
    return sorted(found)


@st.composite
def percent_tables(draw: st.DrawFn) -> pd.DataFrame:
    n_rows = draw(st.integers(1, 5))
    resolved = draw(st.lists(values, min_size=n_rows, max_size=n_rows))
    met = [draw(st.integers(0, n)) for n in resolved]
    table = pd.DataFrame(
        {"n_met": met, "n_resolved": resolved}, index=[f"r{i}" for i in range(n_rows)]
    )
    table.loc["Total"] = table.sum(axis=0)
    return table


@settings(max_examples=40, deadline=None)
@given(percent_tables())
def test_percent_tables_give_nothing_small_away(table: pd.DataFrame) -> None:
    result = disclosure.apply(
        table, percent_columns={"percent_met": ("n_met", "n_resolved")}, total_row="Total"
    )
    hidden = result.hidden
    both_shown = ~hidden["n_met"] & ~hidden["n_resolved"]
    complement = table["n_resolved"] - table["n_met"]
    assert not ((complement > 0) & (complement <= 5) & both_shown).any()
    for column in ("n_met", "n_resolved"):
        assert hidden[column].sum() != 1, "a column with a total never has one hidden cell"
    percent_shown = ~hidden["percent_met"] & (table["n_resolved"] > 0)
    assert (both_shown | ~percent_shown).all()
    assert (table.loc[percent_shown, "n_resolved"] >= 10).all()
    expected = np.floor(100 * table["n_met"] / table["n_resolved"] + 0.5)
    shown_text = result.table.loc[percent_shown, "percent_met"]
    assert shown_text.tolist() == [str(int(v)) for v in expected[percent_shown]]
