"""Plain-English sentences that say what the rules found, written from the numbers.

Only the last part of a chart (the current process) is described; earlier parts are history.
The sentence names the signal, the limit it broke and, when an improvement direction is
known, whether it is good news.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from pace_qi.spc.result import SPCResult

CENTRE_NAMES = {"run": "median", "g": "median"}


def describe(result: SPCResult) -> str:
    """One or two sentences about the last part of the chart (the first facet's, if faceted)."""
    points, summary = result.points, result.summary
    if "facet" in points.columns and len(summary):
        first = summary["facet"].iloc[-1]
        points = points[points["facet"] == first]
        summary = summary[summary["facet"] == first]
    if summary.empty or points["y"].notna().sum() == 0:
        return "There are no data to describe."
    last = summary.iloc[-1]
    part = points[points["part"] == last["part"]]
    if result.method == "mdc":
        return _describe_mdc(result, part, last)
    return _describe_runs(result, part, last)


def _fmt(value: float, result: SPCResult) -> str:
    """A value as the reader sees it: a percentage for unscaled proportions."""
    if result.chart in ("p", "pp") and result.multiply == 1:
        return f"{value:.0%}"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _unit(points: pd.DataFrame, count: int) -> str:
    """'months' for monthly dates, 'points' otherwise."""
    x = points["x"]
    monthly = (
        pd.api.types.is_datetime64_any_dtype(x)
        and bool((x.dt.day == 1).all())
        and (
            x.dt.to_period("M").diff().dropna().map(lambda d: d.n).eq(1).all()  # noqa: B023
        )
    )
    noun = "month" if monthly else "point"
    return noun if count == 1 else noun + "s"


def _verdict(result: SPCResult, side: float) -> str:
    """'a signal of improvement' / '... deterioration' / '... non-random variation'."""
    if result.direction in ("increase", "decrease"):
        good = 1 if result.direction == "increase" else -1
        return "a signal of improvement" if side == good else "a signal of deterioration"
    return "a signal of non-random variation"


def _centre_name(result: SPCResult, part: pd.DataFrame) -> str:
    name = CENTRE_NAMES.get(result.chart, "centre line")
    if result.method == "mdc":
        name = "mean"
    baseline = "baseline " if (~part["baseline"]).any() else ""
    return baseline + name


def _describe_runs(result: SPCResult, part: pd.DataFrame, last: pd.Series) -> str:
    n_useful = int(last["n_useful"])
    cl = part["cl"].dropna()
    centre = f"the {_centre_name(result, part)}" + (
        f" of {_fmt(cl.iloc[0], result)}" if cl.size and cl.nunique() == 1 else ""
    )
    sentences = []
    marked = part[part["in_signal_run"]]
    if bool(last["runs_signal"]) and not marked.empty:
        side = float(np.sign((marked["y"] - marked["cl"]).iloc[-1]))
        where = "above" if side > 0 else "below"
        useful = part[part["include"] & part["y"].notna() & (part["y"] != part["cl"])]
        ends_last = marked.index[-1] == useful.index[-1]
        count = _signal_run_length(marked)
        unit = _unit(part, count)
        if ends_last:
            sentences.append(f"The last {count} {unit} were all {where} {centre}.")
        else:
            sentences.append(f"{count} {unit} in a row were {where} {centre}.")
        limit = last["longest_run_max"]
        rule = "A run this long" if result.method == "anhoej" else "A shift or trend like this"
        sentences.append(
            f"{rule} is unlikely by chance (the limit for {n_useful} useful points is "
            f"{int(limit)}): {_verdict(result, side)}."
        )
    elif bool(last["runs_signal"]):
        sentences.append(
            f"The data cross {centre} only {int(last['n_crossings'])} times in {n_useful} "
            f"useful points, fewer than the {int(last['n_crossings_min'])} expected by chance: "
            "a signal of non-random variation."
        )
    elif pd.notna(last["longest_run"]):
        sentences.append(
            f"No signal of non-random variation around {centre}: the longest run "
            f"({int(last['longest_run'])}) and the number of crossings "
            f"({int(last['n_crossings'])}) are within the limits for {n_useful} useful points."
        )
    elif int(last["n_obs"]) > 0 and n_useful == 0:
        sentences.append(
            f"Every point is on {centre}: there is no variation for the run chart rules to judge."
        )
    sentences.append(_sigma_sentence(int(last["n_sigma_signals"]), result))
    return " ".join(s for s in sentences if s)


def _signal_run_length(marked: pd.DataFrame) -> int:
    """Length of the last marked run (consecutive marked useful points on one side)."""
    side = np.sign(marked["y"] - marked["cl"]).to_numpy()
    breaks = np.flatnonzero(side != side[-1])
    return int(side.size - (breaks[-1] + 1 if breaks.size else 0))


def _sigma_sentence(count: int, result: SPCResult) -> str:
    if result.chart == "run" or count == 0:
        return ""
    noun = "point lies" if count == 1 else "points lie"
    return f"{count} {noun} outside the control limits."


MDC_VARIATION = {
    "common_cause": "The last point shows only common-cause variation",
    "improvement_high": "The last point is special-cause variation of an improving nature "
    "(higher is better)",
    "improvement_low": "The last point is special-cause variation of an improving nature "
    "(lower is better)",
    "concern_high": "The last point is special-cause variation of a concerning nature "
    "(higher than expected)",
    "concern_low": "The last point is special-cause variation of a concerning nature "
    "(lower than expected)",
    "neutral_high": "The last point is special-cause variation above the mean",
    "neutral_low": "The last point is special-cause variation below the mean",
}
MDC_ASSURANCE = {
    "consistent_pass": "the process will consistently meet the target of {t}",
    "consistent_fail": "the process will consistently miss the target of {t}",
    "inconsistent": "the process will sometimes meet and sometimes miss the target of {t}",
}


def _describe_mdc(result: SPCResult, part: pd.DataFrame, last: pd.Series) -> str:
    icon = last.get("variation_icon")
    text = MDC_VARIATION.get(icon or "", "There is no last point to judge")
    text += (
        f" (mean {_fmt(last['cl'], result)}, process limits {_fmt(last['lcl'], result)} to "
        f"{_fmt(last['ucl'], result)})."
    )
    assurance = last.get("assurance_icon")
    if assurance in MDC_ASSURANCE and result.target is not None:
        text += (
            " On these limits "
            + MDC_ASSURANCE[assurance].format(t=_fmt(result.target, result))
            + "."
        )
    return text
