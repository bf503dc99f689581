"""Which journey rows an aim can use, and why the others are left out.

Validation (in `pace_qi.data`) records the columns of each row that failed in `error_columns`.
A row with an error in any column an aim reads (its start, end, event, exit and `where`
columns) cannot be placed in that aim honestly, so it is left out of the aim and listed by
`excluded`: no row is silently lost. A row whose end date comes before its start date is left
out for the same reason. A row with a missing start date is neither used nor excluded: its
clock never started.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import columns as col
from pace_qi.aims.definitions import AimLike

EXCLUDED_COLUMNS: tuple[str, ...] = (col.CHILD_ID, col.EPISODE_ID, col.SOURCE_ROW, "reason")


def _end_column(aim: AimLike) -> str:
    return aim.event if aim.kind == "completion" else aim.end  # type: ignore[union-attr]


def error_hits(journeys: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """One boolean column per name: does this row's `error_columns` list that column?

    Only rows that have any error are searched, so clean extracts cost almost nothing.
    """
    hits = pd.DataFrame(False, index=journeys.index, columns=list(dict.fromkeys(names)))
    if col.ERROR_COLUMNS not in journeys.columns or hits.empty:
        return hits
    errors = journeys[col.ERROR_COLUMNS]
    has_error = errors.notna() & (errors.astype("str") != "")
    if not has_error.any():
        return hits
    padded = ";" + errors[has_error].astype("str").str.replace(" ", "", regex=False) + ";"
    for name in hits.columns:
        hits.loc[has_error, name] = padded.str.contains(f";{name};", regex=False).to_numpy()
    return hits


def end_before_start(journeys: pd.DataFrame, aim: AimLike) -> pd.Series:
    """Rows whose end (or event) date is earlier than their start date."""
    if aim.kind == "completion":
        return pd.Series(False, index=journeys.index)
    start, end = journeys.get(aim.start), journeys.get(_end_column(aim))
    if start is None or end is None:
        return pd.Series(False, index=journeys.index)
    return (end < start).fillna(False).astype(bool)


def unusable(journeys: pd.DataFrame, aim: AimLike) -> pd.Series:
    """True for the rows `evaluate` must leave out (they are listed by `excluded`)."""
    present = tuple(c for c in aim.used_columns if c in journeys.columns)
    bad = error_hits(journeys, present).any(axis=1)
    return bad | end_before_start(journeys, aim)


def excluded(journeys: pd.DataFrame, aim: AimLike) -> pd.DataFrame:
    """The rows left out of an aim and why: `child_id, episode_id, source_row, reason`.

    `reason` names the failed columns ("validation error in panel_date") or the order problem
    ("panel_date is before permanence_recommendation_date").
    """
    present = tuple(c for c in aim.used_columns if c in journeys.columns)
    hits = error_hits(journeys, present)
    order = end_before_start(journeys, aim)
    bad = hits.any(axis=1) | order
    if not bad.any():
        return pd.DataFrame({name: pd.Series(dtype="object") for name in EXCLUDED_COLUMNS})
    hits, order = hits[bad], order[bad]
    failed = pd.Series("", index=hits.index, dtype="object")
    for name in hits.columns:
        sep = np.where(failed != "", ", ", "")
        failed = failed.where(~hits[name], failed + sep + name)
    reason = pd.Series(
        np.where(failed != "", "validation error in " + failed, ""), index=hits.index
    )
    if aim.kind != "completion":
        order_text = f"{_end_column(aim)} is before {aim.start}"
        sep = np.where(reason != "", "; ", "")
        reason = reason.where(~order, reason + sep + order_text)
    rows = journeys.loc[bad]
    source = rows[col.SOURCE_ROW] if col.SOURCE_ROW in rows.columns else pd.NA
    episode = rows[col.EPISODE_ID] if col.EPISODE_ID in rows.columns else pd.NA
    return pd.DataFrame(
        {
            col.CHILD_ID: rows[col.CHILD_ID],
            col.EPISODE_ID: episode,
            col.SOURCE_ROW: source,
            "reason": reason.astype("str"),
        }
    ).reset_index(drop=True)
