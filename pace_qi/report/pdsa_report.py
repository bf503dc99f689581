"""The sections of a PDSA cycle report: the Plan, the quality findings, Study and Act.

Numbers come from `pace_qi.pdsa.study` (the aims engine, in the cycle's window). For the
governance audience the observed counts go through disclosure control here: small counts are
shown as the symbol, and a percentage or median needs `min_denominator` children behind it.
"""

from __future__ import annotations

import pandas as pd

from pace_qi import pdsa
from pace_qi.disclosure import apply as protect_table
from pace_qi.pdsa.study import DRAFT_LABEL
from pace_qi.pdsa.wording import date_range
from pace_qi.report import aim_report
from pace_qi.report.context import ReportContext, as_date_text


def plan_markdown(cycle: pdsa.Cycle) -> str:
    """The Plan as the team wrote it."""
    plan = cycle.plan
    questions = "\n".join(f"- {q}" for q in cycle.questions) or "- (none recorded)"
    predictions = "\n".join(
        f"- {p.statement} (measure: `{p.measure}`)" for p in cycle.predictions
    ) or "- (none recorded)"
    window = (f"{as_date_text(plan.start)} to {as_date_text(plan.end)}" if plan.start
              else "not set")
    return (
        f"**Change idea.** {cycle.change_idea}\n\n**Objective.** {cycle.objective}\n\n"
        f"**Questions.**\n{questions}\n\n**Predictions.**\n{predictions}\n\n"
        f"**Who:** {_clause(plan.who)}. **What:** {_clause(plan.what)}. **Where:** "
        f"{_clause(plan.where)}. **When:** {window}.\n\n"
        f"**Data collection.** {plan.data_collection or '-'}"
    )


def _clause(text: str | None) -> str:
    """Free text set inside a sentence: no doubled full stop, a dash when empty."""
    return (text or "").strip().rstrip(".") or "-"


def findings(ctx: ReportContext, cycle: pdsa.Cycle) -> list[str]:
    found = pdsa.check(cycle, ctx.aims, ctx.measures, cycles=ctx.cycles,
                       journeys=ctx.journeys, as_of=ctx.as_of)
    return [f.message for f in found]


def findings_markdown(messages: list[str]) -> str:
    if not messages:
        return "No weaknesses found: the cycle has a linked, numeric prediction and a sound plan."
    return "\n".join(f"- {m}" for m in messages)


def study_results(ctx: ReportContext, cycle: pdsa.Cycle) -> list[pdsa.StudyResult]:
    return pdsa.study(cycle, ctx.journeys, ctx.aims, ctx.measures, ctx.as_of)


def _governance_sentence(ctx: ReportContext, result: pdsa.StudyResult) -> str:
    """The Study sentence with disclosure control applied to what was observed."""
    settings = ctx.disclosure
    span = date_range(result.window_start, result.window_end, "and")
    if result.expected_weeks is not None:
        observed = (f"a median of {result.median_weeks:.1f} weeks" if result.median_weeks
                    is not None and result.n_with_weeks >= settings.min_denominator
                    else "the median is not shown (fewer than "
                         f"{settings.min_denominator} children)")
    else:
        table = pd.DataFrame([{"n_met": result.n_met, "n_resolved": result.n_resolved,
                               "percent_met": result.percent_met}])
        protected = protect_table(table, count_columns=["n_met", "n_resolved"],
                                  percent_columns={"percent_met": ("n_met", "n_resolved")},
                                  settings=settings)
        row = protected.table.loc[0]
        percent = ("percent not shown" if protected.hidden.loc[0, "percent_met"]
                   or result.percent_met is None else f"{result.percent_met:.0f}%")
        observed = f"{row['n_met']} of {row['n_resolved']} ({percent})"
    return (f"Predicted: {result.statement.rstrip('.')}. Observed: {observed} between {span}; "
            f"{result.spc_reading}.")


def study_paragraph(ctx: ReportContext, cycle: pdsa.Cycle,
                    results: list[pdsa.StudyResult]) -> str:
    if ctx.internal:
        return pdsa.draft_study(cycle, results)
    numbers = " ".join(_governance_sentence(ctx, r) for r in results) or (
        "There is no prediction to compare with the data.")
    narrative = (cycle.study.narrative or "").strip()
    if not narrative:
        return DRAFT_LABEL + numbers
    return f"{narrative}\n\nThe numbers: {numbers}"


def measure_charts(ctx: ReportContext, cycle: pdsa.Cycle) -> list[aim_report.Section]:
    """Each linked measure's run chart, this cycle's window shaded, earlier cycles numbered."""
    notes = pdsa.annotations(ctx.cycles, cycle.aim, highlight=cycle.id)
    sections = []
    for measure_id in dict.fromkeys(p.measure for p in cycle.predictions if p.measure):
        measure = ctx.aims.get(measure_id) or ctx.measures.get(measure_id)
        if measure is None:
            continue
        sections.append(aim_report.outcome_chart(ctx, measure, annotations=notes))
    return sections


def act_markdown(cycle: pdsa.Cycle) -> str:
    act = cycle.act
    decision = act.decision or "pending"
    text = f"**Decision: {decision}.**"
    if act.next_steps:
        text += f" {act.next_steps}"
    if act.next_cycle:
        text += f" Next cycle: `{act.next_cycle}`."
    return text
