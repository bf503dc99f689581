"""Numbered notes on a chart: PDSA cycles and other events, marked 1, 2, 3 … at the top.

Why numbers and a legend below, rather than text on the chart: the labels of PDSA cycles are
long ("PDSA 1: 2-week planning meeting") and would overlap the points; a number in a circle is
small, and the legend under the chart gives each number its full text. A cycle with an `end`
also gets a lightly shaded window, so the reader sees when the change was being tested.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from pace_qi.charts.style import DARK_GREY, LIGHT_GREY

#: Columns of a normalised annotations frame.
ANNOTATION_COLUMNS = ("number", "x", "label", "end")

Annotations = pd.DataFrame | Iterable[Mapping[str, Any]] | None


def normalise_annotations(
    annotations: Annotations, notes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One frame of notes, numbered 1..n from left to right.

    `annotations`: a DataFrame or a list of dicts with `x`, `label` and optional `end`.
    `notes`: extra notes with `x` and `label` (e.g. the `notes` column of an SPC result).
    Returns columns `number` (1..n), `x`, `label`, `end` (missing when not a window).
    """
    frames = []
    for source in (annotations, notes):
        if source is None:
            continue
        frame = source.copy() if isinstance(source, pd.DataFrame) else pd.DataFrame(list(source))
        if frame.empty:
            continue
        missing = {"x", "label"} - set(frame.columns)
        if missing:
            raise ValueError(f"annotations need columns 'x' and 'label'; missing {sorted(missing)}")
        if "end" not in frame.columns:
            frame["end"] = None
        frames.append(frame[["x", "label", "end"]])
    if not frames:
        return pd.DataFrame(columns=list(ANNOTATION_COLUMNS))
    combined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    combined = combined.dropna(subset=["x"])
    combined["label"] = combined["label"].astype(str)
    combined = combined.sort_values("x", kind="stable").reset_index(drop=True)
    combined.insert(0, "number", range(1, len(combined) + 1))
    return combined


def draw_annotations(ax: Axes, notes: pd.DataFrame) -> list[tuple[Line2D, str]]:
    """Draw numbered markers (and shaded windows) on `ax`; return legend entries for them.

    The markers sit just above the top of the plotting area, in data x and axes y, so they never
    cover a point. Returns `(handle, "1  PDSA 1: …")` pairs for the legend below the chart.
    """
    if notes.empty:
        return []
    top = blended_transform_factory(ax.transData, ax.transAxes)
    windows = notes.dropna(subset=["end"])
    for start, end in zip(windows["x"], windows["end"], strict=True):
        span = ax.axvspan(start, end, color=LIGHT_GREY, alpha=0.25, linewidth=0, zorder=0)
        span.set_gid("annotation_window")
    for number, x in zip(notes["number"], notes["x"], strict=True):
        line = ax.axvline(x, color=DARK_GREY, linewidth=0.8, linestyle=":", zorder=1)
        line.set_gid("annotation_line")
        marker = ax.text(
            x,
            1.01,
            str(number),
            transform=top,
            ha="center",
            va="bottom",
            color="white",
            fontweight="bold",
            clip_on=False,
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": DARK_GREY, "edgecolor": "none"},
        )
        marker.set_gid("annotation_marker")
    handle = Line2D([], [], linestyle="none")
    return [
        (handle, f"{n}  {label}") for n, label in zip(notes["number"], notes["label"], strict=True)
    ]


def notes_from_points(points: pd.DataFrame) -> pd.DataFrame | None:
    """The non-empty `notes` of an SPC result's points, as `x`/`label` rows (or None)."""
    if "notes" not in points.columns:
        return None
    text = points["notes"].astype("string").str.strip()
    keep = text.notna() & (text != "")
    if not keep.any():
        return None
    return pd.DataFrame({"x": points.loc[keep, "x"].to_numpy(), "label": text[keep].to_numpy()})
