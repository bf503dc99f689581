"""Charts for QI reports: SPC charts, per-child charts, time to event, journeys, PDSA ramps.

Every function draws numbers computed elsewhere (`pace_qi.spc`, `pace_qi.measures`) and returns
a `Chart`: the matplotlib figure plus alt text written from the same numbers. Display a `Chart`
in a notebook (or call `.show()`) to get a PNG whose output metadata carries the alt text.
"""

from pace_qi.charts.chart import Chart
from pace_qi.charts.journey import journey_chart
from pace_qi.charts.per_child import per_child_chart
from pace_qi.charts.ramp import ramp_chart
from pace_qi.charts.spc_chart import spc_chart
from pace_qi.charts.style import PALETTE
from pace_qi.charts.time_to_event import time_to_event_chart

__all__ = [
    "PALETTE",
    "Chart",
    "journey_chart",
    "per_child_chart",
    "ramp_chart",
    "spc_chart",
    "time_to_event_chart",
]
