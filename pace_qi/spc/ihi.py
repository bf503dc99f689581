"""The IHI run chart rules (Perla, Provost & Murray 2011).

Four rules, each a small function: a shift (6 or more consecutive points on one side of the
median; points on the median are skipped), a trend (5 or more points all going up or all
going down; equal neighbours count as one point), too few or too many runs (outside the
Swed–Eisenhart limits for the number of useful observations), and astronomical points, which
the rules leave to the reader's judgement and which pace-qi flags only when the chart has
3-sigma limits (`sigma_signal`).
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from pace_qi.spc.anhoej import RunsResult, side_of_centre
from pace_qi.spc.runs import length_of_own_run, run_ids, run_lengths

SHIFT_MIN = 6
TREND_MIN = 5
#: Probability in each tail for the runs test (two-sided 5 %).
RUNS_TAIL = 0.025


def runs_distribution(n_below: int, n_above: int) -> tuple[np.ndarray, np.ndarray]:
    """Swed–Eisenhart: the number of runs r = 2..N and P(R = r) for a random arrangement of
    n_below and n_above points."""
    total = n_below + n_above
    r = np.arange(2, total + 1)
    k = r // 2

    def log_comb(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        valid = (b >= 0) & (b <= a)
        with np.errstate(invalid="ignore"):
            out = gammaln(a + 1) - gammaln(b + 1) - gammaln(np.maximum(a - b, 0) + 1)
        return np.where(valid, out, -np.inf)

    log_total = log_comb(total, n_below)
    even = np.log(2) + log_comb(n_below - 1, k - 1) + log_comb(n_above - 1, k - 1)
    odd = np.logaddexp(
        log_comb(n_below - 1, k) + log_comb(n_above - 1, k - 1),
        log_comb(n_below - 1, k - 1) + log_comb(n_above - 1, k),
    )
    prob = np.exp(np.where(r % 2 == 0, even, odd) - log_total)
    return r, prob


def runs_limits(n_useful: int, tail: float = RUNS_TAIL) -> tuple[int, int]:
    """(too_few, too_many): fewer runs than `too_few` or more than `too_many` is a signal.
    The useful points are split as evenly as possible above and below the median; `too_few`
    is the largest L with P(R < L) ≤ tail, `too_many` the smallest G with P(R > G) ≤ tail."""
    n_below = n_useful // 2
    r, prob = runs_distribution(n_below, n_useful - n_below)
    below = np.cumsum(prob) - prob
    above = np.cumsum(prob[::-1])[::-1] - prob
    tol = 1e-12
    too_few = int(r[below <= tail + tol].max()) if np.any(below <= tail + tol) else 2
    too_many = int(r[above <= tail + tol].min())
    return too_few, too_many


def shift_points(signs: np.ndarray) -> np.ndarray:
    """Points (of the useful, ±1 sequence) in a run of SHIFT_MIN or more on one side."""
    return length_of_own_run(signs) >= SHIFT_MIN


def trend_points(values: np.ndarray) -> np.ndarray:
    """Points in a trend of TREND_MIN or more rising or falling points; a point equal to its
    neighbour counts once (it neither breaks nor extends the trend)."""
    if values.size < 2:
        return np.zeros(values.shape, dtype=bool)
    level = run_ids(values)  # equal neighbours share an id
    keep = np.concatenate([[True], level[1:] != level[:-1]])
    distinct = values[keep]
    steps = np.sign(np.diff(distinct))
    marked = np.zeros(distinct.shape, dtype=bool)
    if steps.size:
        step_run = run_ids(steps)
        long_run = np.bincount(step_run)[step_run] >= TREND_MIN - 1
        # a run of steps from i to j covers distinct points i .. j + 1
        marked[:-1] |= long_run
        marked[1:] |= long_run
    return marked[level]


def analyse(y: np.ndarray, cl: np.ndarray, include: np.ndarray) -> RunsResult:
    """Apply the IHI rules to the included points of one part."""
    side = side_of_centre(y, cl)
    present = include & ~np.isnan(y)
    useful = present & ~np.isnan(side) & (side != 0)
    signs = side[useful]
    marks = np.zeros(y.shape, dtype=bool)
    n_useful = int(signs.size)
    if n_useful == 0:
        return RunsResult(int(include.sum()), 0, None, SHIFT_MIN - 1, None, None, False, marks)

    shift = shift_points(signs)
    trend = trend_points(y[present])
    marks[np.flatnonzero(useful)] |= shift
    marks[np.flatnonzero(present)] |= trend

    lengths = run_lengths(signs)
    n_runs = int(lengths.size)
    too_few, too_many = runs_limits(n_useful) if n_useful >= 10 else (None, None)
    runs_out = too_few is not None and (n_runs < too_few or n_runs > too_many)
    signal = bool(shift.any() or trend.any() or runs_out)
    extras = {
        "longest_trend": _longest_trend(y[present]),
        "n_runs": n_runs,
        "n_runs_min": too_few,
        "n_runs_max": too_many,
    }
    return RunsResult(
        int(include.sum()),
        n_useful,
        int(lengths.max()),
        SHIFT_MIN - 1,
        n_runs - 1,
        None if too_few is None else too_few - 1,
        signal,
        marks,
        summary_extras=extras,
    )


def _longest_trend(values: np.ndarray) -> int:
    """Number of distinct points in the longest rising or falling stretch."""
    level = run_ids(values)
    distinct = values[np.concatenate([[True], level[1:] != level[:-1]])] if values.size else values
    if distinct.size < 2:
        return int(distinct.size)
    steps = np.sign(np.diff(distinct))
    lengths = run_lengths(steps)[run_lengths_values(steps) != 0]
    return int(lengths.max()) + 1 if lengths.size else 1


def run_lengths_values(values: np.ndarray) -> np.ndarray:
    """The value of each run of equal consecutive values."""
    ids = run_ids(values)
    starts = np.concatenate([[True], ids[1:] != ids[:-1]]) if values.size else ids.astype(bool)
    return values[starts]
