"""The sections of an aim report, each computed from the engine and drawn by `charts`.

Every function takes the `ReportContext` and an aim and returns what the notebook shows: text,
a `Chart`, a table. Child-level sections refuse a governance audience; governance tables and
charts go through `pace_qi.disclosure` here, once, not in each notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pace_qi import charts, measures, spc
from pace_qi.aims import evaluate, summarise
from pace_qi.columns import LABELS
from pace_qi.disclosure import apply as protect_table
from pace_qi.disclosure.series import protect_series
from pace_qi.report.context import ReportContext, as_date_text
from pace_qi.report.display import percent_text
from pace_qi.report.signals import trend_signal


@dataclass
class Section:
    """A chart (or None), its reading in plain English, and the numbers table under it."""

    chart: charts.Chart | None
    reading: str
    table: pd.DataFrame | None = None
    footnote: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def require_internal(ctx: ReportContext, what: str) -> None:
    if not ctx.internal:
        raise PermissionError(f"{what} is child-level and never shown to governance")


def label(column: str) -> str:
    return LABELS.get(column, column.replace("_date", "").replace("_", " ").capitalize())


def definition(aim) -> str:
    """The aim's operational definition, in plain English, from its parameter file."""
    cohort = aim.cohort
    where = "; ".join(f"{k.replace('_', ' ')} is {' or '.join(v).replace('_', ' ')}"
                      for k, v in cohort.where.items())
    if aim.kind == "completion":
        text = (
            f"**Who is counted.** Every child whose state starting at *{label(aim.start)}* "
            f"has lasted {aim.eligible_after_weeks:g} weeks, still ongoing on or after "
            f"{as_date_text(cohort.start_on_or_after)}. **Met** when *{label(aim.event)}* "
            f"happens on or after {as_date_text(cohort.start_on_or_after)} and by the due date: "
            f"{as_date_text(aim.target.by)} for children eligible by then, otherwise "
            f"{aim.grace_weeks:g} weeks after becoming eligible."
        )
    else:
        text = (
            f"**Who is counted.** Every child whose *{label(aim.start)}* is on or after "
            f"{as_date_text(cohort.start_on_or_after)}" + (f" and whose {where}" if where else "")
            + f". **Met** when *{label(aim.end)}* comes within {aim.within_weeks:g} weeks "
            f"({7 * aim.within_weeks:g} days, the start day being day 0)."
        )
        if aim.guidance_weeks:
            text += f" Guidance expects {aim.guidance_weeks:g} weeks."
    return text + (
        " **Not met** when it comes later, or the deadline passes without it. **Exited**: the "
        "child left care or the plan changed before the deadline; left out of the percentage and "
        "reported. **Pending**: the clock is still running; also left out until resolved."
    )


def evaluated(ctx: ReportContext, aim) -> pd.DataFrame:
    return evaluate(ctx.journeys, aim, ctx.as_of)


