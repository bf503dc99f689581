"""Small vectorised date operations shared by the aim evaluations.

Each takes and returns pandas Series aligned on the journeys' index, so that the evaluation
modules read as the rules they implement.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from pace_qi import columns as col


def only_by(dates: pd.Series | None, index: pd.Index, as_of: pd.Timestamp) -> pd.Series:
    """Dates on or before `as_of`; later dates have not happened yet (NaT). None -> all NaT."""
    if dates is None:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return dates.where(dates <= as_of)


def earliest(dates: Sequence[pd.Series], index: pd.Index) -> pd.Series:
    """Row-wise earliest of several date Series, ignoring NaT (NaT when all are missing)."""
    if not dates:
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    result = dates[0]
    for other in dates[1:]:
        result = result.where(~(other < result) & result.notna(), other)
    return result


def plus_weeks(dates: pd.Series, weeks: float) -> pd.Series:
    """`dates` + 7 x weeks days (rounded to whole days)."""
    return dates + pd.Timedelta(days=round(7 * weeks))


def days_between(start: pd.Series, end: pd.Series) -> pd.Series:
    """Whole days from start to end (start day = day 0), as nullable integers."""
    return (end - start).dt.days.astype("Int64")


def cohort_filter(journeys: pd.DataFrame, where: dict[str, list[str]]) -> pd.Series:
    """Rows that pass every `where` filter (a missing column passes nothing)."""
    keep = pd.Series(True, index=journeys.index)
    for name, values in where.items():
        if name not in journeys.columns:
            return pd.Series(False, index=journeys.index)
        keep &= journeys[name].isin(values).to_numpy()
    return keep


def carried_columns(journeys: pd.DataFrame, used: tuple[str, ...]) -> list[str]:
    """The identifying columns plus the columns an aim reads (only these are copied)."""
    wanted = (col.CHILD_ID, col.EPISODE_ID, col.TEAM, *used)
    return [c for c in dict.fromkeys(wanted) if c in journeys.columns]


def month_start(dates: pd.Series) -> pd.Series:
    """The first day of each date's month (NaT stays NaT)."""
    values = dates.to_numpy(dtype="datetime64[ns]")
    return pd.Series(values.astype("datetime64[M]").astype("datetime64[ns]"), index=dates.index)


def status_columns(
    frame: pd.DataFrame,
    start: pd.Series,
    end: pd.Series,
    due: pd.Series,
    days: pd.Series,
    status: np.ndarray,
) -> dict[str, object]:
    """The columns every evaluated aim starts with, in the order the specification names them.

    `days` runs from the start to the end event (missing without one); `weeks` is days / 7.
    """
    missing = pd.Series(pd.NA, index=frame.index)
    return {
        col.CHILD_ID: frame[col.CHILD_ID],
        col.EPISODE_ID: frame.get(col.EPISODE_ID, missing),
        col.TEAM: frame.get(col.TEAM, missing),
        "start_date": start,
        "end_date": end,
        "due_date": due,
        "days": days,
        "weeks": days.astype("float64") / 7.0,
        "status": status,
    }


def later_of(a: pd.Series, b: pd.Timestamp) -> pd.Series:
    """Row-wise later of a date Series and one date."""
    return a.where(a >= b, b).where(a.notna())


__all__ = [
    "carried_columns",
    "cohort_filter",
    "days_between",
    "earliest",
    "later_of",
    "month_start",
    "only_by",
    "plus_weeks",
]
