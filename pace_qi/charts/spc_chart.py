"""Draw an SPC result: the points, centre line, limits, target, parts and numbered notes.

The numbers all come from `pace_qi.spc` (an `SPCResult`); this module only decides how they
look. Rules of the look, so that a reader learns them once:

- points and the joining line in dark blue; a point outside the limits is a dark pink diamond,
  a point in a signalling run an orange square (shape as well as colour, so that the signal
  does not depend on seeing colour); a point left out of the calculations is a grey cross;
- the centre line is solid grey, or dashed in the signal colour when the runs rules signal;
- the limits are a shaded band (none for run charts, whose limits are missing);
- the target is a turquoise dash-dot line; centre line, limits and target are labelled
  directly at the right;
- parts are separated by a vertical line and named at the top; the end of a frozen baseline
  by a dotted line labelled "end of baseline";
- notes (PDSA cycles, events) are numbered circles above the plot with a legend below it.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from pace_qi.charts.alt_text import spc_alt_text
from pace_qi.charts.annotations import (
    Annotations,
    draw_annotations,
    normalise_annotations,
    notes_from_points,
)
from pace_qi.charts.chart import Chart
from pace_qi.charts.direct_labels import LineLabel, label_lines_at_right
from pace_qi.charts.style import (
    DARK_GREY,
    LIGHT_GREY,
    POINT_COLOUR,
    REFERENCE_COLOUR,
    RUN_SIGNAL_COLOUR,
    SIGNAL_COLOUR,
    TARGET_COLOUR,
    chart_style,
    finish_axes,
    format_value,
    legend_below,
    new_figure,
    percent_axis,
)


class SPCResultLike(Protocol):
    """What `spc_chart` needs from `pace_qi.spc.SPCResult`."""

    points: pd.DataFrame
    summary: pd.DataFrame


#: Marker, colour and legend text of each kind of point; the gid names the drawn artist.
POINT_STYLES: dict[str, dict[str, Any]] = {
    "points": {"marker": "o", "color": POINT_COLOUR, "label": "Data point", "size": 6},
    "points_outside_limits": {
        "marker": "D",
        "color": SIGNAL_COLOUR,
        "label": "Outside the limits",
        "size": 8,
    },
    "points_signal_run": {
        "marker": "s",
        "color": RUN_SIGNAL_COLOUR,
        "label": "Part of a signalling run",
        "size": 7,
    },
    "points_improvement": {
        "marker": "^",
        "color": TARGET_COLOUR,
        "label": "Special cause: improvement",
        "size": 9,
    },
    "points_concern": {
        "marker": "v",
        "color": RUN_SIGNAL_COLOUR,
        "label": "Special cause: concern",
        "size": 9,
    },
    "points_special_neutral": {
        "marker": "D",
        "color": SIGNAL_COLOUR,
        "label": "Special cause",
        "size": 8,
    },
    "points_excluded": {
        "marker": "X",
        "color": DARK_GREY,
        "label": "Left out of the calculations",
        "size": 8,
    },
}


def _flag(points: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column as a numpy array; a missing column or value counts as False."""
    if column not in points.columns:
        return np.zeros(len(points), dtype=bool)
    return points[column].astype("boolean").fillna(False).to_numpy(dtype=bool)


def point_kinds(points: pd.DataFrame) -> pd.Series:
    """The drawing kind of each point, by precedence: excluded, outside limits, run, normal.

    Making Data Count results (with `point_type`) use its kinds instead: special cause of
    improvement, of concern, or neutral (when no direction is better).
    """
    excluded = ~_flag(points, "include") if "include" in points.columns else _flag(points, "")
    if "point_type" in points.columns:
        point_type = points["point_type"].astype("string").fillna("common_cause")
        conditions = [
            excluded,
            (point_type == "special_cause_improvement").to_numpy(bool),
            (point_type == "special_cause_concern").to_numpy(bool),
            point_type.str.startswith("special_cause").to_numpy(bool),
        ]
        names = ["points_excluded", "points_improvement", "points_concern"]
        names.append("points_special_neutral")
    else:
        conditions = [excluded, _flag(points, "sigma_signal"), _flag(points, "in_signal_run")]
        names = ["points_excluded", "points_outside_limits", "points_signal_run"]
    return pd.Series(np.select(conditions, names, default="points"), index=points.index)


