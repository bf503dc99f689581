"""Run-length encoding helpers shared by the rule sets (vectorised, no Python loops)."""

from __future__ import annotations

import numpy as np


def run_ids(values: np.ndarray) -> np.ndarray:
    """0-based id of the run (maximal stretch of equal consecutive values) each value is in."""
    if values.size == 0:
        return np.zeros(0, dtype=int)
    return np.concatenate([[0], np.cumsum(values[1:] != values[:-1])])


def run_lengths(values: np.ndarray) -> np.ndarray:
    """Length of each run of equal consecutive values, in order."""
    return np.bincount(run_ids(values)) if values.size else np.zeros(0, dtype=int)


def length_of_own_run(values: np.ndarray) -> np.ndarray:
    """For each value, the length of the run it belongs to."""
    ids = run_ids(values)
    return np.bincount(ids)[ids] if values.size else np.zeros(0, dtype=int)
