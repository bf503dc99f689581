"""Statistical process control for QI: run charts and Shewhart control charts.

One front door, `chart()`, returns an `SPCResult` whose `points` and `summary` DataFrames
hold every number behind a chart (see docs/spc.md). Rule sets: Anhøj (qicharts2, default),
IHI (Perla, Provost & Murray 2011) and Making Data Count (NHSRplotthedots).
"""

from pace_qi.spc.engine import chart
from pace_qi.spc.result import SPCResult

__all__ = ["SPCResult", "chart"]
