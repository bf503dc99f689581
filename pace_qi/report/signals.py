"""From an SPC result to the words a governance group reads: improving, deteriorating or not.

A runs signal (or points outside the limits) in the last part is read against the aim's
direction of improvement: a shift or trend above the centre line is improvement for an aim to
increase the share met, deterioration for one to decrease it.
"""

from __future__ import annotations

import numpy as np

from pace_qi.spc import SPCResult

IMPROVING, DETERIORATING, NO_SIGNAL, TOO_FEW = (
    "improving", "deteriorating", "no signal", "too few data")


def trend_signal(result: SPCResult, improvement: str = "increase") -> str:
    """'improving', 'deteriorating', 'no signal' or 'too few data' for the last part."""
    points = result.points
    if points.empty or result.summary.empty:
        return TOO_FEW
    last_part = points["part"].max()
    part = points[(points["part"] == last_part) & points["y"].notna()]
    if len(part) < 3:
        return TOO_FEW
    flagged = part[part["in_signal_run"].fillna(False).astype(bool)
                   | part["sigma_signal"].fillna(False).astype(bool)]
    if flagged.empty:
        return NO_SIGNAL
    side = np.sign(flagged["y"].astype(float) - flagged["cl"].astype(float))
    if len(flagged) > 1 and abs(side.sum()) != len(side):  # a trend crossing the centre line
        direction = np.sign(float(flagged["y"].iloc[-1]) - float(flagged["y"].iloc[0]))
    else:
        direction = side.iloc[-1]
    if direction == 0:
        return NO_SIGNAL
    good = direction > 0 if improvement == "increase" else direction < 0
    return IMPROVING if good else DETERIORATING
