"""Chart series: the numbers behind every aim chart, as long DataFrames with named columns.

Each function takes `evaluate`'s per-child output (or the journeys, for stage journeys) and
returns a tidy frame that `pace_qi.charts` draws and the reports print beside the chart, so a
reader can check every number. Pass `by="team"` to stratify (one block of rows per team; a
missing team is shown as "not recorded").

- `outcome_months`: percent met by the month the outcome became known;
- `cohort_months`: percent met by the month children entered the cohort (flagging months that
  still hold pending children, whose percent can still change);
- `weeks_per_child`: each child's weeks, in start-date order;
- `time_to_event`: share reaching the end event by week t (Kaplan-Meier and cumulative
  incidence);
- `stage_journeys`: each child's weeks in every permanence stage against guidance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from statsmodels.duration.survfunc import CumIncidenceRight, SurvfuncRight

from pace_qi import columns as col
from pace_qi.aims import evaluate, load_measures, summarise
from pace_qi.aims.definitions import AimLike, IntervalMeasure
from pace_qi.aims.evaluation import AsOf, normalise_as_of
from pace_qi.aims.frames import cohort_filter, days_between, earliest, month_start, only_by
from pace_qi.aims.rows import error_hits

__all__ = [
    "DEFAULT_STAGES",
    "Stage",
    "cohort_months",
    "evaluate",
    "load_measures",
    "outcome_months",
    "stage_journeys",
    "summarise",
    "time_to_event",
    "weeks_per_child",
]

NO_TEAM = "not recorded"


def _percent(met: pd.Series, resolved: pd.Series) -> pd.Series:
    """100 x met / resolved, NaN where nobody is resolved."""
    return (100.0 * met / resolved.where(resolved > 0)).astype("float64")


def _keys(evaluated: pd.DataFrame, by: str | None) -> list[str]:
    if by is None:
        return []
    if by not in evaluated.columns:
        raise KeyError(f"cannot stratify by '{by}': the data has no such column")
    return [by]


def _strata(evaluated: pd.DataFrame, by: str | None) -> pd.Series | None:
    return None if by is None else evaluated[by].astype("object").fillna(NO_TEAM)


def _monthly(
    months: pd.Series, flags: dict[str, pd.Series], strata: pd.Series | None, by: str | None
) -> pd.DataFrame:
    """Sum 0/1 flags per month (and stratum), with every month from first to last present."""
    counts = pd.DataFrame({name: flag.to_numpy(dtype="int64") for name, flag in flags.items()})
    counts["month"] = months.to_numpy()
    keys = ["month"]
    if strata is not None:
        counts[by] = strata.to_numpy()
        keys = [by, "month"]
    counts = counts[counts["month"].notna()]
    if counts.empty:
        empty = {"month": pd.Series(dtype="datetime64[ns]")}
        if strata is not None:
            empty = {by: pd.Series(dtype="object"), **empty}
        empty |= {name: pd.Series(dtype="int64") for name in flags}
        return pd.DataFrame(empty)
    summed = counts.groupby(keys, sort=True).sum()
    every_month = pd.date_range(counts["month"].min(), counts["month"].max(), freq="MS")
    if strata is None:
        full = pd.Index(every_month, name="month")
    else:
        full = pd.MultiIndex.from_product(
            [sorted(counts[by].unique()), every_month], names=keys
        )
    return summed.reindex(full, fill_value=0).reset_index()


def outcome_months(
    evaluated: pd.DataFrame, aim: AimLike | None = None, by: str | None = None
) -> pd.DataFrame:
    """Percent met per month in which the outcome became known (met: end date's month;
    not_met: deadline's month), for a run or SPC chart of resolved children.

    Columns: `month` (first of month), `n_met`, `n_resolved`, `percent_met` (NaN in a month
    with no outcomes; every month from the first to the last outcome appears), plus `team`
    (or the `by` column) when stratified. `aim` is accepted for symmetry and not needed.
    """
    _keys(evaluated, by)
    resolved = evaluated["status"].isin(["met", "not_met"]).to_numpy()
    chosen = evaluated.loc[resolved]
    result = _monthly(
        month_start(chosen["outcome_date"]),
        {
            "n_met": chosen["status"] == "met",
            "n_resolved": pd.Series(True, index=chosen.index),
        },
        _strata(chosen, by),
        by,
    )
    result["percent_met"] = _percent(result["n_met"], result["n_resolved"])
    return result


def cohort_months(
    evaluated: pd.DataFrame, aim: AimLike | None = None, by: str | None = None
) -> pd.DataFrame:
    """Outcomes per month in which children entered the cohort (their start month; for a
    completion aim, the later of eligibility and the cohort start).

    Columns: `month`, `n_cohort`, `n_met`, `n_not_met`, `n_resolved`, `n_pending`, `n_exited`,
    `percent_met` (met / resolved; NaN when none resolved) and `has_pending` (the month's
    percent can still change), plus the `by` column when stratified.
    """
    _keys(evaluated, by)
    status = evaluated["status"]
    result = _monthly(
        month_start(evaluated["entry_date"]),
        {
            "n_cohort": pd.Series(True, index=evaluated.index),
            "n_met": status == "met",
            "n_not_met": status == "not_met",
            "n_pending": status == "pending",
            "n_exited": status == "exited",
        },
        _strata(evaluated, by),
        by,
    )
    result["n_resolved"] = result["n_met"] + result["n_not_met"]
    result["percent_met"] = _percent(result["n_met"], result["n_resolved"])
    result["has_pending"] = result["n_pending"] > 0
    counts = ["n_cohort", "n_met", "n_not_met", "n_resolved", "n_pending", "n_exited"]
    return result[[*_keys(evaluated, by), "month", *counts, "percent_met", "has_pending"]]


def weeks_per_child(evaluated: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Each resolved or pending child's weeks, in start-date order (exited children left out).

    Columns: `child_id`, `episode_id`, `start_date`, `weeks`, `status`, `pending` (bool),
    `censored` (True when there is no end date yet, so `weeks` is the time elapsed so far:
    pending children and not_met children still waiting), `order` (1..n by start date, within
    each stratum when `by` is given), plus the `by` column.
    """
    _keys(evaluated, by)
    keep = evaluated["status"].isin(["met", "not_met", "pending"]).to_numpy()
    chosen = evaluated.loc[keep]
    censored = chosen["end_date"].isna()
    weeks = chosen["weeks"].where(~censored, chosen["elapsed_days"].astype("float64") / 7.0)
    result = pd.DataFrame(
        {
            col.CHILD_ID: chosen[col.CHILD_ID],
            col.EPISODE_ID: chosen[col.EPISODE_ID],
            "start_date": chosen["start_date"],
            "weeks": weeks.astype("float64"),
            "status": chosen["status"],
            "pending": chosen["pending"].astype(bool),
            "censored": censored.astype(bool),
        }
    )
    sort_keys = ["start_date", col.CHILD_ID, col.EPISODE_ID]
    if by is not None:
        result[by] = _strata(chosen, by)
        sort_keys = [by, *sort_keys]
    result = result.sort_values(sort_keys, kind="stable").reset_index(drop=True)
    if by is None:
        result["order"] = np.arange(1, len(result) + 1)
    else:
        result["order"] = result.groupby(by).cumcount() + 1
    return result


def _step_at(
    times: np.ndarray, values: np.ndarray, at: np.ndarray, before: float
) -> np.ndarray:
    """Right-continuous step function evaluated at `at` (`before` ahead of the first time)."""
    if len(times) == 0:
        return np.full(len(at), before)
    where = np.searchsorted(times, at, side="right") - 1
    return np.where(where >= 0, values[np.clip(where, 0, None)], before)


def _curve(days: np.ndarray, code: np.ndarray, weeks: np.ndarray) -> pd.DataFrame:
    """KM share (exits censored) and cumulative incidence (exits competing) on a week grid."""
    at = 7.0 * weeks
    km = cif = np.zeros(len(weeks))
    if (code == 1).any():
        surv = SurvfuncRight(days, (code == 1).astype(int))
        km = 1.0 - _step_at(surv.surv_times, surv.surv_prob, at, before=1.0)
        if (code == 2).any():
            # statsmodels' standard errors divide by zero at the last time; only the point
            # estimate is used here.
            with np.errstate(divide="ignore", invalid="ignore"):
                inc = CumIncidenceRight(days, code)
            cif = _step_at(np.asarray(inc.times), np.asarray(inc.cinc[0]), at, before=0.0)
        else:
            cif = km.copy()
    ordered = np.sort(days)
    at_risk = len(days) - np.searchsorted(ordered, at, side="left")
    event_days = np.sort(days[code == 1])
    events = np.searchsorted(event_days, at, side="right")
    return pd.DataFrame(
        {"week": weeks, "km_share": km, "cif_share": cif, "n_at_risk": at_risk, "n_events": events}
    )


def time_to_event(
    evaluated: pd.DataFrame, aim: AimLike, by: str | None = None
) -> pd.DataFrame:
    """Share of the cohort reaching the end event by week t = 0, 1, 2, ...

    Each child contributes the days from `start_date` to: the end date (an event, whether
    within the aim or late), the exit date (exited), or `as_of` (censored: pending, and not_met
    without an end date). Columns: `week`, `km_share` (1 - Kaplan-Meier survival with exits
    censored), `cif_share` (cumulative incidence with exits as a competing risk, always <=
    km_share), `n_at_risk` (clock still running at the start of day 7t), `n_events` (end
    events by week t), plus the `by` column. `attrs` holds `within_weeks`, `guidance_weeks`
    and `aim` for marking the chart.
    """
    _keys(evaluated, by)
    as_of = evaluated.attrs.get("as_of")
    has_end = evaluated["end_date"].notna().to_numpy()
    exited = (evaluated["status"] == "exited").to_numpy() & ~has_end
    code = np.where(has_end, 1, np.where(exited, 2, 0))
    start = evaluated["start_date"]
    stop = evaluated["end_date"].where(has_end, evaluated["exit_date"].where(exited, as_of))
    days = days_between(start, stop).to_numpy(dtype="float64", na_value=np.nan)
    threshold = float(getattr(aim, "within_weeks", getattr(aim, "eligible_after_weeks", 0)))
    finite = days[np.isfinite(days)]
    last = max(np.ceil(finite.max() / 7.0) if len(finite) else 0.0, np.ceil(threshold))
    weeks = np.arange(0, int(last) + 1, dtype="float64")
    if by is None:
        result = _curve(days, code, weeks)
    else:
        strata = _strata(evaluated, by).to_numpy()
        parts = []
        for stratum in sorted(set(strata)):
            mask = strata == stratum
            parts.append(_curve(days[mask], code[mask], weeks).assign(**{by: stratum}))
        result = pd.concat(parts, ignore_index=True) if parts else _curve(days, code, weeks)
    result.attrs = {
        "aim": aim.id,
        "within_weeks": getattr(aim, "within_weeks", None),
        "guidance_weeks": getattr(aim, "guidance_weeks", None),
    }
    return result


@dataclass(frozen=True)
class Stage:
    """One stage of the permanence journey: from `start` to `end`, against `guidance_weeks`.

    `where` limits the stage to the journeys it applies to (e.g. panel only follows a
    recommendation for permanence away from home).
    """

    start: str
    end: str
    guidance_weeks: float | None
    where: Mapping[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_measure(cls, measure: IntervalMeasure) -> Stage:
        """A process measure's interval as a stage; its `within_weeks` is the guidance."""
        return cls(measure.start, measure.end, measure.within_weeks, dict(measure.cohort.where))

    @property
    def key(self) -> str:
        return f"{self.start}→{self.end}"

    @property
    def label(self) -> str:
        names = col.LABELS
        return f"{names.get(self.start, self.start)} → {names.get(self.end, self.end)}"


_AWAY = {col.RECOMMENDATION: ["away_from_home"]}
#: The permanence journey and the practice guidance for each stage (weeks). A local authority
#: with other guidance passes its own stages (e.g. `Stage.from_measure` of params/measures).
DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(col.ACCOMMODATED, col.RECOMMENDATION_DATE, 24),
    Stage(col.RECOMMENDATION_DATE, col.PANEL, 12, _AWAY),
    Stage(col.PANEL, col.ADM_DECISION, 2, _AWAY),
    Stage(col.ADM_DECISION, col.APPLICATION_LODGED, 14, _AWAY),
    Stage(col.APPLICATION_LODGED, col.ORDER_GRANTED, None, _AWAY),
)

_STAGE_COLUMNS = (
    col.CHILD_ID, col.EPISODE_ID, col.TEAM, "stage", "stage_label", "stage_order", "start_date",
    "end_date", "exit_date", "weeks", "guidance_weeks", "ongoing", "exited", "over_guidance",
)


def _one_stage(journeys: pd.DataFrame, stage: Stage, order: int, as_of: pd.Timestamp):
    """The rows of one stage: every usable journey whose stage has started by `as_of`."""
    if stage.start not in journeys.columns:
        return None
    used = (stage.start, stage.end, col.LOOKED_AFTER_END, col.PLAN_CHANGED, *stage.where)
    present = tuple(c for c in used if c in journeys.columns)
    bad = error_hits(journeys, present).any(axis=1)
    start_all = journeys[stage.start]
    applies = cohort_filter(journeys, dict(stage.where))
    keep = start_all.notna() & (start_all <= as_of) & ~bad & applies
    frame = journeys.loc[keep]
    start = frame[stage.start]
    end = only_by(frame.get(stage.end), frame.index, as_of)
    end = end.where(end >= start)
    exits = [
        only_by(frame[c], frame.index, as_of).where(lambda d: d >= start)
        for c in (col.LOOKED_AFTER_END, col.PLAN_CHANGED)
        if c in frame.columns
    ]
    exit_date = earliest(exits, frame.index).where(end.isna())
    stop = end.where(end.notna(), exit_date.where(exit_date.notna(), as_of))
    days = days_between(start, stop).astype("float64")
    guidance = np.nan if stage.guidance_weeks is None else float(stage.guidance_weeks)
    return pd.DataFrame(
        {
            col.CHILD_ID: frame[col.CHILD_ID],
            col.EPISODE_ID: frame.get(col.EPISODE_ID, pd.Series(pd.NA, index=frame.index)),
            col.TEAM: frame.get(col.TEAM, pd.Series(pd.NA, index=frame.index)),
            "stage": stage.key,
            "stage_label": stage.label,
            "stage_order": order,
            "start_date": start,
            "end_date": end,
            "exit_date": exit_date,
            "weeks": days / 7.0,
            "guidance_weeks": guidance,
            "ongoing": (end.isna() & exit_date.isna()).to_numpy(),
            "exited": exit_date.notna().to_numpy(),
            "over_guidance": (days > 7.0 * guidance).to_numpy() if stage.guidance_weeks else False,
        }
    )


def stage_journeys(
    journeys: pd.DataFrame,
    as_of: AsOf,
    stages: Sequence[Stage | IntervalMeasure] | Mapping[str, IntervalMeasure] | None = None,
) -> pd.DataFrame:
    """Every child's weeks in each permanence stage, against the stage's guidance.

    A stage appears for a journey once its start date has happened (on or before `as_of`).
    Columns: `child_id, episode_id, team, stage` ("accommodated_date→permanence_recommendation_
    date"), `stage_label` ("Accommodated → Permanence recommendation"), `stage_order`,
    `start_date`, `end_date` (NaT if not reached by `as_of`), `exit_date` (left care or plan
    changed before the stage ended), `weeks` (to the end, else the exit, else `as_of`),
    `guidance_weeks` (NaN when none), `ongoing` (no end and no exit), `exited`, and
    `over_guidance` (weeks beyond guidance, whether finished or still running). Rows with a
    validation error in a stage's columns are left out of that stage.
    """
    stamp = normalise_as_of(as_of)
    chosen: Iterable = DEFAULT_STAGES if stages is None else (
        stages.values() if isinstance(stages, Mapping) else stages
    )
    as_stages = [s if isinstance(s, Stage) else Stage.from_measure(s) for s in chosen]
    parts = [_one_stage(journeys, stage, i, stamp) for i, stage in enumerate(as_stages, start=1)]
    parts = [p for p in parts if p is not None and not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in _STAGE_COLUMNS})
    result = pd.concat(parts, ignore_index=True)
    result = result.sort_values([col.CHILD_ID, col.EPISODE_ID, "stage_order"], kind="stable")
    return result.reset_index(drop=True)[list(_STAGE_COLUMNS)]
