"""Rounding shown counts to the nearest multiple (usually 5), halves upwards.

Rounding adds uncertainty to every shown number, so small differences between tables cannot be
used to work out a child. Each count, totals included, is rounded on its own: parts may then
not add up to the rounded total, and the footnote says so.
"""

from __future__ import annotations

import numpy as np


def round_counts(values: np.ndarray, round_to: int) -> np.ndarray:
    """Round to the nearest multiple of `round_to`, halves upwards (15 -> 20 for tens).

    NaN stays NaN. numpy's own `round` rounds halves to even, which would send 25 to 20 and
    35 to 40 with tens; floor(x / m + 1/2) * m rounds every half the same way.
    """
    return np.floor(values / round_to + 0.5) * round_to


def percent(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """100 * numerator / denominator as a float; NaN where the denominator is 0 or missing."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100.0 * numerator / denominator
    return np.where(np.nan_to_num(denominator, nan=0.0) > 0, share, np.nan)


def whole_number(values: np.ndarray) -> np.ndarray:
    """Percentages and statistics rounded to whole numbers, halves upwards, as tables show them."""
    return np.floor(values + 0.5)
