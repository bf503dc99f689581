"""Direct labels at the right-hand end of horizontal lines, nudged apart when they would touch.

Why: direct labels spare the reader a legend look-up, but two lines close together (a median of
26 weeks and guidance of 26 weeks) would print their labels on top of each other. Labels keep
their line's colour and are moved just far enough apart to be read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import blended_transform_factory


@dataclass(frozen=True)
class LineLabel:
    """The label of a horizontal line at `value`."""

    value: float
    text: str
    colour: str
    gid: str


def spread_positions(values: np.ndarray, min_gap: float) -> np.ndarray:
    """Positions as close to `values` as possible, at least `min_gap` apart, in the same order.

    Labels are taken from the bottom up and each is pushed up, if needed, to clear the one
    below it; a label never moves down, so the lowest of a group stays on its line.
    """
    values = np.asarray(values, dtype=float)
    order = np.argsort(values, kind="stable")
    placed = values[order].copy()
    for i in range(1, len(placed)):  # a handful of labels
        placed[i] = max(placed[i], placed[i - 1] + min_gap)
    result = np.empty_like(placed)
    result[order] = placed
    return result


def label_lines_at_right(ax: Axes, labels: list[LineLabel], min_gap_fraction: float = 0.06) -> None:
    """Write each label just right of the axes at its line's height (nudged apart if needed)."""
    shown = [label for label in labels if label.value is not None and pd.notna(label.value)]
    if not shown:
        return
    low, high = ax.get_ylim()
    positions = spread_positions(
        np.array([label.value for label in shown]), abs(high - low) * min_gap_fraction
    )
    right = blended_transform_factory(ax.transAxes, ax.transData)
    for label, y in zip(shown, positions, strict=True):
        ax.annotate(
            label.text,
            (1.0, label.value),
            xycoords=right,
            xytext=(1.01, y),
            textcoords=right,
            va="center",
            ha="left",
            color=label.colour,
            annotation_clip=False,
        ).set_gid(label.gid)
