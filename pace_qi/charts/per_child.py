"""Weeks per child, in order of start date: every child's own timeline against the aim.

Why per child and not only a monthly share: a governance group sees at a glance which children
waited longest and who is still waiting. Met and not-met children differ in shape and colour;
children still waiting ("clock still running") are open markers, because their weeks are a
lower bound, not a result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from pace_qi.charts.alt_text import describe_period, lower_first
from pace_qi.charts.chart import Chart
from pace_qi.charts.direct_labels import LineLabel, label_lines_at_right
from pace_qi.charts.style import (
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    LIGHT_PURPLE,
    TURQUOISE,
    chart_style,
    finish_axes,
    format_value,
    legend_below,
    new_figure,
)

#: Marker, colour, fill and legend text per status (shape and fill carry the meaning too).
STATUS_STYLES: dict[str, dict[str, object]] = {
    "met": {"marker": "o", "color": DARK_BLUE, "filled": True, "label": "Met the aim"},
    "not_met": {"marker": "^", "color": DARK_PINK, "filled": True, "label": "Did not meet the aim"},
    "pending": {
        "marker": "o",
        "color": DARK_BLUE,
        "filled": False,
        "label": "Still waiting (clock still running)",
    },
    "not_met_waiting": {
        "marker": "^",
        "color": DARK_PINK,
        "filled": False,
        "label": "Not met, still waiting",
    },
    "exited": {
        "marker": "X",
        "color": DARK_GREY,
        "filled": True,
        "label": "Left before a decision",
    },
}


def _reference_line(ax: Axes, weeks: float | None, color: str, style: str, gid: str) -> None:
    """A horizontal line at `weeks` (labelled directly, later, by `label_lines_at_right`)."""
    if weeks is None or pd.isna(weeks):
        return
    ax.axhline(weeks, color=color, linestyle=style, linewidth=1.5, zorder=1).set_gid(gid)


def _decided(data: pd.DataFrame) -> pd.Series:
    """Children with an outcome (met or not met): the only ones whose weeks are final."""
    return data["status"].isin(["met", "not_met"])


def per_child_alt_text(
    data: pd.DataFrame,
    within_weeks: float,
    guidance_weeks: float | None = None,
    subject: str = "weeks to the milestone",
) -> str:
    """ "Weeks to … for 40 children in order of start date (…): 25 met the 30-week aim, …"."""
    counts = data["status"].value_counts()
    n = len(data)
    dates = describe_period(data["start_date"]) if "start_date" in data.columns else ""
    period = dates.split(" from ", 1)[1] if " from " in dates else ""
    parts = [
        f"{counts.get('met', 0)} met the {format_value(within_weeks)}-week aim",
        f"{counts.get('not_met', 0)} did not",
        f"{counts.get('pending', 0)} still waiting",
    ]
    if counts.get("exited", 0):
        parts.append(f"{counts['exited']} left before a decision")
    text = (
        f"{lower_first(subject).capitalize()} for {n} child{'ren' if n != 1 else ''} "
        f"in order of start date" + (f" ({period})" if period else "") + ": " + ", ".join(parts)
    )
    decided = data.loc[_decided(data), "weeks"]
    if len(decided):
        text += (
            f"; median {format_value(decided.median())} weeks among the {len(decided)} "
            "with an outcome"
        )
    longest = data["weeks"].max()
    if pd.notna(longest):
        text += f"; longest {format_value(longest)} weeks"
    if guidance_weeks is not None:
        text += f"; guidance {format_value(guidance_weeks)} weeks"
    return text + "."


def per_child_chart(
    data: pd.DataFrame,
    within_weeks: float,
    guidance_weeks: float | None = None,
    reminder_weeks: float | None = None,
    title: str = "",
    y_label: str = "Weeks",
    median: bool = True,
    label_column: str | None = None,
    x: str = "order",
    subject: str = "weeks to the milestone",
) -> Chart:
    """Each child's weeks against the aim, in order of start date.

    `data`: `measures.weeks_per_child` (columns `child_id`, `episode_id`, `start_date`, `weeks`,
    `status` met/not_met/pending/exited, `pending`, `order`, optional `censored`: a not-met
    child still waiting is drawn as an open triangle). `x`: "order" (1..n) or
    "start_date". `label_column`: a column to print under each child (e.g. a pseudonym); by
    default children are not named. `median`: draw the median weeks of the children with an
    outcome. `subject`: what the weeks measure, for the alt text.
    """
    frame = data.sort_values(x, kind="stable").reset_index(drop=True)
    # A not-met child with no end date yet is still waiting: their weeks are a lower bound.
    waiting = frame["censored"].astype(bool) if "censored" in frame.columns else False
    kind = frame["status"].astype(str).where(
        ~((frame["status"] == "not_met") & waiting), "not_met_waiting"
    )
    with chart_style():
        figure, ax = new_figure()
        handles = []
        for status, style in STATUS_STYLES.items():
            chosen = frame[kind == status]
            if chosen.empty:
                continue
            artist = ax.plot(
                chosen[x].to_numpy(),
                chosen["weeks"].to_numpy(dtype=float),
                linestyle="none",
                marker=style["marker"],
                markersize=8,
                color=style["color"],
                markerfacecolor=style["color"] if style["filled"] else "none",
                markeredgewidth=1.5,
                label=style["label"],
                zorder=3,
            )[0]
            artist.set_gid(f"children_{status}")
            handles.append(artist)
        decided = frame.loc[_decided(frame), "weeks"]
        middle = float(decided.median()) if median and len(decided) else None
        lines = [
            (within_weeks, "Aim", TURQUOISE, "-", "aim"),
            (guidance_weeks, "Guidance", DARK_GREY, "--", "guidance"),
            (reminder_weeks, "Reminder", LIGHT_PURPLE, ":", "reminder"),
            (middle, "Median", DARK_BLUE, "-.", "median"),
        ]
        for weeks, _, colour, style, gid in lines:
            _reference_line(ax, weeks, colour, style, gid)
        heights = np.r_[frame["weeks"].to_numpy(float), [w for w, *_ in lines if w is not None]]
        ax.set_ylim(bottom=0, top=np.nanmax(heights) * 1.1)
        label_lines_at_right(
            ax,
            [
                LineLabel(weeks, f"{name}: {format_value(weeks)} weeks", colour, f"{gid}_label")
                for weeks, name, colour, _, gid in lines
                if weeks is not None
            ],
        )
        if label_column is not None:
            ax.set_xticks(frame[x].to_numpy(), frame[label_column].astype(str).to_numpy())
            ax.tick_params(axis="x", labelrotation=90)
        ax.set_xlabel("Children in order of start date" if x == "order" else "Start date")
        ax.set_ylabel(y_label)
        ax.set_title(title)
        finish_axes(ax)
        legend_below(ax, "status_legend", handles, handletextpad=0.3)
    return Chart(figure, per_child_alt_text(frame, within_weeks, guidance_weeks, subject))
