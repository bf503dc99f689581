"""Journeys: one horizontal bar per child, split into the weeks spent in each stage.

Why stacked bars: a reader sees where the time goes (which stage is long, for whom) and, from
the tick at each stage's guidance, which stages ran over. A stage still under way is hatched, so
its bar is a lower bound; colour is paired with a legend and the hatch, never used alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pace_qi.charts.chart import Chart
from pace_qi.charts.style import (
    DARK_GREY,
    chart_style,
    extend_palette,
    finish_axes,
    format_value,
    legend_below,
    new_figure,
)

ONGOING_HATCH = "///"


def journey_layout(data: pd.DataFrame) -> pd.DataFrame:
    """Where each stage's bar goes: adds `row` (0 = first child to start) and `left` (weeks).

    `left` is the weeks from the episode's first stage start to this stage's start, so the
    bars of one child sit end to end even if there are gaps between stages.
    """
    frame = data.copy()
    episode_start = frame.groupby("episode_id")["start_date"].transform("min")
    frame["left"] = (frame["start_date"] - episode_start).dt.days / 7
    first_start = episode_start.groupby(frame["episode_id"]).first().sort_values(kind="stable")
    rows = pd.Series(np.arange(len(first_start)), index=first_start.index)
    frame["row"] = frame["episode_id"].map(rows).astype(int)
    return frame


def stage_order(data: pd.DataFrame) -> list[str]:
    """Stages in the order they happen: by `stage_order` when given, else by median start."""
    if "stage_order" in data.columns:
        return list(data.groupby("stage", sort=False)["stage_order"].min().sort_values().index)
    layout = data if "left" in data.columns else journey_layout(data)
    medians = layout.groupby("stage", sort=False)["left"].median()
    return list(medians.sort_values(kind="stable").index)


def journey_alt_text(data: pd.DataFrame) -> str:
    """ "Journeys of 12 children through 3 stages …: Stage A median 8 weeks, 3 over guidance"."""
    layout = journey_layout(data)
    stages = stage_order(layout)
    n_children = layout["episode_id"].nunique()
    per_stage = layout.groupby("stage").agg(
        label=("stage_label", "first"),
        n=("weeks", "size"),
        median=("weeks", "median"),
        over=("over_guidance", "sum"),
        guidance=("guidance_weeks", "first"),
    )
    phrases = []
    for stage in stages:
        row = per_stage.loc[stage]
        phrase = f"{row['label']}: {int(row['n'])}, median {format_value(row['median'])} weeks"
        if pd.notna(row["guidance"]):
            phrase += f", {int(row['over'])} over the {format_value(row['guidance'])}-week guidance"
        phrases.append(phrase)
    ongoing = layout.loc[layout["ongoing"].astype(bool), "episode_id"].nunique()
    return (
        f"Bar chart of the journeys of {n_children} child{'ren' if n_children != 1 else ''} "
        f"through {len(stages)} stage{'s' if len(stages) != 1 else ''}, in weeks, one bar per "
        f"child in order of start: "
        + "; ".join(phrases)
        + f"; {ongoing} with a stage still under way (hatched)."
    )


def journey_chart(
    data: pd.DataFrame,
    title: str = "",
    label_column: str | None = None,
) -> Chart:
    """One bar per child (episode), split into weeks per stage, with a tick at each guidance.

    `data`: `measures.stage_journeys` (long: `child_id`, `episode_id`, `stage`, `stage_label`,
    `start_date`, `end_date`, `weeks`, `guidance_weeks`, `ongoing`, `over_guidance`).
    `label_column`: a column to name each bar with (e.g. a pseudonym); by default bars are
    numbered 1..n in order of start.
    """
    layout = journey_layout(data)
    stages = stage_order(layout)
    colours = dict(zip(stages, extend_palette(len(stages)), strict=True))
    n_rows = int(layout["row"].max()) + 1 if len(layout) else 0
    ongoing = layout["ongoing"].astype(bool)
    with chart_style():
        figure, ax = new_figure(height=max(4.0, 0.35 * n_rows + 2.5))
        handles: list[Patch | Line2D] = []
        for stage in stages:
            in_stage = layout["stage"] == stage
            label = str(layout.loc[in_stage, "stage_label"].iloc[0])
            for hatched in (False, True):
                chosen = layout[in_stage & (ongoing == hatched)]
                if chosen.empty:
                    continue
                ax.barh(
                    chosen["row"],
                    chosen["weeks"],
                    left=chosen["left"],
                    height=0.7,
                    color=colours[stage],
                    edgecolor="white",
                    linewidth=0.8,
                    hatch=ONGOING_HATCH if hatched else None,
                    gid=f"stage_{stage}_ongoing" if hatched else f"stage_{stage}",
                )
            handles.append(Patch(facecolor=colours[stage], label=label))
        has_guidance = layout["guidance_weeks"].notna()
        ticks = ax.plot(
            (layout["left"] + layout["guidance_weeks"])[has_guidance],
            layout.loc[has_guidance, "row"],
            linestyle="none",
            marker="|",
            markersize=18,
            markeredgewidth=2.5,
            color=DARK_GREY,
        )[0]
        ticks.set_gid("guidance_ticks")
        if ongoing.any():
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor=DARK_GREY,
                    hatch=ONGOING_HATCH,
                    label="Still under way",
                )
            )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="|",
                markersize=14,
                markeredgewidth=2.5,
                color=DARK_GREY,
                label="Guidance for the stage",
            )
        )
        first_rows = layout.drop_duplicates("row").sort_values("row")
        names = (
            first_rows[label_column].astype(str)
            if label_column is not None
            else (first_rows["row"] + 1).astype(str)
        )
        ax.set_yticks(first_rows["row"].to_numpy(), names.to_numpy())
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.set_xlim(left=0)
        ax.set_xlabel("Weeks since the first stage started")
        ax.set_ylabel("Children in order of start" if label_column is None else "")
        ax.grid(axis="y", visible=False)
        ax.set_title(title)
        finish_axes(ax)
        legend_below(ax, "stages_legend", handles, offset=0.1)
    return Chart(figure, journey_alt_text(data))
