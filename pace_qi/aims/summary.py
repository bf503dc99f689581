"""`summarise`: the headline numbers of one aim, from `evaluate`'s output.

Percent met counts only resolved children: met / (met + not_met). Children who exited
(left care or changed plan before their deadline) and children still pending are reported
beside it, never hidden. The 95% interval is Wilson's (statsmodels), which behaves well for
the small denominators of a single local authority (often 10-30 children).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pace_qi.aims.definitions import AimLike
from pace_qi.aims.evaluation import normalise_as_of


def summarise(evaluated: pd.DataFrame, aim: AimLike, as_of=None) -> dict[str, Any]:
    """Counts, percent met, Wilson 95% interval and the target check for one aim.

    Keys: `aim, name, as_of, n_cohort, n_met, n_not_met, n_pending, n_exited, n_resolved,
    percent_met` (None when nobody is resolved), `ci_lower, ci_upper` (percent, None likewise),
    `target_percent, target_by` (None without a target), `target_met` (True/False; None when
    there is no target or no resolved child). `as_of` comes from `evaluated.attrs` unless given.
    """
    counts = evaluated["status"].value_counts()
    n = {status: int(counts.get(status, 0)) for status in ("met", "not_met", "pending", "exited")}
    resolved = n["met"] + n["not_met"]
    percent = lower = upper = None
    if resolved:
        percent = 100.0 * n["met"] / resolved
        from statsmodels.stats.proportion import proportion_confint  # slow to import

        low, high = proportion_confint(n["met"], resolved, alpha=0.05, method="wilson")
        # statsmodels can return 3e-15 for a 0% lower bound: keep lower <= percent <= upper.
        lower = min(100.0 * float(low), percent)
        upper = max(100.0 * float(high), percent)
    target = getattr(aim, "target", None)
    target_met = None
    if target is not None and percent is not None:
        better = percent >= target.percent
        target_met = better if aim.improvement == "increase" else percent <= target.percent
    stamp = as_of if as_of is not None else evaluated.attrs.get("as_of")
    return {
        "aim": aim.id,
        "name": aim.name,
        "as_of": normalise_as_of(stamp) if stamp is not None else None,
        "n_cohort": int(len(evaluated)),
        "n_met": n["met"],
        "n_not_met": n["not_met"],
        "n_pending": n["pending"],
        "n_exited": n["exited"],
        "n_resolved": resolved,
        "percent_met": percent,
        "ci_lower": lower,
        "ci_upper": upper,
        "target_percent": target.percent if target is not None else None,
        "target_by": pd.Timestamp(target.by) if target is not None else None,
        "target_met": target_met,
    }
