"""Drawing stage durations: lognormal, improving over time, with a few stalled cases.

A lognormal is right-skewed and positive, as waiting times are; it is described by its median
(in weeks) and log-sd so that the figures read like the practice standards they are compared
with. The improvement work moves the log-median and log-sd linearly from baseline to improved
over `PHASE_IN_WEEKS`, as PDSA changes spread gradually through a team.
"""

from __future__ import annotations

import numpy as np

from pace_qi.demo.calibration import PHASE_IN_WEEKS, STALLED_FACTOR, STALLED_SHARE, Stage

DAYS_PER_WEEK = 7.0


def improvement_weight(stage: Stage, clock_start: np.ndarray) -> np.ndarray:
    """How far the improvement has phased in (0 baseline … 1 improved) on each clock-start date.

    `clock_start` is datetime64[D]. Missing dates (NaT) get 0; a stage without an aim never
    improves.
    """
    starts = np.asarray(clock_start, dtype="datetime64[D]")
    if stage.aim_start is None:
        return np.zeros(starts.shape)
    aim_start = np.datetime64(stage.aim_start.date(), "D")
    weeks_in = (starts - aim_start) / np.timedelta64(7, "D")
    return np.nan_to_num(np.clip(weeks_in / PHASE_IN_WEEKS, 0.0, 1.0), nan=0.0)


def draw_weeks(
    rng: np.random.Generator,
    stage: Stage,
    weight: np.ndarray,
    stalled_share: float = STALLED_SHARE,
) -> np.ndarray:
    """One duration in weeks per element of `weight` (the improvement phase-in, 0 to 1).

    A share `stalled_share` of the durations are stretched by a factor drawn uniformly from
    `STALLED_FACTOR`: the cases that wait for a court date, a carer or a missing report.
    """
    weight = np.asarray(weight, dtype=float)
    log_median = (1 - weight) * np.log(stage.median_weeks) + weight * np.log(
        stage.improved_median_weeks
    )
    log_sd = (1 - weight) * stage.log_sd + weight * stage.improved_log_sd
    weeks = np.exp(log_median + log_sd * rng.standard_normal(weight.shape))
    stalled = rng.random(weight.shape) < stalled_share
    factor = rng.uniform(*STALLED_FACTOR, size=weight.shape)
    return np.where(stalled, weeks * factor, weeks)


def weeks_to_days(weeks: np.ndarray) -> np.ndarray:
    """Whole days, at least one, so that consecutive milestones never fall on the same day."""
    return np.maximum(np.rint(np.asarray(weeks) * DAYS_PER_WEEK), 1).astype("int64")


def add_weeks(dates: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    """`dates` (datetime64[D]) plus whole days' worth of `weeks`; NaT stays NaT."""
    return dates + weeks_to_days(weeks).astype("timedelta64[D]")
