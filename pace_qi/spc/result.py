"""`SPCResult`: the numbers behind one chart, for drawing, tables and plain-English text."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: Columns of `SPCResult.points` for every rule set (MDC adds `special_cause_type`,
#: `point_type`; a `facet` column leads when the chart is faceted; `notes` carries annotations).
POINT_COLUMNS = (
    "x",
    "y",
    "n",
    "part",
    "baseline",
    "include",
    "cl",
    "lcl",
    "ucl",
    "lcl_95",
    "ucl_95",
    "sigma_signal",
    "runs_signal",
    "in_signal_run",
    "notes",
)
#: Columns of `SPCResult.summary` (MDC adds `variation_icon`, `assurance_icon`).
SUMMARY_COLUMNS = (
    "part",
    "n_obs",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
    "runs_signal",
    "lcl",
    "cl",
    "ucl",
    "n_sigma_signals",
)


@dataclass
class SPCResult:
    """What `spc.chart` found.

    - `points`: one row per subgroup (see `POINT_COLUMNS`): the plotted y, its denominator n,
      part number (1, 2, ...), whether it is a baseline point and whether it is included in
      the calculations, centre line, 3-sigma limits (`lcl`, `ucl`) and 2-sigma limits
      (`lcl_95`, `ucl_95`), whether it lies outside the 3-sigma limits (`sigma_signal`),
      whether its part shows a runs signal (`runs_signal`), and whether it belongs to the run
      or trend that signalled (`in_signal_run`).
    - `summary`: one row per part (see `SUMMARY_COLUMNS`), as qicharts2's `summary()`.
    - `warnings`: plain-English cautions about small numbers or unsuitable chart types.
    - `chart`, `method`, `direction`, `target`, `multiply`: the call that produced it.
    """

    points: pd.DataFrame
    summary: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    chart: str = "run"
    method: str = "anhoej"
    direction: str | None = None
    target: float | None = None
    multiply: float = 1

    def describe(self) -> str:
        """One or two plain-English sentences saying what the rules found (see describe.py)."""
        from pace_qi.spc.describe import describe

        return describe(self)
