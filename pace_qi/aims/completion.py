"""Status of each child for a completion aim ("in a state N weeks, then an event is due").

Aim 1 is of this kind: children looked after at home on a supervision order for 104+ weeks
must have a routine audit. The rules, as at `as_of` (later dates have not happened yet):

- eligible date = state start (`start`) + 7 x `eligible_after_weeks` days;
- the state ends at the earliest `state_ends` date (by default `looked_after_end_date` and
  `accommodated_date`) strictly after the state start and on or before `as_of`;
- cohort: every usable episode whose eligible date is on or before `as_of` and whose state has
  not ended by the later of its eligible date and the cohort start (an end on that very day
  counts as ended), and that passes `where`;
- due date = the target's `by` date when the child was eligible by then, otherwise eligible
  date + 7 x `grace_weeks` days;
- status, in this order: `met` (an event on or after the cohort start and on or before the due
  date); `exited` (the state ended on or before the due date, with no such event); `not_met`
  (`as_of` is after the due date); `pending`.

`start_date` is the state start, `end_date` the event (when on or after the cohort start),
`days` = end_date - start_date, and `entry_date` the later of eligibility and the cohort start.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi.aims.definitions import CompletionAim
from pace_qi.aims.frames import (
    carried_columns,
    cohort_filter,
    days_between,
    earliest,
    later_of,
    only_by,
    plus_weeks,
    status_columns,
)


def evaluate_completion(
    journeys: pd.DataFrame, aim: CompletionAim, as_of: pd.Timestamp
) -> pd.DataFrame:
    """One row per cohort episode with its dates and status (columns: see `evaluate`)."""
    cohort_start = pd.Timestamp(aim.cohort.start_on_or_after)
    aim_date = pd.Timestamp(aim.target.by)
    state_start_all = journeys[aim.start]
    eligible_all = plus_weeks(state_start_all, aim.eligible_after_weeks)
    ends = [
        only_by(journeys[c], journeys.index, as_of).where(lambda d: d > state_start_all)
        for c in aim.state_ends
        if c in journeys.columns
    ]
    state_end_all = earliest(ends, journeys.index)
    entry_all = later_of(eligible_all, cohort_start)
    in_cohort = (
        eligible_all.notna()
        & (eligible_all <= as_of)
        & (state_end_all.isna() | (state_end_all > entry_all))
        & cohort_filter(journeys, aim.cohort.where)
    )
    frame = journeys.loc[in_cohort, carried_columns(journeys, aim.used_columns)]
    start = frame[aim.start]
    eligible = eligible_all[in_cohort]
    state_end = state_end_all[in_cohort]
    event = only_by(frame[aim.event] if aim.event in frame.columns else None, frame.index, as_of)
    event = event.where(event >= cohort_start)
    due = plus_weeks(eligible, aim.grace_weeks).where(eligible > aim_date, aim_date)

    met = (event <= due).fillna(False).to_numpy()
    exited = (state_end <= due).fillna(False).to_numpy()
    overdue = (as_of > due).to_numpy()
    status = np.select([met, exited, overdue], ["met", "exited", "not_met"], default="pending")
    outcome = np.select(
        [status == "met", status == "not_met", status == "exited"],
        [event.to_numpy(), due.to_numpy(), state_end.to_numpy()],
        default=np.datetime64("NaT"),
    )
    clock_stop = event.where(event.notna(), state_end.where(status == "exited", as_of))
    return pd.DataFrame(
        {
            **status_columns(frame, start, event, due, days_between(start, event), status),
            "eligible_date": eligible,
            "exit_date": state_end,
            "entry_date": later_of(eligible, cohort_start),
            "outcome_date": pd.Series(outcome, index=frame.index).astype(start.dtype),
            "elapsed_days": days_between(start, clock_stop),
        },
        index=frame.index,
    )
