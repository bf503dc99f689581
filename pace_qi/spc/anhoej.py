"""Anhøj's run chart rules (Anhøj & Olesen 2014), as qicharts2 applies them.

Useful observations are the included, non-missing points that are not exactly on the centre
line (points on the line neither break nor extend a run). With n useful observations, the
process shows non-random variation when the longest run on one side of the centre line is
longer than round(log2(n)) + 3, or the line crosses the centre fewer than qbinom(0.05, n − 1,
0.5) times.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.stats import binom

from pace_qi.spc.runs import length_of_own_run, run_lengths


def longest_run_max(n_useful: int | np.ndarray) -> np.ndarray:
    """Upper limit of the expected longest run: round(log2(n)) + 3 (Schilling 2012)."""
    n = np.asarray(n_useful, dtype=float)
    with np.errstate(divide="ignore"):
        return np.round(np.log2(n)) + 3


def n_crossings_min(n_useful: int | np.ndarray) -> np.ndarray:
    """Lower limit of the expected number of crossings: the 5th percentile of
    Binomial(n − 1, ½) (Chen 2010), R's qbinom(0.05, n − 1, 0.5)."""
    n = np.asarray(n_useful, dtype=float)
    return binom.ppf(0.05, np.maximum(n - 1, 0), 0.5)


@dataclass(frozen=True)
class RunsResult:
    """Runs analysis of one part. Limits and counts are None when there are no useful points.
    `in_signal_run` marks, per point of the part, the useful points of every run longer than
    the limit (a crossings signal concerns the whole part and marks no point)."""

    n_obs: int
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    runs_signal: bool
    in_signal_run: np.ndarray
    #: Rule-set specific per-point columns (e.g. MDC `point_type`) and summary columns.
    point_extras: dict[str, np.ndarray] = field(default_factory=dict)
    summary_extras: dict[str, object] = field(default_factory=dict)

    def summary_row(self) -> dict[str, object]:
        """The runs part of one `SPCResult.summary` row."""
        return {
            "n_obs": self.n_obs,
            "n_useful": self.n_useful,
            "longest_run": self.longest_run,
            "longest_run_max": self.longest_run_max,
            "n_crossings": self.n_crossings,
            "n_crossings_min": self.n_crossings_min,
            "runs_signal": self.runs_signal,
            **self.summary_extras,
        }


def side_of_centre(y: np.ndarray, cl: np.ndarray) -> np.ndarray:
    """+1 above, −1 below, 0 on the centre line, NaN where y or cl is missing."""
    with np.errstate(invalid="ignore"):
        return np.sign(y - cl)


def analyse(y: np.ndarray, cl: np.ndarray, include: np.ndarray) -> RunsResult:
    """Apply Anhøj's rules to the included points of one part."""
    side = side_of_centre(y, cl)
    useful = include & ~np.isnan(side) & (side != 0)
    signs = side[useful]
    n_useful = int(signs.size)
    marks = np.zeros(y.shape, dtype=bool)
    if n_useful == 0:
        return RunsResult(int(include.sum()), 0, None, None, None, None, False, marks)
    lengths = run_lengths(signs)
    longest = int(lengths.max())
    crossings = int(lengths.size - 1)
    run_max = int(longest_run_max(n_useful))
    cross_min = int(n_crossings_min(n_useful))
    signal = longest > run_max or crossings < cross_min
    marks[np.flatnonzero(useful)] = length_of_own_run(signs) > run_max
    return RunsResult(
        int(include.sum()), n_useful, longest, run_max, crossings, cross_min, signal, marks
    )
