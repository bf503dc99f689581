"""The front door: `chart()` turns long-form data into an `SPCResult`.

The steps read as the outline of the job: aggregate rows into subgroups, mark parts, baseline
and excluded points, compute each part's centre line and limits, apply the chosen rule set to
each part, scale by `multiply`, flag points outside the limits, then summarise and warn.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from pace_qi.spc import anhoej, ihi, mdc
from pace_qi.spc.guardrails import small_number_warnings
from pace_qi.spc.limits import CHART_LIMITS, PartInput, PartLimits
from pace_qi.spc.result import POINT_COLUMNS, SUMMARY_COLUMNS, SPCResult
from pace_qi.spc.subgroups import aggregate, x_is_categorical

CHARTS = tuple(CHART_LIMITS)
METHODS = ("anhoej", "ihi", "mdc")
DIRECTIONS = ("increase", "decrease", "neutral")


def chart(
    data: pd.DataFrame,
    x: str,
    y: str,
    n: str | None = None,
    chart: str = "run",
    freeze: Any = None,
    part: Any = None,
    exclude: Iterable[Any] | None = None,
    cl: float | None = None,
    target: float | None = None,
    notes: str | Mapping[Hashable, str] | None = None,
    multiply: float = 1,
    method: str = "anhoej",
    screen_mr: bool = True,
    direction: str | None = None,
    facet: str | None = None,
) -> SPCResult:
    """Compute a run or control chart of `y` (over `n`) by `x` from the long-form `data`.

    - `chart`: one of run, i, mr, xbar, s, t, p, pp (Laney p′), c, u, up (Laney u′), g.
    - `freeze`: the number of baseline points (an int) or the last baseline x value.
    - `part`: the x value(s) at which each new part begins, or the name of a column of part
      labels (a new part starts where the label changes). Each part has its own centre line,
      limits and runs analysis.
    - `exclude`: x values of subgroups left out of centre line, limits and runs analysis (still
      plotted, still flagged outside the limits).
    - `cl`: a fixed centre line instead of the computed one. `target`: a target value (used by
      the MDC assurance icon and by describe()). `notes`: a column of notes, or a mapping of x
      value to note, passed through to `points["notes"]`.
    - `multiply`: scale y, centre line and limits (e.g. 100 for percentages).
    - `method`: `anhoej` (qicharts2), `ihi` (Perla, Provost & Murray 2011) or `mdc` (Making
      Data Count, an XmR chart as NHSRplotthedots). `screen_mr`: drop moving ranges of
      3.267·MR̄ or more before computing I-chart limits. `direction`: which way is improvement
      (`increase`, `decrease`, `neutral`; MDC defaults to `increase`, as NHSRplotthedots).
    - `facet`: a column whose values each get their own chart (limits, parts, runs);
      `points` and `summary` then lead with a `facet` column.
    """
    chart = _validate(data, x, y, n, chart, method, direction, part, facet)
    if method == "mdc" and direction is None:
        direction = "increase"
    options = {
        "x": x,
        "y": y,
        "n": n,
        "chart": chart,
        "freeze": freeze,
        "part": part,
        "exclude": exclude,
        "cl": cl,
        "target": target,
        "notes": notes,
        "multiply": multiply,
        "method": method,
        "screen_mr": screen_mr,
        "direction": direction,
    }
    if facet is None:
        points, summary = _analyse(data, **options)
    else:
        points, summary = _analyse_facets(data, facet, options)
    warnings = small_number_warnings(points, summary, chart, facet is not None, multiply)
    return SPCResult(points, summary, warnings, chart, method, direction, target, multiply)


def _validate(
    data: pd.DataFrame,
    x: str,
    y: str,
    n: str | None,
    chart: str,
    method: str,
    direction: str | None,
    part: Any,
    facet: str | None,
) -> str:
    """Check the arguments early, with messages that say what to change."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if method == "mdc":
        if chart not in ("run", "i"):
            raise ValueError("method='mdc' draws an XmR (i) chart; leave chart as 'i'")
        chart = "i"
    if chart not in CHARTS:
        raise ValueError(f"chart must be one of {', '.join(CHARTS)}, not {chart!r}")
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    for column in (x, y, n, facet):
        if column is not None and column not in data.columns:
            raise KeyError(f"column {column!r} is not in the data")
    if chart in ("p", "pp", "u", "up") and n is None:
        raise ValueError(f"a {chart} chart needs a denominator: give n=")
    return chart


