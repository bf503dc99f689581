"""Ramps: an aim's cycles in order, as the tables that the charts draw.

`ramp_frame` feeds `pace_qi.charts.ramp_chart` (cycles on a timeline with their decisions);
`annotations` feeds `pace_qi.charts.spc_chart(..., annotations=...)`, so that every aim chart
carries the numbered cycles of its ramp and a cycle report shades its own window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from pace_qi.pdsa.record import Cycle

RAMP_COLUMNS: tuple[str, ...] = ("aim", "cycle", "id", "title", "start", "end", "decision")
ANNOTATION_COLUMNS: tuple[str, ...] = ("x", "end", "label")


def _values(cycles: Mapping[str, Cycle] | Iterable[Cycle]) -> list[Cycle]:
    return list(cycles.values()) if isinstance(cycles, Mapping) else list(cycles)


def _dates(values: list[dt.date | None]) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[ns]")


def ramp_frame(
    cycles: Mapping[str, Cycle] | Iterable[Cycle],
    aim: str | None = None,
    as_of: dt.date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per cycle (of `aim`, or of every aim), sorted by aim then cycle number.

    Columns `aim, cycle, id, title, start, end, decision`: `start`/`end` are the plan dates
    (datetime64, NaT when missing); `decision` is the Act decision, "pending" when none is
    recorded. With `as_of`, a cycle whose planned end is after it has `end` NaT, which
    `ramp_chart` draws as in progress up to the as-at date.
    """
    chosen = [c for c in _values(cycles) if aim is None or c.aim == aim]
    frame = pd.DataFrame(
        {
            "aim": pd.Series([c.aim for c in chosen], dtype="str"),
            "cycle": pd.Series([c.cycle for c in chosen], dtype="int64"),
            "id": pd.Series([c.id for c in chosen], dtype="str"),
            "title": pd.Series([c.title for c in chosen], dtype="str"),
            "start": _dates([c.plan.start for c in chosen]),
            "end": _dates([c.plan.end for c in chosen]),
            "decision": pd.Series([c.act.decision or "pending" for c in chosen], dtype="str"),
        }
    )
    if as_of is not None:
        frame["end"] = frame["end"].where(~(frame["end"] > pd.Timestamp(as_of)))
    return frame.sort_values(["aim", "cycle", "id"], kind="stable").reset_index(drop=True)


def annotations(
    cycles: Mapping[str, Cycle] | Iterable[Cycle],
    aim_id: str,
    highlight: str | None = None,
) -> pd.DataFrame:
    """Chart notes for an aim's ramp: columns `x` (plan start), `end`, `label`, in cycle order.

    `label` is "PDSA 2: <title>". Without `highlight`, every cycle of the aim is listed with its
    window (`end` = plan end, NaT when there is none). With `highlight` (a cycle id, for that
    cycle's report), the ramp up to and including that cycle is listed, and only the
    highlighted cycle keeps its `end`, so that its window alone is shaded and the earlier cycles
    are numbered markers. Cycles without a start date cannot be placed and are left out.
    """
    frame = ramp_frame(cycles, aim=aim_id)
    if highlight is not None:
        chosen = frame.loc[frame["id"] == highlight, "cycle"]
        if chosen.empty:
            raise KeyError(f"cycle '{highlight}' is not in the ramp of {aim_id}")
        frame = frame[frame["cycle"] <= chosen.iloc[0]]
        frame = frame.assign(end=frame["end"].where(frame["id"] == highlight))
    frame = frame.dropna(subset=["start"])
    result = pd.DataFrame(
        {
            "x": frame["start"],
            "end": frame["end"],
            "label": "PDSA " + frame["cycle"].astype(str) + ": " + frame["title"],
        }
    )
    return result.reset_index(drop=True)
