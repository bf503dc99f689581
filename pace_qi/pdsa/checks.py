"""Quality checks: the documented weaknesses of PDSA practice, as plain-English findings.

Reviews of PDSA practice (e.g. Taylor et al., BMJ Qual Saf 2014) find cycles run without a
prediction, predictions that no measure can test, long cycles that are not small tests, cycles
left without a decision, ramps with missing steps, and conclusions drawn from a handful of
children. `check` looks for each of these in one cycle record and returns a `Finding` per
problem, in this order:

| code | when |
|---|---|
| `unknown_aim` | the cycle's `aim` is not an aim id |
| `incomplete_record` | change idea, objective or plan who/what/where/data collection left empty |
| `no_prediction` | no prediction at all, or a prediction with no statement |
| `prediction_unlinked` | a prediction names no measure |
| `prediction_unknown_measure` | a prediction names a measure that is not an aim or measure |
| `no_numeric_expectation` | a prediction with neither `expected_percent` nor `expected_weeks` |
| `dates_missing` | `plan.start` or `plan.end` missing |
| `end_before_start` | `plan.end` before `plan.start` |
| `too_long` | the cycle lasts more than 90 days, both ends counted |
| `no_decision` | the planned end is before `as_of` and the decision is missing or pending |
| `next_cycle_unknown` | `act.next_cycle` names a cycle that is not recorded (needs `cycles`) |
| `ramp_gap` | a cycle number below this one is missing from the aim's ramp (needs `cycles`) |
| `ramp_repeat` | another cycle of the aim has the same number (needs `cycles`) |
| `too_few_children` | under 5 children observed in the window, per measure (needs `journeys`) |
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from pace_qi.aims import AimLike, normalise_as_of
from pace_qi.pdsa.record import Cycle
from pace_qi.pdsa.window import cycle_window, evaluate_measure, find_measure, observed
from pace_qi.pdsa.wording import date_range, day, plural

#: A small test of change is short: cycles longer than this many days are flagged.
MAX_CYCLE_DAYS = 90
#: Fewer children than this in a cycle's window are too few to judge the change.
MIN_CHILDREN = 5


@dataclass(frozen=True)
class Finding:
    """One weakness of a cycle record: a stable `code` and a `message` for the reader."""

    code: str
    message: str
    cycle: str = ""


def _as_dict(cycles: Mapping[str, Cycle] | Iterable[Cycle] | None) -> dict[str, Cycle]:
    if cycles is None:
        return {}
    if isinstance(cycles, Mapping):
        return dict(cycles)
    return {c.id: c for c in cycles}


def _record_checks(cycle: Cycle, aims: Mapping[str, AimLike]) -> list[tuple[str, str]]:
    found = []
    if cycle.aim not in aims:
        close = difflib.get_close_matches(cycle.aim, list(aims), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "."
        found.append(("unknown_aim", f"The cycle's aim '{cycle.aim}' is not one of the aims{hint}"))
    empty = [
        name
        for name, value in (
            ("change idea", cycle.change_idea),
            ("objective", cycle.objective),
            ("plan: who", cycle.plan.who),
            ("plan: what", cycle.plan.what),
            ("plan: where", cycle.plan.where),
            ("plan: data collection", cycle.plan.data_collection),
        )
        if not (value or "").strip()
    ]
    if empty:
        found.append(
            ("incomplete_record", "The record leaves these parts empty: " + "; ".join(empty) + ".")
        )
    return found


def _prediction_checks(
    cycle: Cycle, aims: Mapping[str, AimLike], measures: Mapping[str, AimLike]
) -> list[tuple[str, str]]:
    if not cycle.predictions:
        return [
            (
                "no_prediction",
                "No prediction is recorded: write what you expect to happen, linked to a "
                "measure, before the cycle starts, so that the Study can compare it with the data.",
            )
        ]
    found = []
    known = [*aims, *measures]
    for number, prediction in enumerate(cycle.predictions, start=1):
        name = f"Prediction {number}"
        if not (prediction.statement or "").strip():
            found.append(("no_prediction", f"{name} has no statement: write what you expect."))
        if prediction.measure is None:
            found.append(
                (
                    "prediction_unlinked",
                    f"{name} is not linked to a measure, so the data cannot test it: name an "
                    "aim or process measure.",
                )
            )
        elif find_measure(prediction.measure, aims, measures) is None:
            close = difflib.get_close_matches(prediction.measure, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "."
            found.append(
                (
                    "prediction_unknown_measure",
                    f"{name} names the measure '{prediction.measure}', which is neither an aim "
                    f"nor a process measure{hint}",
                )
            )
        if prediction.expected_percent is None and prediction.expected_weeks is None:
            found.append(
                (
                    "no_numeric_expectation",
                    f"{name} has no number to test: give expected_percent (e.g. 80) or "
                    "expected_weeks.",
                )
            )
    return found


def _date_checks(cycle: Cycle, as_of: pd.Timestamp) -> list[tuple[str, str]]:
    start, end = cycle.plan.start, cycle.plan.end
    if start is None or end is None:
        missing = " and ".join(n for n, v in (("start", start), ("end", end)) if v is None)
        return [("dates_missing", f"The plan has no {missing} date, so its window is unknown.")]
    if end < start:
        return [
            (
                "end_before_start",
                f"The plan ends ({day(end)}) before it starts ({day(start)}).",
            )
        ]
    found = []
    length = (end - start).days + 1
    if length > MAX_CYCLE_DAYS:
        found.append(
            (
                "too_long",
                f"The cycle runs for {length} days ({date_range(start, end, 'to')}); small tests "
                f"of change are meant to be short (at most {MAX_CYCLE_DAYS} days): consider "
                "splitting it into smaller cycles.",
            )
        )
    if pd.Timestamp(end) < as_of and not cycle.decided:
        found.append(
            (
                "no_decision",
                f"The cycle ended on {day(end)} but no decision (adopt, adapt or abandon) is "
                "recorded.",
            )
        )
    return found


def _ramp_checks(cycle: Cycle, cycles: dict[str, Cycle]) -> list[tuple[str, str]]:
    if not cycles:
        return []
    found = []
    next_id = cycle.act.next_cycle
    if next_id is not None and next_id not in cycles:
        found.append(
            ("next_cycle_unknown", f"The next cycle '{next_id}' is not recorded.")
        )
    ramp = {c.id: c for c in cycles.values() if c.aim == cycle.aim} | {cycle.id: cycle}
    numbers = {c.cycle for c in ramp.values()}
    missing = [n for n in range(1, cycle.cycle) if n not in numbers]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        found.append(
            (
                "ramp_gap",
                f"The ramp of {cycle.aim} has no cycle {listed} before this cycle "
                f"{cycle.cycle}: record the missing cycle(s) or renumber.",
            )
        )
    twins = sorted(i for i, c in ramp.items() if c.cycle == cycle.cycle and i != cycle.id)
    if twins:
        found.append(
            (
                "ramp_repeat",
                f"Cycle number {cycle.cycle} of {cycle.aim} is also used by "
                + ", ".join(twins)
                + ": each cycle of a ramp needs its own number.",
            )
        )
    return found


def _children_checks(
    cycle: Cycle,
    aims: Mapping[str, AimLike],
    measures: Mapping[str, AimLike],
    journeys: pd.DataFrame,
    as_of: pd.Timestamp,
) -> list[tuple[str, str]]:
    window = cycle_window(cycle, as_of)
    if window is None or window.start > as_of:
        return []
    found = []
    linked = dict.fromkeys(p.measure for p in cycle.predictions if p.measure is not None)
    for measure_id in linked:
        measure = find_measure(measure_id, aims, measures)
        if measure is None:
            continue
        count = len(observed(evaluate_measure(journeys, measure, as_of), window))
        if count >= MIN_CHILDREN:
            continue
        so_far = " so far" if window.in_progress else ""
        span = date_range(window.start, window.until, "to")
        who = f"Only {plural(count, 'child', 'children')}" if count else "No child"
        message = (
            f"{who} entered the measure '{measure_id}' in the cycle's window{so_far} "
            f"({span}): too few to judge whether the change worked (at least {MIN_CHILDREN} "
            "are needed)."
        )
        cohort_start = pd.Timestamp(measure.cohort.start_on_or_after)
        if window.until < cohort_start:
            message += (
                f" The measure counts children from {day(cohort_start)} (its cohort start), "
                "after this window."
            )
        found.append(("too_few_children", message))
    return found


def check(
    cycle: Cycle,
    aims: Mapping[str, AimLike],
    measures: Mapping[str, AimLike],
    cycles: Mapping[str, Cycle] | Iterable[Cycle] | None = None,
    journeys: pd.DataFrame | None = None,
    as_of: dt.date | str | pd.Timestamp | None = None,
) -> list[Finding]:
    """The quality findings of one cycle (an empty list when none), in the table's order.

    `aims`, `measures`: id -> definition (`load_aims`, `load_measures`). `cycles`: the other
    cycles (for the ramp and next-cycle checks; skipped when None). `journeys`: the data (for
    the children check; skipped when None). `as_of`: the data's as-at date (default today),
    for "no decision" and for the children observed so far.
    """
    stamp = normalise_as_of(as_of if as_of is not None else dt.date.today())
    found = [
        *_record_checks(cycle, aims),
        *_prediction_checks(cycle, aims, measures),
        *_date_checks(cycle, stamp),
        *_ramp_checks(cycle, _as_dict(cycles)),
    ]
    if journeys is not None:
        found += _children_checks(cycle, aims, measures, journeys, stamp)
    return [Finding(code, message, cycle.id) for code, message in found]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a table with columns `cycle, code, message` (for reports)."""
    rows = [(f.cycle, f.code, f.message) for f in findings]
    return pd.DataFrame(rows, columns=["cycle", "code", "message"])
