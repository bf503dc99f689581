"""The lines of a table that add up to a total, and the cells a reader can work out from them.

A table with a total column has one line per row (the row's cells add up to its total); a table
with a total row has one line per column. A reader knows every shown number, so each line is an
equation `sum(parts) = total` in the hidden numbers. A hidden number is *disclosed* when these
equations pin it down: that is what secondary suppression must prevent.

Cells are addressed by (row position, column position) in a grid of counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Cell = tuple[int, int]


@dataclass(frozen=True)
class Line:
    """Cells that add up to a total: `name` says which row or column it is, for the record.

    `why` replaces the usual reason when the line's only hidden cell is protected.
    """

    name: str
    parts: tuple[Cell, ...]
    total: Cell
    why: str | None = None

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The parts and the total together: every cell of the equation."""
        return (*self.parts, self.total)


def table_lines(
    row_labels: list[object],
    column_labels: list[object],
    total_row: int | None,
    total_column: int | None,
) -> list[Line]:
    """The lines of a grid with an optional total row and total column (given by position).

    With a total column, each row (the total row included) adds up to its total; with a total
    row, each column (the total column included) adds up to the total row's cell.
    """
    lines: list[Line] = []
    n_rows, n_columns = len(row_labels), len(column_labels)
    if total_column is not None:
        for i in range(n_rows):
            parts = tuple((i, j) for j in range(n_columns) if j != total_column)
            lines.append(Line(f"row {row_labels[i]!r}", parts, (i, total_column)))
    if total_row is not None:
        for j in range(n_columns):
            parts = tuple((i, j) for i in range(n_rows) if i != total_row)
            lines.append(Line(f"column {column_labels[j]!r}", parts, (total_row, j)))
    return lines


def disclosed_cells(unknown: np.ndarray, lines: list[Line]) -> list[Cell]:
    """The unknown cells that the line equations determine exactly.

    The equations restricted to the unknown cells form a matrix A (one row per line, +1 for a
    part, -1 for the total). An unknown is determined exactly when every solution of A x = 0
    is zero at that cell, i.e. when its column is zero in every null-space vector of A. This
    catches what a line-by-line check misses, such as a hidden cell that can be worked out by
    combining several rows and columns.
    """
    unknown_cells = [tuple(int(k) for k in cell) for cell in np.argwhere(unknown)]
    if not unknown_cells or not lines:
        return []
    position = {cell: k for k, cell in enumerate(unknown_cells)}
    equations = np.zeros((len(lines), len(unknown_cells)))
    for row, line in enumerate(lines):
        for cell in line.parts:
            if cell in position:
                equations[row, position[cell]] = 1.0
        if line.total in position:
            equations[row, position[line.total]] = -1.0
    _, singular_values, vt = np.linalg.svd(equations, full_matrices=True)
    rank = int(np.sum(singular_values > 1e-9))
    null_space = vt[rank:]
    if null_space.shape[0] == 0:
        return list(unknown_cells)
    free = np.abs(null_space).max(axis=0) > 1e-9
    return [cell for cell, is_free in zip(unknown_cells, free, strict=True) if not is_free]


def complement_lines(
    row_labels: list[object],
    pairs: list[tuple[int, int, int, str]],
    total_row: int | None,
) -> list[Line]:
    """Lines for the complement of each percentage: numerator + complement = denominator.

    `pairs` holds (numerator position, denominator position, complement position, name) in a
    grid where the complement is an extra, unshown column. A table that shows a numerator and
    its denominator shows their difference too (e.g. the children who did *not* meet an aim), so
    a small difference must be protected like any other small count. With a total row, the
    complements of the rows add up to the complement of the total.
    """
    lines: list[Line] = []
    for numerator, denominator, complement, name in pairs:
        for i, label in enumerate(row_labels):
            why = f"in row {label!r}, {name} is a small number that the shown counts would give"
            parts = ((i, numerator), (i, complement))
            lines.append(Line(f"row {label!r} ({name})", parts, (i, denominator), why))
        if total_row is not None:
            parts = tuple((i, complement) for i in range(len(row_labels)) if i != total_row)
            lines.append(Line(f"the column of {name}", parts, (total_row, complement)))
    return lines
