"""Primary suppression: the small counts themselves, and the numbers a percentage gives away.

Both rules are cell by cell and vectorised; the rules that look across cells (totals) live in
`secondary`.
"""

from __future__ import annotations

import numpy as np

from pace_qi.disclosure.settings import DisclosureSettings


def small_counts(values: np.ndarray, settings: DisclosureSettings) -> np.ndarray:
    """True where a count is from 1 to the largest hidden count. Zero and NaN are never small."""
    with np.errstate(invalid="ignore"):
        return (values > 0) & (values <= settings.largest_hidden)


def hidden_percents(
    numerator: np.ndarray,
    denominator: np.ndarray,
    numerator_hidden: np.ndarray,
    denominator_hidden: np.ndarray,
    settings: DisclosureSettings,
) -> tuple[np.ndarray, np.ndarray]:
    """Which percentages to hide, and why (a reason per cell, "" where shown).

    A percentage gives away its numerator when the denominator is shown, and its complement
    (denominator - numerator, e.g. the children who did *not* meet the aim) too. So it is hidden
    when either count is hidden, when the complement is a small count, or when fewer than
    `min_denominator` children are behind it (a 100% of 3 says all three).
    """
    complement = denominator - numerator
    conditions = [
        numerator_hidden,
        denominator_hidden,
        np.nan_to_num(denominator, nan=0.0) < settings.min_denominator,
        small_counts(complement, settings),
    ]
    reasons = [
        "its numerator is hidden",
        "its denominator is hidden",
        f"fewer than {settings.min_denominator} in its denominator",
        "it would reveal a small number (denominator minus numerator)",
    ]
    reason = np.select(conditions, reasons, default="")
    return reason != "", reason


def hidden_statistics(
    size: np.ndarray, size_hidden: np.ndarray, settings: DisclosureSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Which figures about a group (a median, a mean) to hide, and why ("" where shown).

    A median of days over three children is close to one child's own wait, so a figure about a
    group needs as many children behind it as a percentage does.
    """
    conditions = [size_hidden, np.nan_to_num(size, nan=0.0) < settings.min_denominator]
    reasons = ["its group size is hidden", f"fewer than {settings.min_denominator} in its group"]
    reason = np.select(conditions, reasons, default="")
    return reason != "", reason
