"""`evaluate`: one status per cohort child for an aim or measure, as at a date.

This is the arrow "validated journeys -> per-child status" of the data flow; every number in
every report is counted from its output. The exact rules for each kind are in
`pace_qi.aims.interval` and `pace_qi.aims.completion` (and `docs/aims.md`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pace_qi import columns as col
from pace_qi.aims.completion import evaluate_completion
from pace_qi.aims.definitions import AimLike
from pace_qi.aims.interval import evaluate_interval
from pace_qi.aims.rows import unusable
from pace_qi.errors import UserFacingError

#: The statuses, in the order the rules check them (also the order of the categorical).
STATUSES: tuple[str, ...] = ("met", "not_met", "exited", "pending")

AsOf = dt.date | dt.datetime | str | pd.Timestamp


def normalise_as_of(as_of: AsOf) -> pd.Timestamp:
    """A date, ISO text or Timestamp as a midnight Timestamp (the one form used inside)."""
    try:
        stamp = pd.Timestamp(as_of)
    except (TypeError, ValueError) as exc:
        message = f"as-of date {as_of!r} is not a date; write it as YYYY-MM-DD"
        raise UserFacingError(message) from exc
    if pd.isna(stamp):
        raise UserFacingError("an as-of date is needed (write it as YYYY-MM-DD)")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


def _check_columns(journeys: pd.DataFrame, aim: AimLike) -> None:
    """The clock and cohort columns must exist (exit columns are optional)."""
    clock = (aim.start, aim.event if aim.kind == "completion" else aim.end)  # type: ignore[union-attr]
    missing = [c for c in (col.CHILD_ID, *clock, *aim.cohort.where) if c not in journeys.columns]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        raise UserFacingError(
            f"aim '{aim.id}' uses the column(s) {names}, which the data does not have: "
            "add them to the extract (or map them), or correct the aim's parameter file"
        )


def evaluate(journeys: pd.DataFrame, aim: AimLike, as_of: AsOf) -> pd.DataFrame:
    """Each cohort child's status for `aim` as at `as_of`.

    Input: journeys in the canonical form (`pace_qi.columns`). Rows with a validation error in
    a column the aim reads, or whose end date precedes their start date, are left out (see
    `pace_qi.aims.excluded`).

    Output, one row per cohort episode in the journeys' row order:

    - `child_id, episode_id, start_date, end_date, due_date, days, weeks, status` (named in
      the specification). `end_date` is NaT when the end event has not happened by `as_of`;
      `days` (nullable Int64) and `weeks` (float) are end - start, missing without an end.
      `status` is categorical: met, not_met, exited, pending.
    - `guidance_date`, `reminder_date`: start + guidance / reminder weeks, when the aim has them.
    - `team`: the child's team (missing when the extract has none), for stratifying.
    - `exit_date`: the exit (interval) or state end (completion) on or before `as_of`, if any.
    - `entry_date`: when the child entered the cohort (interval: the start date; completion:
      the later of eligibility and the cohort start) - for cohort-month series.
    - `eligible_date` (completion only): state start + eligible weeks.
    - `outcome_date`: when the outcome became known - met: the end date; not_met: the due
      date; exited: the exit date; pending: NaT.
    - `elapsed_days`: how long the clock has run - to the end date, else to the exit date for
      exited children, else to `as_of` (a lower bound for not_met without an end date).
    - `pending`: status == "pending"; `aim`: the aim's id.

    `attrs` holds `as_of` (Timestamp) and `aim` (id).

    Raises `UserFacingError` when `as_of` is not a date, or when the data lacks the aim's
    start, end/event or `where` columns (exit columns may be absent: then nobody exits).
    """
    stamp = normalise_as_of(as_of)
    _check_columns(journeys, aim)
    left_out = unusable(journeys, aim).to_numpy()
    usable = journeys.loc[~left_out] if left_out.any() else journeys
    if aim.kind == "completion":
        result = evaluate_completion(usable, aim, stamp)  # type: ignore[arg-type]
    else:
        result = evaluate_interval(usable, aim, stamp)  # type: ignore[arg-type]
    result["status"] = pd.Categorical(result["status"], categories=list(STATUSES))
    result["pending"] = (result["status"] == "pending").to_numpy()
    result["aim"] = aim.id
    result = result.reset_index(drop=True)
    result.attrs = {"as_of": stamp, "aim": aim.id}
    return result
