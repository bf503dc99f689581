"""The look shared by every pace-qi chart: a colour-blind-safe palette and 12 pt text.

Why here and not at import: a report notebook may mix pace-qi charts with the team's own, so the
style is applied inside a context (`chart_style`) around each drawing function and never changes
matplotlib's global settings.

The palette is the UK Government Analysis Function categorical palette, chosen because it is
distinguishable with the common forms of colour-blindness and is familiar to public-sector
readers. Colour is never the only signal: every highlighted point also has its own marker shape
and every coloured bar its own label or hatch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
#: A pale grey for bands and shaded windows (not a data colour).
LIGHT_GREY = "#BFBFBF"

#: The categorical palette in the order the Analysis Function recommends using it.
PALETTE: tuple[str, ...] = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE)

#: Roles used by several charts, so that "signal" means the same colour everywhere.
POINT_COLOUR = DARK_BLUE
SIGNAL_COLOUR = DARK_PINK
RUN_SIGNAL_COLOUR = ORANGE
TARGET_COLOUR = TURQUOISE
REFERENCE_COLOUR = DARK_GREY

#: No text on a pace-qi chart is smaller than this (points).
MIN_FONT_SIZE = 12.0

_RC: dict[str, object] = {
    "font.size": MIN_FONT_SIZE,
    "axes.titlesize": 14.0,
    "axes.labelsize": MIN_FONT_SIZE,
    "xtick.labelsize": MIN_FONT_SIZE,
    "ytick.labelsize": MIN_FONT_SIZE,
    "legend.fontsize": MIN_FONT_SIZE,
    "legend.title_fontsize": MIN_FONT_SIZE,
    "figure.titlesize": 14.0,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
    "axes.titlelocation": "left",
    "axes.titleweight": "bold",
    "savefig.dpi": 100,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """Apply the pace-qi look (seaborn's white grid, the palette, 12 pt text) for one chart."""
    with sns.axes_style("whitegrid"), mpl.rc_context(_RC):
        yield


def new_figure(width: float = 10.0, height: float = 5.5) -> tuple[Figure, Axes]:
    """A figure and axes that pyplot does not track.

    Why not `plt.subplots`: a figure known to pyplot is shown a second time (without alt text)
    by the notebook's inline backend at the end of the cell, and stays in memory until closed.
    A bare `Figure` with an Agg canvas is shown only when the `Chart` is displayed.
    """
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    return figure, ax


def finish_axes(ax: Axes) -> None:
    """Remove the top and right spines, which carry no information."""
    sns.despine(ax=ax)


def legend_below(ax: Axes, gid: str, handles=None, offset: float = 0.12, ncols: int = 2,
                 **options) -> None:
    """A frameless legend centred under the axes, tagged `gid` so tests can find it.

    Below the chart, the legend never hides a point; the offset clears the x-axis labels.
    """
    args = () if handles is None else (handles, [h.get_label() for h in handles])
    ax.legend(*args, loc="upper center", bbox_to_anchor=(0.5, -offset), ncols=ncols,
              frameon=False, **options).set_gid(gid)


def percent_axis(ax: Axes, which: str = "y", whole: float = 1.0) -> None:
    """Show shares on the axis as percentages (`whole` is the value shown as 100%)."""
    axis = ax.yaxis if which == "y" else ax.xaxis
    axis.set_major_formatter(PercentFormatter(xmax=whole, decimals=0))


def format_value(value: float | None, percent: bool = False, whole: float = 1.0) -> str:
    """A number as a reader would say it: shares as whole percentages, others to 2 sig. figs.

    With `percent`, `whole` is the value that means 100% (1 for shares, 100 for an SPC result
    made with `multiply=100`).
    """
    if value is None or pd.isna(value):
        return "not available"
    if percent:
        return f"{value * 100 / whole:.0f}%"
    if float(value).is_integer():
        return f"{value:.0f}"
    magnitude = abs(float(value))
    if magnitude >= 100:
        return f"{value:.0f}"
    digits = max(0, 1 - int(np.floor(np.log10(magnitude)))) if magnitude > 0 else 0
    return f"{value:.{digits}f}"


def extend_palette(n: int) -> list[str]:
    """`n` distinguishable colours: the six palette colours, then seaborn's colour-blind set."""
    if n <= len(PALETTE):
        return list(PALETTE[:n])
    extra = sns.color_palette("colorblind", n - len(PALETTE)).as_hex()
    return list(PALETTE) + list(extra)