def headline(ctx: ReportContext, aim) -> tuple[str, dict[str, Any]]:
    """The headline sentence and the numbers recorded for tests and the index.

    Governance: counts of 1 to 5 are shown as the disclosure symbol and the percentage is
    hidden when fewer than 10 children are resolved.
    """
    summary = summarise(evaluated(ctx, aim), aim, ctx.as_of)
    counts = {k: summary[k] for k in ("n_cohort", "n_met", "n_not_met", "n_resolved",
                                      "n_pending", "n_exited")}
    records: dict[str, Any] = {**counts, "percent_met": summary["percent_met"],
                               "ci_lower": summary["ci_lower"], "ci_upper": summary["ci_upper"],
                               "target_percent": summary["target_percent"],
                               "target_met": summary["target_met"]}
    shown = {k: str(v) for k, v in counts.items()}
    percent = percent_text(summary["percent_met"]) if summary["percent_met"] is not None else None
    hidden_reason = "no child's outcome is known yet"
    interval = (f" (95% interval {summary['ci_lower']:.0f}% to {summary['ci_upper']:.0f}%)"
                if summary["percent_met"] is not None else "")
    if not ctx.internal:
        shown = _protected_totals(ctx, aim)
        visible = {k: int(v) if v.isdigit() else None for k, v in shown.items()}
        resolved_ok = (visible["n_resolved"] is not None
                       and visible["n_resolved"] >= ctx.disclosure.min_denominator)
        if not resolved_ok:
            percent, interval = None, ""
            hidden_reason = "too few children to show it safely"
            records.update(percent_met=None, ci_lower=None, ci_upper=None, target_met=None)
        records.update(visible)
    target = (f" against a target of {summary['target_percent']:.0f}% by "
              f"{as_date_text(summary['target_by'])}" if summary["target_percent"] is not None
              else "")
    lead = (f"**{percent} met**{interval}" if percent is not None
            else f"**The percent met is not shown** ({hidden_reason})")
    text = (
        f"{lead}{target}: {shown['n_met']} of {shown['n_resolved']} "
        f"children whose outcome is known met the aim. {shown['n_pending']} are still pending "
        f"(clock running) and {shown['n_exited']} exited before their deadline; "
        f"{shown['n_cohort']} children are in the cohort as at {as_date_text(ctx.as_of)}."
    )
    records["headline"] = (f"{percent} met ({shown['n_met']} of {shown['n_resolved']})"
                           if percent is not None else f"percent not shown: {hidden_reason}")
    return text, records


BASELINE_WEEKS = 104  # two years of history before the cohort start
MIN_MONTHLY_CHILDREN = 3  # below this median per month, a month's percent is mostly 0 or 100


def _with_baseline(aim, journeys: pd.DataFrame):
    """The aim with its cohort opened back up to two years, for a baseline period."""
    if aim.kind != "interval":  # a completion aim's due dates hang on its cohort start
        return aim
    earliest = journeys[aim.start].min()
    opened = pd.Timestamp(aim.cohort.start_on_or_after) - pd.Timedelta(weeks=BASELINE_WEEKS)
    start = max(earliest, opened) if pd.notna(earliest) else opened
    if start.date() >= aim.cohort.start_on_or_after:
        return aim
    cohort = aim.cohort.model_copy(update={"start_on_or_after": start.date()})
    return aim.model_copy(update={"cohort": cohort})


def _by_quarter(series: pd.DataFrame) -> pd.DataFrame:
    """Monthly counts summed into calendar quarters (percent recomputed from the sums)."""
    quarter = series["month"].dt.to_period("Q").dt.start_time
    summed = series.groupby(quarter)[["n_met", "n_resolved"]].sum().reset_index(names="quarter")
    summed["percent_met"] = 100 * summed["n_met"] / summed["n_resolved"].where(
        summed["n_resolved"] > 0)
    return summed


def annotations_for(ctx: ReportContext, aim_id: str) -> pd.DataFrame | None:
    if not ctx.cycles:
        return None
    from pace_qi.pdsa import annotations

    if not any(c.aim == aim_id for c in ctx.cycles.values()):
        return None
    notes = annotations(ctx.cycles, aim_id)
    return notes if notes is not None and len(notes) else None