def _one_facet(points: pd.DataFrame, facet: Any) -> pd.DataFrame:
    """The points of one facet; a faceted result needs `facet=` to say which."""
    if "facet" not in points.columns:
        return points
    facets = list(pd.unique(points["facet"]))
    if facet is None and len(facets) == 1:
        return points
    if facet not in facets:
        raise ValueError(f"this result has facets {facets}: pass facet= one of them")
    return points[points["facet"] == facet]


def _chart_type(result: SPCResultLike) -> str | None:
    """The chart type to name: "mdc" for Making Data Count results, else `result.chart`."""
    if str(getattr(result, "method", "")).lower() == "mdc":
        return "mdc"
    return getattr(result, "chart", None)


def _midpoint(left: Any, right: Any) -> Any:
    return left + (right - left) / 2


def _part_label(part: Any) -> str:
    return f"Part {part}" if isinstance(part, int | np.integer | float) else str(part)


def _draw_part(ax: Axes, part_points: pd.DataFrame, runs_signal: bool, percent: bool) -> None:
    """Line, limit band and centre line of one part (parts are never joined)."""
    x = part_points["x"].to_numpy()
    data_line = ax.plot(x, part_points["y"], color=POINT_COLOUR, linewidth=1.2, zorder=2)[0]
    data_line.set_gid("data_line")
    lcl, ucl = part_points["lcl"].astype(float), part_points["ucl"].astype(float)
    if lcl.notna().any() or ucl.notna().any():
        band = ax.fill_between(
            x,
            lcl,
            ucl,
            step="mid",
            color=LIGHT_GREY,
            alpha=0.35,
            linewidth=0,
            zorder=0,
        )
        band.set_gid("limits")
        for name, values in (("lcl", lcl), ("ucl", ucl)):
            edge = ax.plot(x, values, drawstyle="steps-mid", color=LIGHT_GREY, linewidth=1)[0]
            edge.set_gid(name)
    centre = ax.plot(
        x,
        part_points["cl"].astype(float),
        drawstyle="steps-mid",
        color=SIGNAL_COLOUR if runs_signal else REFERENCE_COLOUR,
        linestyle="--" if runs_signal else "-",
        linewidth=1.5,
        zorder=1,
    )[0]
    centre.set_gid("centre_signal" if runs_signal else "centre")


def _draw_points(ax: Axes, points: pd.DataFrame) -> list[Line2D]:
    """One marker artist per kind of point present; returns their legend handles."""
    kinds = point_kinds(points)
    has_value = points["y"].notna()
    handles = []
    for kind, style in POINT_STYLES.items():
        chosen = points[(kinds == kind) & has_value]
        if chosen.empty:
            continue
        artist = ax.plot(
            chosen["x"].to_numpy(),
            chosen["y"].to_numpy(dtype=float),
            linestyle="none",
            marker=style["marker"],
            markersize=style["size"],
            color=style["color"],
            markeredgecolor="white" if kind != "points_excluded" else style["color"],
            label=style["label"],
            zorder=3,
        )[0]
        artist.set_gid(kind)
        handles.append(artist)
    return handles


