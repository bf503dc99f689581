"""Time to event: the share of children who reached a milestone by each week since the start.

Two step curves when both are given: the Kaplan–Meier estimate (leaving care treated as
censoring) and the cumulative incidence (leaving care as a competing event, so it never
overstates the share). The value of each at the aim's threshold is labelled directly on the
chart, e.g. "share recommended by week 30: 62%", so that no reading off an axis is needed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from pace_qi.charts.chart import Chart
from pace_qi.charts.style import (
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    TURQUOISE,
    chart_style,
    finish_axes,
    format_value,
    legend_below,
    new_figure,
    percent_axis,
)

#: The curves that can be drawn: column, short name, legend text, colour, line style.
CURVES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "cif_share",
        "cumulative incidence",
        "Cumulative incidence (leaving care as a competing event)",
        DARK_BLUE,
        "-",
    ),
    ("km_share", "Kaplan–Meier", "Kaplan–Meier (leaving care treated as censored)", ORANGE, "--"),
)


def share_by_week(data: pd.DataFrame, column: str, week: float) -> float:
    """The step curve's value at `week`: the last estimate at or before it (0 before any)."""
    frame = data.dropna(subset=[column]).sort_values("week")
    position = np.searchsorted(frame["week"].to_numpy(float), week, side="right") - 1
    return 0.0 if position < 0 else float(frame[column].iloc[position])


def time_to_event_alt_text(
    data: pd.DataFrame,
    within_weeks: float,
    guidance_weeks: float | None = None,
    event: str = "recommended",
) -> str:
    """ "Share of children recommended by each week …: by week 30, 62% (cumulative incidence)"."""
    weeks = data["week"].dropna()
    text = (
        f"Step chart of the share of children {event} by each week since the start, "
        f"weeks {format_value(weeks.min())} to {format_value(weeks.max())}"
    )
    for at, name in ((within_weeks, "the aim"), (guidance_weeks, "guidance")):
        if at is None:
            continue
        values = [
            f"{format_value(share_by_week(data, column, at), percent=True)} ({short})"
            for column, short, _, _, _ in CURVES
            if column in data.columns
        ]
        text += f"; by week {format_value(at)} ({name}): " + ", ".join(values)
    return text + "."


def time_to_event_chart(
    data: pd.DataFrame,
    within_weeks: float,
    guidance_weeks: float | None = None,
    title: str = "",
    event: str = "recommended",
    y_label: str = "Share of children",
) -> Chart:
    """Step curves of the share of children who reached the milestone by each week.

    `data`: `measures.time_to_event` (columns `week`, and `cif_share` and/or `km_share` as
    shares 0..1). Vertical lines mark `within_weeks` (the aim) and `guidance_weeks`; each curve
    is labelled at the aim with "share {event} by week {within_weeks}: 62%".
    """
    frame = data.sort_values("week")
    with chart_style():
        figure, ax = new_figure()
        top = blended_transform_factory(ax.transData, ax.transAxes)
        drawn = [curve for curve in CURVES if curve[0] in frame.columns]
        values = {column: share_by_week(frame, column, within_weeks) for column, *_ in drawn}
        highest = max(values, key=values.get) if values else None
        for column, _, label, colour, style in drawn:
            ax.plot(
                frame["week"].to_numpy(float),
                frame[column].to_numpy(float),
                drawstyle="steps-post",
                color=colour,
                linestyle=style,
                linewidth=2,
                label=label,
            )[0].set_gid(column)
            value = values[column]
            ax.plot([within_weeks], [value], marker="o", color=colour, linestyle="none")
            above = column == highest  # the higher curve labelled above it, the other below
            ax.annotate(
                f"share {event} by week {format_value(within_weeks)}: "
                f"{format_value(value, percent=True)}",
                (within_weeks, value),
                xytext=(10, 8 if above else -8),
                textcoords="offset points",
                color=colour,
                va="bottom" if above else "top",
                ha="left",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1},
            ).set_gid(f"{column}_label")
        for weeks, text, colour, gid in (
            (within_weeks, "Aim", TURQUOISE, "aim"),
            (guidance_weeks, "Guidance", DARK_GREY, "guidance"),
        ):
            if weeks is None:
                continue
            ax.axvline(weeks, color=colour, linestyle=":", linewidth=1.5).set_gid(gid)
            ax.text(
                weeks,
                0.98,
                f"{text}: {format_value(weeks)} weeks ",
                transform=top,
                rotation=90,
                ha="right",
                va="top",
                color=colour,
            ).set_gid(f"{gid}_label")
        ax.set_ylim(0, 1.02)
        percent_axis(ax)
        ax.set_xlim(left=0)
        ax.set_xlabel("Weeks since the start")
        ax.set_ylabel(y_label)
        ax.set_title(title)
        finish_axes(ax)
        legend_below(ax, "curves_legend", offset=0.14, ncols=1)
    return Chart(figure, time_to_event_alt_text(frame, within_weeks, guidance_weeks, event))