def _analyse_facets(
    data: pd.DataFrame, facet: str, options: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One independent chart per facet value, stacked with a leading `facet` column."""
    points, summaries = [], []
    for value, rows in data.groupby(facet, sort=True, observed=True, dropna=True):
        facet_points, facet_summary = _analyse(rows, **options)
        points.append(facet_points.assign(facet=value))
        summaries.append(facet_summary.assign(facet=value))
    points_frame = pd.concat(points, ignore_index=True)
    summary_frame = pd.concat(summaries, ignore_index=True)
    return (
        points_frame[["facet", *points_frame.columns.drop("facet")]],
        summary_frame[["facet", *summary_frame.columns.drop("facet")]],
    )


def _analyse(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    n: str | None,
    chart: str,
    freeze: Any,
    part: Any,
    exclude: Iterable[Any] | None,
    cl: float | None,
    target: float | None,
    notes: Any,
    multiply: float,
    method: str,
    screen_mr: bool,
    direction: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Points and summary of one (unfaceted) chart."""
    part_column = part if isinstance(part, str) and part in data.columns else None
    sub = aggregate(data, x, y, n, chart, notes, label=part_column)
    categorical = x_is_categorical(sub["x"])
    sub["part"] = _parts(sub, part, part_column is not None)
    sub["baseline"] = _baseline(sub, freeze, method)
    sub["include"] = ~sub["x"].isin(list(exclude) if exclude is not None else [])

    columns: dict[str, list[np.ndarray]] = {}
    summary_rows = []
    for part_number, rows in sub.groupby("part", sort=True):
        limits, runs = _analyse_part(rows, chart, method, cl, screen_mr, categorical, direction)
        runs_enabled = chart != "mr" and not categorical
        scaled = _scale(limits, multiply)
        with np.errstate(invalid="ignore"):
            outside = (scaled.y > scaled.ucl) | (scaled.y < scaled.lcl)
        runs_signal = runs.runs_signal and runs_enabled
        per_point = {
            "y": scaled.y,
            "cl": scaled.cl,
            "lcl": scaled.lcl,
            "ucl": scaled.ucl,
            "lcl_95": scaled.lcl_95,
            "ucl_95": scaled.ucl_95,
            "sigma_signal": outside,
            "runs_signal": np.full(len(rows), runs_signal),
            "in_signal_run": runs.in_signal_run & runs_enabled,
            **runs.point_extras,
        }
        for name, values in per_point.items():
            columns.setdefault(name, []).append(np.asarray(values))
        summary_rows.append(
            {
                "part": part_number,
                **runs.summary_row(),
                "runs_signal": runs_signal,
                "lcl": _nanmean(scaled.lcl),
                "cl": _nanmean(scaled.cl),
                "ucl": _nanmean(scaled.ucl),
                "n_sigma_signals": int(outside.sum()),
            }
        )
        if method == "mdc":
            summary_rows[-1].update(mdc.icons(runs, scaled, target, direction))

    for name, values in columns.items():
        sub[name] = np.concatenate(values)
    for name in POINT_COLUMNS:  # no subgroups at all: empty columns
        if name not in sub.columns:
            sub[name] = pd.Series(dtype=bool if "signal" in name else float)
    extras = [c for c in columns if c not in POINT_COLUMNS]
    points = sub.loc[:, [*POINT_COLUMNS, *extras]].reset_index(drop=True)
    summary = pd.DataFrame(summary_rows, columns=None if summary_rows else SUMMARY_COLUMNS)
    summary = summary[[*SUMMARY_COLUMNS, *summary.columns.drop(list(SUMMARY_COLUMNS))]]
    counts = [c for c in summary.columns if c.startswith("n_") or c.startswith("longest_")]
    return points, summary.astype(dict.fromkeys(counts, "Int64"))


def _analyse_part(
    rows: pd.DataFrame,
    chart: str,
    method: str,
    cl: float | None,
    screen_mr: bool,
    categorical: bool,
    direction: str | None,
) -> tuple[PartLimits, anhoej.RunsResult]:
    """Limits and rule outcome of one part."""
    part_input = PartInput(
        y=rows["y"].to_numpy(dtype=float),
        n=rows["n"].to_numpy(dtype=float),
        y_sum=rows["y_sum"].to_numpy(dtype=float),
        y_length=rows["y_length"].to_numpy(dtype=float),
        y_sd=rows["y_sd"].to_numpy(dtype=float),
        base=(rows["baseline"] & rows["include"]).to_numpy(dtype=bool),
        categorical=categorical,
        cl=cl,
        screen_mr=screen_mr,
    )
    include = rows["include"].to_numpy(dtype=bool)
    if method == "mdc":
        limits = mdc.limits(part_input)
        return limits, mdc.analyse(limits, include, direction or "increase")
    limits = CHART_LIMITS[chart](part_input)
    if method == "ihi":
        return limits, ihi.analyse(limits.y, limits.cl, include)
    return limits, anhoej.analyse(limits.y, limits.cl, include)


def _scale(limits: PartLimits, multiply: float) -> PartLimits:
    return PartLimits(
        *(
            np.asarray(v, dtype=float) * multiply
            for v in (limits.y, limits.cl, limits.lcl, limits.ucl, limits.lcl_95, limits.ucl_95)
        )
    )


def _nanmean(values: np.ndarray) -> float:
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else np.nan


def _parts(sub: pd.DataFrame, part: Any, is_column: bool) -> np.ndarray:
    """Part number (1, 2, ...) of each subgroup."""
    size = len(sub)
    if part is None or size == 0:
        return np.ones(size, dtype=int)
    if is_column:
        labels = sub["label"]
        changed = labels.ne(labels.shift()).to_numpy(copy=True)
        changed[0] = False
        return 1 + np.cumsum(changed)
    starts = pd.Series(part if _is_listlike(part) else [part])
    x = sub["x"]
    if x_is_categorical(x):
        begins = x.isin(list(starts)).to_numpy(copy=True)
    else:
        if pd.api.types.is_datetime64_any_dtype(x):
            starts = pd.to_datetime(starts).astype(x.dtype)
        begun = x.to_numpy()[:, None] >= starts.to_numpy()[None, :]
        count = begun.sum(axis=1)
        begins = np.concatenate([[False], count[1:] != count[:-1]])
    begins[0] = False
    return 1 + np.cumsum(begins)


def _baseline(sub: pd.DataFrame, freeze: Any, method: str) -> np.ndarray:
    """Baseline flag: the first `freeze` points (int) or points up to the x value `freeze`.
    A part that starts after the baseline period is its own baseline (all its points)."""
    size = len(sub)
    if freeze is None:
        return np.ones(size, dtype=bool)
    if isinstance(freeze, (int, np.integer)) and not isinstance(freeze, bool):
        baseline = np.arange(size) < int(freeze)
    else:
        x = sub["x"]
        if pd.api.types.is_datetime64_any_dtype(x):
            freeze = pd.Timestamp(freeze)
        baseline = (x <= freeze).to_numpy(dtype=bool)
    if method == "mdc" and baseline.sum() < 12:
        raise ValueError(
            "method='mdc' needs a baseline of at least 12 points: freeze later or not at all"
        )
    parts = sub["part"].to_numpy()
    has_baseline = pd.Series(baseline).groupby(parts).transform("any").to_numpy(dtype=bool)
    return baseline | ~has_baseline


def _is_listlike(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, np.ndarray, pd.Series, pd.Index))
