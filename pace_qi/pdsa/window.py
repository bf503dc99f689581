"""Which children a cycle observed: those whose measure clock started in the cycle's window.

Why a module of its own: the quality check ("fewer than 5 children") and the Study numbers
must count the same children, so both ask this module.

The rule: the window runs from `plan.start` to `plan.end`, both days included, cut short at
the data's as-at date while the cycle is still running. A child is observed by the cycle when
the linked measure's `entry_date` (from `pace_qi.aims.evaluate`) falls in the window: for an
interval measure that is its start date (e.g. the 72-hour meeting), for a completion aim the
date the child entered the cohort (the later of eligibility and the cohort start). Children are
counted with the measure's own definition, cohort start included, so a window that falls
before the measure's cohort start observes nobody (the check says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pace_qi import columns as col
from pace_qi.aims import AimLike, evaluate, normalise_as_of
from pace_qi.pdsa.record import Cycle


@dataclass(frozen=True)
class Window:
    """A cycle's window: `start`, the planned `end`, and `until` = min(end, as-at date)."""

    start: pd.Timestamp
    end: pd.Timestamp
    until: pd.Timestamp

    @property
    def in_progress(self) -> bool:
        """The planned end is after the as-at date: the cycle is still running."""
        return self.until < self.end


def cycle_window(cycle: Cycle, as_of) -> Window | None:
    """The cycle's window as at `as_of`; None when a plan date is missing or end < start."""
    start, end = cycle.plan.start, cycle.plan.end
    if start is None or end is None or end < start:
        return None
    stamp = normalise_as_of(as_of)
    end_stamp = pd.Timestamp(end)
    return Window(pd.Timestamp(start), end_stamp, min(end_stamp, stamp))


def find_measure(
    measure_id: str | None, aims: Mapping[str, AimLike], measures: Mapping[str, AimLike]
) -> AimLike | None:
    """The aim or process measure with this id (aims first), or None."""
    if measure_id is None:
        return None
    return aims.get(measure_id) or measures.get(measure_id)


def with_error_columns(journeys: pd.DataFrame) -> pd.DataFrame:
    """Journeys as `evaluate` expects them: demo frames have no `error_columns`; add a clean one."""
    if col.ERROR_COLUMNS in journeys.columns:
        return journeys
    return journeys.assign(**{col.ERROR_COLUMNS: ""})


def evaluate_measure(journeys: pd.DataFrame, measure: AimLike, as_of) -> pd.DataFrame:
    """`pace_qi.aims.evaluate` of one measure, accepting journeys without `error_columns`."""
    return evaluate(with_error_columns(journeys), measure, as_of)


def observed(evaluated: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The evaluated rows whose `entry_date` lies in [window.start, window.until]."""
    entry = evaluated["entry_date"]
    keep = (entry >= window.start) & (entry <= window.until)
    return evaluated.loc[keep.fillna(False).to_numpy()]
