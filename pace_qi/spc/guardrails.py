"""Small-number guardrails: plain-English warnings returned with every `SPCResult`.

The rules of run and control charts assume enough points and denominators that behave; these
checks say when the numbers on a chart should be read with care, and what to try instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_USEFUL = 10
DENOMINATOR_SPREAD = 0.25


def small_number_warnings(
    points: pd.DataFrame,
    summary: pd.DataFrame,
    chart: str,
    faceted: bool = False,
    multiply: float = 1,
) -> list[str]:
    """All warnings that apply to this chart, each one sentence."""
    groups = [("", points, summary)]
    if faceted:
        groups = [
            (
                f"Facet {value}: ",
                points[points["facet"] == value],
                summary[summary["facet"] == value],
            )
            for value in summary["facet"].unique()
        ]
    messages: list[str] = []
    for prefix, group_points, group_summary in groups:
        messages += [prefix + m for m in _too_few_points(group_summary)]
        messages += [prefix + m for m in _denominator_warnings(group_points, chart, multiply)]
    return messages


def _too_few_points(summary: pd.DataFrame) -> list[str]:
    many_parts = len(summary) > 1
    out = []
    for row in summary.itertuples(index=False):  # one row per part: a handful
        if row.n_useful < MIN_USEFUL:
            where = f"part {row.part} has" if many_parts else "there are"
            out.append(
                f"Too few points to apply run chart rules reliably: {where} "
                f"{row.n_useful} useful observations (at least {MIN_USEFUL} are needed)."
            )
    return out


def _denominator_warnings(points: pd.DataFrame, chart: str, multiply: float) -> list[str]:
    if chart not in ("p", "pp", "u", "up"):
        return []
    out = []
    n = points["n"].dropna()
    if n.size and n.mean() > 0:
        spread = max(n.max() / n.mean() - 1, 1 - n.min() / n.mean())
        if spread > DENOMINATOR_SPREAD:
            out.append(
                f"The denominators vary by up to {spread:.0%} around their mean of "
                f"{n.mean():,.0f} (more than ±25%): the limits vary a lot from point to point; "
                "compare points with care."
            )
    if chart in ("p", "pp"):
        y = points["y"].dropna()
        extreme = np.isclose(y, 0) | np.isclose(y, multiply)
        if y.size and extreme.mean() > 0.5:
            out.append(
                "Most points are at 0% or 100%: the subgroups are too small for a p chart. "
                "Consider a chart of each child's measure (e.g. days, as an I or run chart) "
                "or a time-between-events chart (t or g)."
            )
    if chart == "p":
        included = points[points["include"]]
        if included.size and included["sigma_signal"].mean() > 0.5:
            out.append(
                "Most points fall outside the p chart limits because the denominators are "
                "very large (overdispersion): use Laney's p′ chart (chart='pp') instead."
            )
    return out