def outcome_chart(ctx: ReportContext, aim, annotations: pd.DataFrame | None = None) -> Section:
    """Percent met per month (or quarter) in which outcomes became known.

    Up to two years before the cohort start form the baseline (the centre line is their
    median); the chart starts N weeks after the opened cohort start, so that its first months
    are not only the children who were quick. With fewer than 3 outcomes in a typical month,
    months are summed into quarters for every audience, since a month of one child is only
    ever 0% or 100%. Governance series then go through disclosure control (gaps).
    """
    opened = _with_baseline(aim, ctx.journeys)
    series = measures.outcome_months(evaluate(ctx.journeys, opened, ctx.as_of), opened)
    cohort_start = pd.Timestamp(aim.cohort.start_on_or_after)
    if opened is not aim:
        # An outcome month holds children who started up to N weeks earlier: months closer
        # than that to the opened start would hold only the quick ones (left truncation).
        first = pd.Timestamp(opened.cohort.start_on_or_after) + pd.Timedelta(
            weeks=aim.within_weeks)
        series = series.loc[series["month"] >= first.to_period("M").start_time + pd.offsets
                            .MonthBegin(1)].reset_index(drop=True)
    notice = footnote = None
    period = "month"
    with_outcomes = series.loc[series["n_resolved"] > 0, "n_resolved"]
    if len(with_outcomes) and with_outcomes.median() < MIN_MONTHLY_CHILDREN:
        series, period = _by_quarter(series), "quarter"
        notice = ("Shown by quarter: most months have fewer than 3 children with a known "
                  "outcome, and a month of one child can only be 0% or 100%.")
    if not ctx.internal:
        protected = protect_series(series, "n_met", "n_resolved", month_column=period,
                                   settings=ctx.disclosure, rollup=period == "month")
        series, period = protected.series, protected.period_column
        notice = protected.notice or notice
        footnote = protected.footnote
    shown = series["percent_met"].notna().sum() if len(series) else 0
    if shown == 0:
        reason = ("no point can be shown without risking identifying a child"
                  if not ctx.internal and len(series) else "no child's outcome is known yet")
        return Section(None, f"No run chart: {reason}.", extra={"trend": "too few data"})
    series = series.assign(share_met=series["percent_met"] / 100)
    before = series.loc[series[period] < cohort_start, period]
    freeze = before.iloc[-1] if 0 < len(before) < len(series) else None
    result = spc.chart(series, x=period, y="share_met", chart="run", freeze=freeze,
                       multiply=100,
                       target=aim.target.percent if getattr(aim, "target", None) else None)
    unit = "quarter" if period == "quarter" else "month"
    chart = charts.spc_chart(
        result, title=f"{aim.name}: percent met by {unit} of outcome",
        y_label="Percent met", percent=True,
        annotations=annotations if annotations is not None else annotations_for(ctx, aim.id),
        subject=f"percent of children who met the aim, by {unit} of outcome",
    )
    reading = result.describe()
    if freeze is not None:
        reading = (f"{unit.capitalize()}s before the cohort start ({as_date_text(cohort_start)}) "
                   f"are the baseline: the centre line is their median. " + reading)
    if notice:
        reading = notice + " " + reading
    for warning in result.warnings:
        reading += f" Caution: {warning}"
    signal = trend_signal(result, aim.improvement)
    return Section(chart, reading, spc_summary(result), footnote,
                   extra={"trend": signal, "result": result})


def spc_summary(result: spc.SPCResult) -> pd.DataFrame:
    """The numbers behind a run chart, one row per part, in words a reader can check."""
    summary = result.summary
    return pd.DataFrame({
        "Part": summary["part"],
        "Points": summary["n_obs"],
        "Useful points": summary["n_useful"],
        "Longest run": summary["longest_run"],
        "Longest run allowed": summary["longest_run_max"],
        "Crossings": summary["n_crossings"],
        "Crossings needed": summary["n_crossings_min"],
        "Runs signal": summary["runs_signal"].map({True: "yes", False: "no"}).fillna("n/a"),
        "Centre line": summary["cl"].round(1),
    })


def per_child(ctx: ReportContext, aim) -> Section:
    """Weeks per child in order of start (internal only): the most useful chart at small n."""
    require_internal(ctx, "The per-child chart")
    data = measures.weeks_per_child(evaluated(ctx, aim))
    if data.empty:
        return Section(None, "No child is in the cohort yet.")
    chart = charts.per_child_chart(
        data, within_weeks=aim.within_weeks, guidance_weeks=aim.guidance_weeks,
        reminder_weeks=aim.reminder_weeks, title=f"{aim.name}: weeks per child",
        subject=f"weeks from {label(aim.start).lower()} to {label(aim.end).lower()}",
    )
    pending = int(data["pending"].sum())
    return Section(chart, f"{len(data)} children, in order of start date; {pending} still "
                          "pending are drawn as open markers at the weeks elapsed so far.")


