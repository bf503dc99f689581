"""Secondary suppression: hide further cells so that no hidden count can be worked out.

Three ways a reader could recover a hidden count from a table with totals, and the fix for each:

1. a line (row or column with a total) has exactly one hidden cell: subtract the shown cells
   from the total. Fix: hide the smallest other non-zero part of the line.
2. a line's hidden parts must all be 1, because zero is always shown as 0 (so a hidden count is
   at least 1) and the hidden parts add up to exactly as many as there are of them (e.g. a row
   1, 1, 30 with total 32: two hidden cells that add up to 2). Fix: as in 1.
3. hidden cells are pinned down by combining several rows and columns (a hidden cell that links
   two otherwise separate groups of hidden cells). Fix: hide the smallest non-zero cell of one
   of its lines.

The rules are applied again and again until nothing changes (a fixpoint); every pass hides at
least one more cell, so it ends. Only cells that are shown, known and non-zero are ever chosen,
and a part is preferred to a total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pace_qi.disclosure.lines import Cell, Line, disclosed_cells


@dataclass(frozen=True)
class SecondaryCell:
    """A cell hidden by secondary suppression and why (never its value)."""

    cell: Cell
    reason: str


def secondary_suppression(
    values: np.ndarray,
    hidden: np.ndarray,
    lines: list[Line],
    unseen: np.ndarray | None = None,
) -> tuple[np.ndarray, list[SecondaryCell]]:
    """Return the hidden mask grown until no hidden count can be recovered, and what was added.

    `values` holds the counts (NaN = not available); `hidden` marks the cells already hidden by
    primary suppression. `unseen` marks cells the table does not show but a reader could work
    out (such as the children who did *not* meet an aim: denominator minus numerator). Missing
    and unseen cells are unknown to the reader and never chosen; only hidden cells are protected.
    """
    hidden = hidden.copy()
    missing = np.isnan(values) if unseen is None else np.isnan(values) | unseen
    added: list[SecondaryCell] = []
    while True:
        newly = _fix_single_lines(values, hidden, missing, lines)
        if not newly:
            newly = _fix_combined_lines(values, hidden, missing, lines)
        if not newly:
            return hidden, added
        for item in newly:
            hidden[item.cell] = True
        added.extend(newly)


def _fix_single_lines(
    values: np.ndarray, hidden: np.ndarray, missing: np.ndarray, lines: list[Line]
) -> list[SecondaryCell]:
    """Rules 1 and 2: one cell per line that can be solved on its own."""
    chosen: list[SecondaryCell] = []
    for line in lines:
        unknown = [cell for cell in line.cells if hidden[cell] or missing[cell]]
        if not any(hidden[cell] for cell in unknown):
            continue
        if len(unknown) == 1:
            reason = line.why or (
                f"only hidden number in {line.name}, so it could be worked out from the total"
            )
        elif _hidden_parts_must_all_be_one(values, hidden, missing, line):
            reason = f"the hidden numbers in {line.name} could only all be 1"
        else:
            continue
        cell = _smallest_shown(values, hidden | missing, line)
        if cell is not None:
            hidden = hidden.copy()
            hidden[cell] = True
            chosen.append(SecondaryCell(cell, reason))
    return chosen


def _hidden_parts_must_all_be_one(
    values: np.ndarray, hidden: np.ndarray, missing: np.ndarray, line: Line
) -> bool:
    """True when the total is shown and the hidden parts add up to their own number."""
    if hidden[line.total] or missing[line.total]:
        return False
    hidden_parts = [cell for cell in line.parts if hidden[cell]]
    if any(missing[cell] for cell in line.parts) or not hidden_parts:
        return False
    return float(sum(values[cell] for cell in hidden_parts)) == len(hidden_parts)


def _fix_combined_lines(
    values: np.ndarray, hidden: np.ndarray, missing: np.ndarray, lines: list[Line]
) -> list[SecondaryCell]:
    """Rule 3: for the first hidden cell the equations pin down, hide one more cell by it."""
    for cell in disclosed_cells(hidden | missing, lines):
        if not hidden[cell]:
            continue
        candidates = [
            (values[choice], choice)
            for line in lines
            if cell in line.cells
            and (choice := _smallest_shown(values, hidden | missing, line)) is not None
        ]
        if candidates:
            _, choice = min(candidates)
            reason = "a hidden number could be worked out by combining rows and columns"
            return [SecondaryCell(choice, reason)]
    return []


def _smallest_shown(values: np.ndarray, unknown: np.ndarray, line: Line) -> Cell | None:
    """The smallest shown non-zero part of the line, else its total if shown and non-zero."""
    parts = [cell for cell in line.parts if not unknown[cell] and values[cell] > 0]
    if parts:
        return min(parts, key=lambda cell: (values[cell], cell))
    if not unknown[line.total] and values[line.total] > 0:
        return line.total
    return None
