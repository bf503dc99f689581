"""Status of each child for an interval aim ("end within N weeks of start").

The rules, as at a date `as_of` (any date after `as_of` counts as not yet happened):

- Cohort: every usable episode whose start date is on or after the cohort start and on or
  before `as_of`, and that passes the cohort's `where` filters.
- days = end - start (the start day is day 0); "within N weeks" means days <= 7N. The deadline
  (`due_date`) is start + 7N days.
- The exit date is the earliest of the exit columns (by default `looked_after_end_date` and
  `plan_changed_date`) that falls on or after the start date and on or before `as_of`.
- Each child gets exactly one status, checked in this order:
  1. `met`: end date present and days <= 7N;
  2. `not_met`: end date present and days > 7N;
  3. `exited`: an exit date on or before the deadline (left out of the denominator);
  4. `not_met`: `as_of` - start > 7N days (the deadline passed with no end date);
  5. `pending`: otherwise (the clock is still running).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi.aims.definitions import IntervalMeasure
from pace_qi.aims.frames import (
    carried_columns,
    cohort_filter,
    days_between,
    earliest,
    only_by,
    plus_weeks,
    status_columns,
)


def evaluate_interval(
    journeys: pd.DataFrame, aim: IntervalMeasure, as_of: pd.Timestamp
) -> pd.DataFrame:
    """One row per cohort episode with its dates and status (columns: see `evaluate`)."""
    start_all = journeys[aim.start]
    cohort_start = pd.Timestamp(aim.cohort.start_on_or_after)
    in_cohort = (
        start_all.notna()
        & (start_all >= cohort_start)
        & (start_all <= as_of)
        & cohort_filter(journeys, aim.cohort.where)
    )
    frame = journeys.loc[in_cohort, carried_columns(journeys, aim.used_columns)]
    start = frame[aim.start]
    end = only_by(frame[aim.end] if aim.end in frame.columns else None, frame.index, as_of)
    exits = [
        only_by(frame[c], frame.index, as_of).where(lambda d: d >= start)
        for c in aim.exits
        if c in frame.columns
    ]
    exit_date = earliest(exits, frame.index)
    due = plus_weeks(start, aim.within_weeks)
    limit = round(7 * aim.within_weeks)

    days = days_between(start, end)
    has_end = end.notna().to_numpy()
    within = (days <= limit).fillna(False).to_numpy()
    exited = (exit_date <= due).fillna(False).to_numpy()
    overdue = ((as_of - start).dt.days > limit).to_numpy()
    status = np.select(
        [has_end & within, has_end, exited, overdue],
        ["met", "not_met", "exited", "not_met"],
        default="pending",
    )
    outcome = np.select(
        [status == "met", status == "not_met", status == "exited"],
        [end.to_numpy(), due.to_numpy(), exit_date.to_numpy()],
        default=np.datetime64("NaT"),
    )
    clock_stop = end.where(end.notna(), exit_date.where(status == "exited", as_of))

    out = status_columns(frame, start, end, due, days, status)
    if aim.guidance_weeks is not None:
        out["guidance_date"] = plus_weeks(start, aim.guidance_weeks)
    if aim.reminder_weeks is not None:
        out["reminder_date"] = plus_weeks(start, aim.reminder_weeks)
    out |= {
        "exit_date": exit_date,
        "entry_date": start,
        "outcome_date": pd.Series(outcome, index=frame.index).astype(start.dtype),
        "elapsed_days": days_between(start, clock_stop),
    }
    return pd.DataFrame(out, index=frame.index)
