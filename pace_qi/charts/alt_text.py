"""Alt text for every chart, written from the numbers the chart draws.

Why separate from the drawing: the text is part of the product (a governance reader using a
screen reader gets the same findings as a sighted one), so it is built from the data frames
alone and can be tested without drawing anything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi.charts.style import format_value

#: Plain names of SPC chart types (qicharts2's `chart=` values, plus Making Data Count).
CHART_NAMES: dict[str, str] = {
    "run": "Run chart",
    "i": "I chart (individual values)",
    "xmr": "XmR chart",
    "mdc": "XmR chart (Making Data Count)",
    "mr": "Moving range chart",
    "xbar": "X-bar chart",
    "s": "S chart",
    "t": "T chart",
    "p": "P chart",
    "pp": "P-prime chart",
    "c": "C chart",
    "u": "U chart",
    "up": "U-prime chart",
    "g": "G chart",
}


def chart_name(chart_type: str | None) -> str:
    """The plain name of a chart type ("run" -> "Run chart"); unknown types are upper-cased."""
    if not chart_type:
        return "Chart"
    key = str(chart_type).lower()
    return CHART_NAMES.get(key, f"{str(chart_type).upper()} chart")


def _is_monthly(dates: pd.Series) -> bool:
    return bool((dates.dt.day == 1).all())


def format_x(value: object, monthly: bool = True) -> str:
    """An x value as a reader would say it: "Feb 2018" for months, "5 Feb 2018" for days."""
    if isinstance(value, pd.Timestamp | np.datetime64):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%b %Y") if monthly else f"{stamp.day} {stamp.strftime('%b %Y')}"
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value)


def describe_period(x: pd.Series) -> str:
    """ "22 months from Feb 2018 to Nov 2019", or "22 points (1 to 22)" for integer x."""
    values = x.dropna()
    n = len(values)
    if n == 0:
        return "no points"
    if pd.api.types.is_datetime64_any_dtype(values):
        monthly = _is_monthly(values)
        unit = "month" if monthly else "point"
        first, last = format_x(values.min(), monthly), format_x(values.max(), monthly)
        return f"{n} {unit}{'s' if n != 1 else ''} from {first} to {last}"
    return (
        f"{n} point{'s' if n != 1 else ''} ({format_x(values.min())} to {format_x(values.max())})"
    )


def lower_first(text: str) -> str:
    """ "Percent met" -> "percent met", for use mid-sentence; leaves "ADM decisions" alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _run_direction(part_points: pd.DataFrame) -> str:
    """Whether the points of a signalling run lie above or below the centre line."""
    in_run = part_points[part_points["in_signal_run"].fillna(False).astype(bool)]
    side = np.sign((in_run["y"] - in_run["cl"]).to_numpy(dtype=float))
    side = side[~np.isnan(side)]
    if side.size == 0:
        return "on one side of"
    return "above" if side.mean() > 0 else "below"


def _part_sentence(
    part_points: pd.DataFrame,
    part_summary: pd.Series | None,
    centre_word: str,
    percent: bool,
    monthly: bool,
    whole: float = 1.0,
) -> str:
    """What the rules found in one part: centre, limits, runs and points outside the limits."""
    cl = part_points["cl"].dropna()
    phrases = [f"{centre_word} {format_value(cl.iloc[-1], percent, whole)}" if len(cl) else ""]
    baseline = (
        part_points["baseline"].astype("boolean").fillna(True)
        if ("baseline" in part_points.columns)
        else None
    )
    if baseline is not None and len(cl) and not baseline.all():
        phrases[0] += f" (from the {int(baseline.sum())} baseline points, then frozen)"
    lcl, ucl = part_points["lcl"].dropna(), part_points["ucl"].dropna()
    if len(lcl) and len(ucl):
        low, high = lcl.iloc[-1], ucl.iloc[-1]
        varying = lcl.nunique() > 1 or ucl.nunique() > 1
        phrases.append(
            f"limits {format_value(low, percent, whole)} to {format_value(high, percent, whole)}"
            + (" (varying with the denominator)" if varying else "")
        )
    runs = bool(part_points["runs_signal"].fillna(False).astype(bool).any())
    if part_summary is not None and {"longest_run", "longest_run_max"} <= set(part_summary.index):
        longest, longest_max = part_summary["longest_run"], part_summary["longest_run_max"]
        crossings = part_summary.get("n_crossings")
        crossings_min = part_summary.get("n_crossings_min")
        long_run = pd.notna(longest) and pd.notna(longest_max) and longest > longest_max
        few_crossings = (
            crossings is not None
            and crossings_min is not None
            and pd.notna(crossings)
            and pd.notna(crossings_min)
            and crossings < crossings_min
        )
        if runs and long_run:
            phrases.append(
                f"a run of {int(longest)} points {_run_direction(part_points)} the "
                f"{centre_word} (more than {int(longest_max)}) signals a shift"
            )
        if runs and few_crossings:
            phrases.append(
                f"{_plural(int(crossings), 'crossing')} of the {centre_word} "
                f"(at least {int(crossings_min)} expected) signals a shift"
            )
        if runs and not (long_run or few_crossings):
            phrases.append("the runs rules signal a non-random pattern")
        if not runs and pd.notna(longest):
            phrases.append(
                f"no unusual runs (longest run {int(longest)}, limit {int(longest_max)})"
            )
    elif runs:
        phrases.append("the runs rules signal a non-random pattern")
    outside = part_points[part_points["sigma_signal"].fillna(False).astype(bool)]
    if len(outside):
        when = ", ".join(format_x(v, monthly) for v in outside["x"].head(5))
        more = " …" if len(outside) > 5 else ""
        phrases.append(f"{_plural(len(outside), 'point')} outside the limits ({when}{more})")
    return "; ".join(p for p in phrases if p)


def spc_alt_text(
    points: pd.DataFrame,
    summary: pd.DataFrame | None,
    chart_type: str | None,
    subject: str,
    percent: bool = False,
    target: float | None = None,
    n_notes: int = 0,
    whole: float = 1.0,
) -> str:
    """Alt text for an SPC chart: type, subject, period, then per part what the rules found.

    `points`/`summary` are `SPCResult.points`/`.summary`; `subject` is what is measured
    ("percent met"); `n_notes` is how many numbered notes the chart carries; with `percent`,
    `whole` is the value shown as 100% (the result's `multiply` is 100 when y is in percent).
    """
    x = points["x"]
    monthly = pd.api.types.is_datetime64_any_dtype(x) and _is_monthly(x.dropna())
    centre_word = "median" if (chart_type or "run").lower() in {"run", "g"} else "mean"
    head = f"{chart_name(chart_type)} of {lower_first(subject)}, {describe_period(x)}"
    parts = list(pd.unique(points["part"]))
    by_part = None
    if summary is not None and len(summary):
        by_part = (
            summary.set_index("part")
            if "part" in summary.columns
            else summary.set_index(pd.Index(parts[: len(summary)]))
        )
    sentences = []
    for part in parts:
        part_points = points[points["part"] == part]
        row = by_part.loc[part] if by_part is not None and part in by_part.index else None
        sentence = _part_sentence(part_points, row, centre_word, percent, monthly, whole)
        if len(parts) > 1:
            start = format_x(part_points["x"].iloc[0], monthly)
            sentence = f"part {part} (from {start}): {sentence}"
        sentences.append(sentence)
    text = head + "; " + "; ".join(sentences)
    if target is not None and pd.notna(target):
        text += f"; target {format_value(target, percent, whole)}"
    if n_notes:
        text += f"; {_plural(n_notes, 'note')} marked (numbered on the chart)"
    return text + "."
