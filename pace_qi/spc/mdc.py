"""Making Data Count (NHS England) XmR charts, as NHSRplotthedots computes them.

Limits are mean ± 2.66·MR̄ (moving ranges screened at 3.267·MR̄ unless `screen_mr=False`,
which matches the MDC Excel tool). Each point gets one special-cause type, in this precedence:
outside the limits; part of a trend of 7 (a tie breaks it); one of 2 of 3 consecutive points
beyond 2σ on the same side (only those points, and all 3 on one side of the mean); part of a
shift of 7 on one side of the mean (a point on the mean breaks it). With an improvement
direction, a special cause is an improvement or a concern according to its side of the mean.
"""

from __future__ import annotations

import numpy as np

from pace_qi.spc.anhoej import RunsResult, side_of_centre
from pace_qi.spc.limits import PartInput, PartLimits, average_moving_range
from pace_qi.spc.runs import length_of_own_run, run_ids, run_lengths

LIMIT = 2.66
SHIFT_MIN = 7
TREND_MIN = 7

COMMON = "Common Cause"


def limits(part: PartInput) -> PartLimits:
    """Mean ± 2.66·MR̄ (process limits) and mean ± (2/3)·2.66·MR̄ (the 2σ lines)."""
    base_y = part.y[part.base]
    present = base_y[~np.isnan(base_y)]
    mean = part.cl if part.cl is not None else (float(present.mean()) if present.size else np.nan)
    amr = average_moving_range(base_y, part.screen_mr)
    cl = np.full(part.y.shape, mean)
    half, near = LIMIT * amr, 2 * LIMIT / 3 * amr
    return PartLimits(part.y, cl, cl - half, cl + half, cl - near, cl + near)


def shift_points(side: np.ndarray) -> np.ndarray:
    """Points in a run of 7 or more on the same side of the mean (0 = on the mean breaks)."""
    return (length_of_own_run(side) >= SHIFT_MIN) & (side != 0)


def trend_points(y: np.ndarray) -> np.ndarray:
    """+1 / −1 for points in 7 or more consecutive points each higher / each lower than the
    last (a tie breaks the trend), 0 elsewhere."""
    marked = np.zeros(y.shape)
    if y.size < 2:
        return marked
    steps = np.sign(np.diff(y))
    step_run = run_ids(steps)
    long_run = (np.bincount(step_run)[step_run] >= TREND_MIN - 1) & (steps != 0)
    marked[:-1] = np.where(long_run, steps, marked[:-1])
    marked[1:] = np.where(long_run, steps, marked[1:])
    return marked


def two_in_three_points(side: np.ndarray, near: np.ndarray) -> np.ndarray:
    """Points beyond 2σ (but inside the limits) that are 2 or more of 3 consecutive points,
    the three all on one side of the mean."""
    size = side.size
    if size < 3:
        return np.zeros(size, dtype=bool)
    windows = np.lib.stride_tricks.sliding_window_view
    count = windows(near.astype(int), 3).sum(axis=1)
    same_side = np.abs(windows(side, 3).sum(axis=1)) == 3
    hit = (count >= 2) & same_side
    covered = np.zeros(size, dtype=bool)
    for offset in range(3):
        covered[offset : offset + hit.size] |= hit
    return covered & near


def analyse(part: PartLimits, include: np.ndarray, direction: str) -> RunsResult:
    """Special-cause type and point type of each point of one part."""
    y, mean = part.y, part.cl
    with np.errstate(invalid="ignore"):
        outside = (y > part.ucl) | (y < part.lcl)
        near = ~outside & ((y > part.ucl_95) | (y < part.lcl_95))
    side_all = np.nan_to_num(side_of_centre(y, mean))
    used = include & ~np.isnan(y)
    side = side_all[used]
    y_used = y[used]

    trend_sign = np.zeros(y.shape)
    shift = np.zeros(y.shape, dtype=bool)
    two3 = np.zeros(y.shape, dtype=bool)
    trend_sign[used] = trend_points(y_used)
    trend = trend_sign != 0
    shift[used] = shift_points(side)
    two3[used] = two_in_three_points(side, near[used])

    kind = np.full(y.shape, COMMON, dtype=object)
    above = side_all > 0
    kind[shift] = np.where(above[shift], "Shift above mean", "Shift below mean")
    kind[two3] = np.where(above[two3], "Two of three above", "Two of three below")
    kind[trend] = np.where(trend_sign[trend] > 0, "Increasing trend", "Decreasing trend")
    kind[outside] = np.where(y[outside] > part.ucl[outside], "Above UCL", "Below LCL")

    special = outside | trend | two3 | shift
    point_type = np.full(y.shape, "common_cause", dtype=object)
    if direction == "neutral":
        point_type[special] = np.where(
            above[special], "special_cause_neutral_high", "special_cause_neutral_low"
        )
    else:
        good_side = 1 if direction == "increase" else -1
        point_type[special] = np.where(
            side_all[special] == good_side, "special_cause_improvement", "special_cause_concern"
        )

    signs = side[side != 0]
    lengths = run_lengths(signs)
    longest = int(lengths.max()) if lengths.size else None
    crossings = int(lengths.size - 1) if lengths.size else None
    runs_signal = bool((trend | shift | two3).any())
    return RunsResult(
        n_obs=int(include.sum()),
        n_useful=int(signs.size),
        longest_run=longest,
        longest_run_max=SHIFT_MIN - 1,
        n_crossings=crossings,
        n_crossings_min=None,
        runs_signal=runs_signal,
        in_signal_run=trend | shift,
        point_extras={"special_cause_type": kind, "point_type": point_type},
    )


def variation_icon(point_type: str, direction: str) -> str:
    """The MDC variation icon for the type of the last point."""
    if point_type == "common_cause":
        return "common_cause"
    if point_type.startswith("special_cause_neutral_"):
        return point_type.removeprefix("special_cause_")
    high = direction == "increase"
    if point_type == "special_cause_improvement":
        return "improvement_high" if high else "improvement_low"
    return "concern_low" if high else "concern_high"


def assurance_icon(target: float | None, lpl: float, upl: float, direction: str) -> str | None:
    """Will the process meet the target? Compares the target with the process limits."""
    if target is None or direction == "neutral" or np.isnan(lpl) or np.isnan(upl):
        return None
    increasing = direction == "increase"
    if target > upl:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"


def icons(
    runs: RunsResult, scaled: PartLimits, target: float | None, direction: str | None
) -> dict[str, str | None]:
    """Variation and assurance icons of one part, from its last non-missing point."""
    direction = direction or "increase"
    present = np.flatnonzero(~np.isnan(scaled.y))
    if present.size == 0:
        return {"variation_icon": None, "assurance_icon": None}
    last = present[-1]
    return {
        "variation_icon": variation_icon(str(runs.point_extras["point_type"][last]), direction),
        "assurance_icon": assurance_icon(
            target, float(scaled.lcl[last]), float(scaled.ucl[last]), direction
        ),
    }
