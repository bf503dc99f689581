"""Study against the data: each prediction beside what happened in the cycle's window.

For each prediction of a cycle, `study` counts the children the cycle observed (see
`pace_qi.pdsa.window`: the linked measure's clock started between `plan.start` and `plan.end`,
both included, cut at the as-at date) with the aims engine (`pace_qi.aims.evaluate`), so the
numbers are the engine's numbers:

- `n_children`: children observed; `n_met`, `n_not_met`, `n_exited`, `n_pending` by status;
- `n_resolved` = met + not met; `percent_met` = 100 x met / resolved (None when nobody is
  resolved) - exited and pending children are reported beside it, never counted in it, as in
  `pace_qi.aims.summarise`;
- `median_weeks`: median of the engine's `weeks` over the `n_with_weeks` children whose end
  event has happened (children still waiting are left out, so while many wait it flatters);
- outcomes are judged as at the prediction's `by` date when it is earlier than the data's
  as-at date, otherwise as at the as-at date;
- the SPC reading is that of the measure's run chart: percent met by the month the outcome
  became known (`pace_qi.measures.outcome_months`, all children, as at the as-at date),
  Anhoej rules, read on its last part.

`text` puts prediction and observation side by side in one sentence, e.g. "Predicted: 80% of
children have a planning meeting within 2 weeks. Observed: 5 of 7 (71%) between 3 Sep and
26 Oct 2018; no signal of change yet on the run chart." `draft_study` joins them into the
Study paragraph, labelled as a draft when the record has no narrative of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from pace_qi import spc
from pace_qi.aims import AimLike, normalise_as_of
from pace_qi.measures import outcome_months
from pace_qi.pdsa.checks import MIN_CHILDREN
from pace_qi.pdsa.record import Cycle, Prediction
from pace_qi.pdsa.window import (
    Window,
    cycle_window,
    evaluate_measure,
    find_measure,
    observed,
)
from pace_qi.pdsa.wording import date_range, percent, plural, weeks
from pace_qi.spc.guardrails import MIN_USEFUL

DRAFT_LABEL = "Draft (no Study narrative recorded yet): "


@dataclass
class StudyResult:
    """One prediction of a cycle against the data (see the module docstring for each number).

    `spc_signal` is one of `improvement`, `deterioration`, `non_random`, `none`, `no_data`,
    `median_at_limit` (the median is 0% or 100%, where the run rules cannot work);
    `spc_reading` the short phrase used in `text`; `spc_description` the SPC engine's own
    sentences. `series` (the monthly run-chart data), `chart` (its `SPCResult`) and `children`
    (the observed children's rows from `evaluate`) are there for drawing and tables.
    """

    cycle: str
    prediction: int
    measure: str | None
    measure_name: str | None
    statement: str
    window_start: pd.Timestamp | None
    window_end: pd.Timestamp | None
    judged_at: pd.Timestamp
    in_progress: bool
    n_children: int = 0
    n_met: int = 0
    n_not_met: int = 0
    n_exited: int = 0
    n_pending: int = 0
    n_resolved: int = 0
    percent_met: float | None = None
    n_with_weeks: int = 0
    median_weeks: float | None = None
    expected_percent: float | None = None
    expected_weeks: float | None = None
    prediction_met: bool | None = None
    spc_signal: str = "no_data"
    spc_reading: str = ""
    spc_description: str = ""
    text: str = ""
    series: pd.DataFrame | None = field(default=None, repr=False)
    chart: spc.SPCResult | None = field(default=None, repr=False)
    children: pd.DataFrame | None = field(default=None, repr=False)


#: The columns of `study_frame` (every scalar field of `StudyResult`).
STUDY_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(StudyResult) if f.name not in ("series", "chart", "children")
)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _run_chart(
    evaluated: pd.DataFrame, measure: AimLike
) -> tuple[pd.DataFrame, spc.SPCResult | None]:
    """Monthly percent met (by outcome month) and its run chart; no chart without outcomes."""
    series = outcome_months(evaluated)
    if series.empty or int(series["n_resolved"].sum()) == 0:
        return series, None
    result = spc.chart(
        series,
        x="month",
        y="n_met",
        n="n_resolved",
        chart="run",
        multiply=100,
        direction=measure.improvement,
    )
    return series, result


def spc_reading(result: spc.SPCResult | None) -> tuple[str, str]:
    """(signal code, short phrase) for the last part of a run chart."""
    if result is None or result.summary.empty:
        return "no_data", "no outcomes on the run chart yet"
    last = result.summary.iloc[-1]
    useful = int(last["n_useful"])
    top = float(result.multiply)  # 100% on the chart's scale
    if pd.notna(last["cl"]) and (last["cl"] >= top or last["cl"] <= 0):
        at_top = bool(last["cl"] > 0)
        side = "above" if at_top else "below"
        return "median_at_limit", (
            f"the run chart's median is {percent(100.0 if at_top else 0.0)}, so its run rules "
            f"cannot show a change (no month can lie {side} it)"
        )
    if bool(last["runs_signal"]):
        points = result.points[result.points["part"] == last["part"]]
        marked = points[points["in_signal_run"]]
        if marked.empty:
            return "non_random", "a signal of non-random variation on the run chart"
        side = float(np.sign((marked["y"] - marked["cl"]).iloc[-1]))
        good = {"increase": 1.0, "decrease": -1.0}.get(result.direction or "", 0.0)
        if good == 0.0:
            return "non_random", "a signal of non-random variation on the run chart"
        if side == good:
            return "improvement", "a signal of improvement on the run chart"
        return "deterioration", "a signal of deterioration on the run chart"
    phrase = "no signal of change yet on the run chart"
    if useful < MIN_USEFUL:
        phrase += (
            f" (only {useful} useful {'point' if useful == 1 else 'points'}; the run rules "
            f"need at least {MIN_USEFUL})"
        )
    return "none", phrase


def _observed_text(result: StudyResult) -> str:
    span = date_range(result.window_start, result.window_end, "and")
    notes = []
    if result.expected_weeks is not None:
        if result.median_weeks is None:
            body = f"no child had reached the end event between {span}"
        else:
            body = (
                f"a median of {weeks(result.median_weeks)} over "
                f"{plural(result.n_with_weeks, 'child', 'children')} between {span}"
            )
        waiting = result.n_children - result.n_with_weeks
        if waiting:
            notes.append(f"{waiting} more with no end date yet")
        few = result.n_with_weeks
    else:
        if not result.n_children:
            body = f"no children started between {span}"
        elif result.n_resolved:
            body = (
                f"{result.n_met} of {result.n_resolved} ({percent(result.percent_met)}) "
                f"between {span}"
            )
        else:
            body = f"no outcome known yet for children starting between {span}"
        if result.n_pending:
            notes.append(f"{result.n_pending} more still pending")
        few = result.n_resolved
    if result.in_progress:
        notes.append("cycle still running")
    if few < MIN_CHILDREN:
        notes.append("too few children to judge")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"Observed: {body}{extra}; {result.spc_reading}."


def _predicted_text(prediction: Prediction, measure: AimLike | None) -> str:
    if (prediction.statement or "").strip():
        return "Predicted: " + _sentence(prediction.statement)
    about = f" for '{measure.name}'" if measure is not None else ""
    unwritten = "(no statement written)"
    if prediction.expected_percent is not None:
        return f"Predicted: {percent(prediction.expected_percent)} met{about} {unwritten}."
    if prediction.expected_weeks is not None:
        return f"Predicted: a median of {weeks(prediction.expected_weeks)}{about} {unwritten}."
    return "Predicted: nothing was written."


def _prediction_met(result: StudyResult, measure: AimLike) -> bool | None:
    if result.expected_percent is not None and result.percent_met is not None:
        if measure.improvement == "decrease":
            return result.percent_met <= result.expected_percent
        return result.percent_met >= result.expected_percent
    if result.expected_weeks is not None and result.median_weeks is not None:
        return result.median_weeks <= result.expected_weeks
    return None


def _study_one(
    cycle: Cycle,
    number: int,
    prediction: Prediction,
    measure: AimLike | None,
    journeys: pd.DataFrame,
    as_of: pd.Timestamp,
    full: pd.DataFrame | None,
) -> StudyResult:
    judged_at = as_of
    if prediction.by is not None:
        judged_at = min(as_of, pd.Timestamp(prediction.by))
    window: Window | None = cycle_window(cycle, judged_at)
    result = StudyResult(
        cycle=cycle.id,
        prediction=number,
        measure=prediction.measure,
        measure_name=measure.name if measure is not None else None,
        statement=prediction.statement or "",
        window_start=window.start if window else None,
        window_end=window.until if window else None,
        judged_at=judged_at,
        in_progress=bool(window and window.in_progress and judged_at == as_of),
        expected_percent=prediction.expected_percent,
        expected_weeks=prediction.expected_weeks,
    )
    predicted = _predicted_text(prediction, measure)
    if measure is None:
        why = "names no measure" if prediction.measure is None else "names an unknown measure"
        result.text = f"{predicted} Not compared with the data: the prediction {why}."
        return result
    if window is None:
        result.text = f"{predicted} Not compared with the data: the plan has no valid dates."
        return result
    evaluated = full if judged_at == as_of else evaluate_measure(journeys, measure, judged_at)
    rows = observed(evaluated, window)
    counts = rows["status"].value_counts()
    result.children = rows
    result.n_children = len(rows)
    result.n_met, result.n_not_met, result.n_exited, result.n_pending = (
        int(counts.get(s, 0)) for s in ("met", "not_met", "exited", "pending")
    )
    result.n_resolved = result.n_met + result.n_not_met
    if result.n_resolved:
        result.percent_met = 100.0 * result.n_met / result.n_resolved
    known = rows["weeks"].dropna()
    result.n_with_weeks = len(known)
    if len(known):
        result.median_weeks = float(known.median())
    result.prediction_met = _prediction_met(result, measure)
    result.series, result.chart = _run_chart(full, measure)
    result.spc_signal, result.spc_reading = spc_reading(result.chart)
    result.spc_description = result.chart.describe() if result.chart is not None else ""
    result.text = f"{predicted} {_observed_text(result)}"
    return result


def study(
    cycle: Cycle,
    journeys: pd.DataFrame,
    aims: Mapping[str, AimLike],
    measures: Mapping[str, AimLike],
    as_of: dt.date | str | pd.Timestamp,
) -> list[StudyResult]:
    """One `StudyResult` per prediction of `cycle`, in the record's order.

    `journeys`: canonical journeys (a frame without `error_columns`, such as the demo's, is
    treated as clean). `aims`, `measures`: id -> definition. `as_of`: the data's as-at date.
    """
    stamp = normalise_as_of(as_of)
    evaluated: dict[str, pd.DataFrame] = {}
    results = []
    for number, prediction in enumerate(cycle.predictions, start=1):
        measure = find_measure(prediction.measure, aims, measures)
        if measure is not None and measure.id not in evaluated:
            evaluated[measure.id] = evaluate_measure(journeys, measure, stamp)
        full = evaluated.get(measure.id) if measure is not None else None
        results.append(_study_one(cycle, number, prediction, measure, journeys, stamp, full))
    return results


def draft_study(cycle: Cycle, results: Iterable[StudyResult]) -> str:
    """The Study paragraph: the team's narrative followed by the numbers, or a labelled draft.

    Without `study.narrative` the paragraph starts "Draft (no Study narrative recorded yet): "
    so that no reader takes the machine's sentences for the team's conclusions.
    """
    numbers = " ".join(r.text for r in results)
    numbers = numbers or "There is no prediction to compare with the data."
    narrative = (cycle.study.narrative or "").strip()
    if not narrative:
        return DRAFT_LABEL + numbers
    return f"{narrative}\n\nThe numbers: {numbers}"


def study_frame(results: Iterable[StudyResult]) -> pd.DataFrame:
    """Study results as a table, one row per prediction, columns `STUDY_COLUMNS`."""
    rows = [{name: getattr(r, name) for name in STUDY_COLUMNS} for r in results]
    return pd.DataFrame(rows, columns=list(STUDY_COLUMNS))