def _draw_separators(ax: Axes, points: pd.DataFrame, parts: list[Any]) -> None:
    """Vertical lines between parts (labelled at the top) and at the end of a frozen baseline."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    if len(parts) > 1:
        for part in parts:
            first_x = points.loc[points["part"] == part, "x"].iloc[0]
            name = ax.text(
                first_x,
                0.97,
                _part_label(part),
                transform=top,
                va="top",
                ha="left",
                color=DARK_GREY,
                fontweight="bold",
            )
            name.set_gid("part_label")
        ends = points["part"].ne(points["part"].shift(-1)).to_numpy()[:-1]
        lefts = points["x"].iloc[:-1][ends].to_numpy()
        rights = points["x"].iloc[1:][ends].to_numpy()
        for left, right in zip(lefts, rights, strict=True):
            ax.axvline(_midpoint(left, right), color=DARK_GREY, linewidth=1.5).set_gid(
                "part_separator"
            )
    if "baseline" in points.columns:
        baseline = _flag(points, "baseline")
        same_part = points["part"].eq(points["part"].shift(-1)).to_numpy()
        freeze = baseline[:-1] & ~baseline[1:] & same_part[:-1]
        for left, right in zip(
            points["x"].iloc[:-1][freeze], points["x"].iloc[1:][freeze], strict=True
        ):
            at = _midpoint(left, right)
            ax.axvline(at, color=DARK_GREY, linewidth=1, linestyle=":").set_gid("freeze_separator")
            ax.text(
                at, 0.03, " end of baseline", transform=top, va="bottom", ha="left", color=DARK_GREY
            ).set_gid("freeze_label")


def _legends_below(
    figure: Any, ax: Axes, handles: list[Line2D], notes: list[tuple[Line2D, str]]
) -> None:
    """The key to the point shapes on one row under the axis, then the numbered notes."""
    if notes:
        figure.legend(
            [h for h, _ in notes],
            [text for _, text in notes],
            loc="outside lower left",
            ncols=1,
            frameon=False,
            handlelength=0,
            handletextpad=0,
        ).set_gid("notes_legend")
    if handles:
        legend_below(ax, "points_legend", handles, offset=0.08, ncols=len(handles),
                     handletextpad=0.3, columnspacing=1.2)


def spc_chart(
    result: SPCResultLike,
    title: str = "",
    y_label: str = "",
    percent: bool = False,
    annotations: Annotations = None,
    subject: str | None = None,
    facet: Any = None,
) -> Chart:
    """Draw an SPC result as a run or control chart, with alt text written from its numbers.

    `result`: a `pace_qi.spc.SPCResult` (uses `points`, `summary`, and `target`/`chart` when
    present). `percent=True` shows y as percentages: y held as shares 0..1, or as 0..100 when
    the result was made with `multiply=100`. `annotations`: a
    DataFrame or list of dicts with `x`, `label`, optional `end` (numbered notes; a window is
    shaded from `x` to `end`); non-empty `notes` of the points are added to them. `subject`:
    what is measured, for the alt text (default `y_label`, else `title`). `facet`: for a
    faceted result, the facet to draw (one chart per facet).
    Returns a `Chart`.
    """
    points = _one_facet(result.points, facet).reset_index(drop=True)
    summary = getattr(result, "summary", None)
    target = getattr(result, "target", None)
    chart_type = _chart_type(result)
    whole = 100.0 if getattr(result, "multiply", 1) == 100 else 1.0
    notes = normalise_annotations(annotations, notes_from_points(points))
    parts = list(pd.unique(points["part"]))
    runs_by_part = pd.Series(_flag(points, "runs_signal")).groupby(points["part"]).any()

    with chart_style():
        figure, ax = new_figure()
        for part in parts:
            _draw_part(ax, points[points["part"] == part], bool(runs_by_part[part]), percent)
        handles = _draw_points(ax, points)
        last = points.iloc[-1]
        centre_word = "Median" if str(chart_type or "run").lower() in {"run", "g"} else "Mean"
        centre_colour = SIGNAL_COLOUR if runs_by_part[parts[-1]] else REFERENCE_COLOUR
        if target is not None and pd.notna(target):
            ax.axhline(target, color=TARGET_COLOUR, linestyle="-.", linewidth=1.5).set_gid("target")
        fmt = partial(format_value, percent=percent, whole=whole)
        label_lines_at_right(
            ax,
            [
                LineLabel(
                    last["cl"], f"{centre_word} {fmt(last['cl'])}", centre_colour, "centre_label"
                ),
                LineLabel(last["ucl"], f"Upper limit {fmt(last['ucl'])}", DARK_GREY, "ucl_label"),
                LineLabel(last["lcl"], f"Lower limit {fmt(last['lcl'])}", DARK_GREY, "lcl_label"),
                LineLabel(target, f"Target {fmt(target)}", TARGET_COLOUR, "target_label"),
            ],
        )
        _draw_separators(ax, points, parts)
        note_entries = draw_annotations(ax, notes)

        if pd.api.types.is_datetime64_any_dtype(points["x"]):
            locator = AutoDateLocator()
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        if percent:
            percent_axis(ax, whole=whole)
        ax.set_title(title, pad=24 if len(notes) else 8)
        ax.set_ylabel(y_label)
        finish_axes(ax)
        _legends_below(figure, ax, handles, note_entries)

    alt = spc_alt_text(
        points,
        summary,
        chart_type,
        subject or y_label or title or "the measure",
        percent=percent,
        whole=whole,
        target=target,
        n_notes=len(notes),
    )
    return Chart(figure, alt)