def time_to_event(ctx: ReportContext, aim) -> Section:
    """Share reaching the end event by each week (internal only).

    Each step of the curve is one child's time, so at Moray's numbers it would give away
    children (and percentages that disclosure control hides elsewhere): internal only.
    """
    require_internal(ctx, "The time-to-event curve")
    data = evaluated(ctx, aim)
    if data.empty:
        return Section(None, "No child is in the cohort yet.")
    curve = measures.time_to_event(data, aim)
    chart = charts.time_to_event_chart(
        curve, within_weeks=aim.within_weeks, guidance_weeks=aim.guidance_weeks,
        title=f"{aim.name}: share reaching {label(aim.end).lower()} by week",
        event="reaching it",
    )
    at = curve.loc[curve["week"] <= aim.within_weeks, "cif_share"]
    share = f"{100 * at.iloc[-1]:.0f}%" if len(at) else "none"
    return Section(chart, f"By week {aim.within_weeks:g}, {share} of the cohort had reached "
                          f"{label(aim.end).lower()} (children who exited count as a competing "
                          "outcome; children still pending are counted up to today).")


def journey(ctx: ReportContext, aim) -> Section:
    """Each cohort child's weeks in every stage against guidance (internal only)."""
    require_internal(ctx, "The journey chart")
    cohort = evaluated(ctx, aim)
    keys = ["child_id", "episode_id"]
    mine = ctx.journeys.merge(cohort[keys], on=keys, how="inner")
    stages = measures.stage_journeys(mine, ctx.as_of)
    if stages.empty:
        return Section(None, "No stage has started for these children yet.")
    chart = charts.journey_chart(stages, title=f"{aim.name}: each child's journey by stage")
    over = stages.groupby("stage_label", sort=False)["over_guidance"].sum().astype(int)
    text = "; ".join(f"{name}: {n} over guidance" for name, n in over.items())
    return Section(chart, f"Weeks in each stage for the {len(cohort)} cohort children. {text}.")


def outstanding(ctx: ReportContext, aim) -> pd.DataFrame:
    """Children still due or overdue for a completion aim, by pseudonym (internal only)."""
    require_internal(ctx, "The outstanding list")
    data = evaluated(ctx, aim)
    open_ = data[data["status"].isin(["pending", "not_met"])].sort_values("due_date")
    return pd.DataFrame({
        "Child (pseudonym)": ctx.pseudonyms(open_["child_id"]).to_numpy(),
        "Team": open_["team"].astype("string").fillna("").to_numpy(),
        "Eligible": open_["eligible_date"].map(as_date_text).to_numpy(),
        "Due": open_["due_date"].map(as_date_text).to_numpy(),
        "Status": open_["status"].astype(str).str.replace("_", " ").to_numpy(),
    })


def _protected_totals(ctx: ReportContext, aim) -> dict[str, str]:
    """The headline counts as the governance status table shows them ("c" where hidden).

    Taken from the protected table's all-teams row, so that the headline and the table
    together give away nothing that either hides (e.g. "11 of 17" next to a hidden not-met).
    """
    table, _ = status_table(ctx, aim)
    row = table.set_index("team").loc["All teams"].astype(str)
    met, not_met = row["met"], row["not met"]
    resolved = (str(int(met) + int(not_met)) if met.isdigit() and not_met.isdigit()
                else ctx.disclosure.symbol)
    return {"n_cohort": row["total"], "n_met": met, "n_not_met": not_met,
            "n_resolved": resolved, "n_pending": row["pending"], "n_exited": row["exited"]}


def status_table(ctx: ReportContext, aim) -> tuple[pd.DataFrame, str | None]:
    """Children by status and team (governance: disclosure-controlled with totals)."""
    data = evaluated(ctx, aim)
    table = pd.crosstab(data["team"].astype("string").fillna("Not recorded"),
                        data["status"].astype(str)).reindex(
        columns=["met", "not_met", "pending", "exited"], fill_value=0)
    table["total"] = table.sum(axis=1)
    table.loc["All teams"] = table.sum(axis=0)
    table = table.reset_index(names="team")
    table.columns = [c.replace("_", " ") for c in table.columns]
    if ctx.internal:
        return table, None
    counts = ["met", "not met", "pending", "exited", "total"]
    protected = protect_table(table.set_index("team"), count_columns=counts,
                              total_row="All teams", total_column="total",
                              settings=ctx.disclosure)
    return protected.table.reset_index(), protected.footnote
