"""PDSA ramps: each aim's cycles on a timeline, with the decision taken at the end of each.

Why: a ramp shows the learning sequence (adapt, adapt, adopt) that led to a change. Each bar is
labelled "C1 adapt", so the decision is read from the text as well as from the colour; a cycle
still in progress is hatched and runs to the as-at date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.patches import Patch

from pace_qi.charts.alt_text import format_x
from pace_qi.charts.chart import Chart
from pace_qi.charts.style import (
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    TURQUOISE,
    chart_style,
    finish_axes,
    legend_below,
    new_figure,
)

#: Colour and legend text per decision (the bar label repeats the decision in words).
DECISIONS: dict[str, tuple[str, str]] = {
    "adopt": (TURQUOISE, "Adopt"),
    "adapt": (DARK_BLUE, "Adapt"),
    "abandon": (DARK_PINK, "Abandon"),
    "pending": (DARK_GREY, "Decision pending"),
}
IN_PROGRESS_HATCH = "///"
#: Bars of odd cycles sit this far above the lane's centre, even ones below (lanes are 1 apart).
BAR_OFFSET = 0.2
BAR_HEIGHT = 0.22


def ramp_layout(cycles: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Bars of the ramp: adds `lane` (0 = first aim), `y`, `bar_end`, `in_progress`, `text`.

    A cycle with no end runs to `as_of` (default: the latest date in the table). Cycles of an
    aim alternate slightly above and below the lane's centre, so overlapping cycles stay legible.
    """
    frame = cycles.sort_values(["aim", "cycle"], kind="stable").reset_index(drop=True)
    latest = pd.concat([frame["start"], frame["end"]]).max()
    until = pd.Timestamp(as_of) if as_of is not None else latest
    frame["in_progress"] = frame["end"].isna()
    frame["bar_end"] = frame["end"].fillna(until)
    lanes = pd.Series(range(frame["aim"].nunique()), index=pd.unique(frame["aim"]))
    frame["lane"] = frame["aim"].map(lanes).astype(int)
    frame["y"] = frame["lane"] + np.where(frame["cycle"] % 2 == 1, -BAR_OFFSET, BAR_OFFSET)
    decision = frame["decision"].fillna("pending").astype(str)
    frame["text"] = "C" + frame["cycle"].astype(int).astype(str) + " " + decision
    return frame


def ramp_alt_text(cycles: pd.DataFrame, as_of: pd.Timestamp | None = None) -> str:
    """ "PDSA ramps for 2 aims (Feb 2018 to Nov 2019): aim1, 3 cycles: C1 adapt, …"."""
    layout = ramp_layout(cycles, as_of)
    first, last = layout["start"].min(), layout["bar_end"].max()
    phrases = []
    for aim, group in layout.groupby("lane")[["aim", "text", "in_progress"]]:
        del aim
        texts = group["text"].where(~group["in_progress"], group["text"] + " (in progress)")
        name = group["aim"].iloc[0]
        n = len(group)
        phrases.append(f"{name}, {n} cycle{'s' if n != 1 else ''}: " + ", ".join(texts))
    n_aims = layout["aim"].nunique()
    return (
        f"Timeline of PDSA cycles for {n_aims} aim{'s' if n_aims != 1 else ''} "
        f"({format_x(first)} to {format_x(last)}): " + "; ".join(phrases) + "."
    )


def ramp_chart(
    cycles: pd.DataFrame,
    title: str = "",
    as_of: pd.Timestamp | None = None,
) -> Chart:
    """PDSA cycles on a timeline: one lane per aim, a bar per cycle labelled "C1 adapt".

    `cycles`: one row per cycle with `aim`, `cycle` (int), `id`, `title`, `start`, `end` (NaT
    while in progress), `decision` (adopt|adapt|abandon|pending). `as_of`: where a cycle in
    progress ends on the chart (default: the latest date in the table).
    """
    layout = ramp_layout(cycles, as_of)
    n_lanes = int(layout["lane"].max()) + 1
    left = date2num(layout["start"])
    width = date2num(layout["bar_end"]) - left
    with chart_style():
        figure, ax = new_figure(height=max(3.5, 1.4 * n_lanes + 2.0))
        handles = []
        for decision, (colour, label) in DECISIONS.items():
            for hatched in (False, True):
                chosen = (layout["decision"].fillna("pending") == decision) & (
                    layout["in_progress"] == hatched
                )
                if not chosen.any():
                    continue
                ax.barh(
                    layout.loc[chosen, "y"],
                    width[chosen.to_numpy()],
                    left=left[chosen.to_numpy()],
                    height=BAR_HEIGHT,
                    color=colour,
                    edgecolor="white",
                    hatch=IN_PROGRESS_HATCH if hatched else None,
                    gid=f"cycles_{decision}" + ("_in_progress" if hatched else ""),
                )
            if (layout["decision"].fillna("pending") == decision).any():
                handles.append(Patch(facecolor=colour, label=label))
        if layout["in_progress"].any():
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor=DARK_GREY,
                    hatch=IN_PROGRESS_HATCH,
                    label="In progress",
                )
            )
        # One text per cycle: matplotlib has no vectorised text, and a ramp has a few cycles.
        tops = layout["y"] - BAR_HEIGHT / 2  # the y axis is inverted: smaller y is higher
        for x, y, text in zip(left, tops, layout["text"], strict=True):
            ax.annotate(
                text,
                (x, y),
                xytext=(0, 1),
                textcoords="offset points",
                va="bottom",
                ha="left",
                color=DARK_GREY,
                annotation_clip=False,
            ).set_gid("cycle_label")
        lanes = layout.drop_duplicates("lane").sort_values("lane")
        ax.set_yticks(lanes["lane"].to_numpy(), lanes["aim"].astype(str).to_numpy())
        ax.set_ylim(n_lanes - 0.4, -0.75)
        ax.xaxis_date()
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="y", visible=False)
        ax.set_title(title)
        finish_axes(ax)
        legend_below(ax, "decisions_legend", handles, ncols=len(handles))
    return Chart(figure, ramp_alt_text(cycles, as_of))
