"""The data-quality report: rows read, used, excluded by rule, and the problem list (internal)."""

from __future__ import annotations

import pandas as pd

from pace_qi.aims import excluded
from pace_qi.report.context import ReportContext


def one_line(ctx: ReportContext) -> str:
    """Data quality in one line (safe for governance: counts of rows, no children)."""
    s = ctx.load_summary
    if not s:
        return ""
    return (f"{s.get('rows_read', '?')} rows read, {s.get('rows_used', '?')} episodes used, "
            f"{s.get('rows_with_errors', 0)} rows with errors, "
            f"{s.get('rows_with_warnings', 0)} with warnings.")


def by_rule(ctx: ReportContext) -> pd.DataFrame:
    """Problems counted by rule and severity."""
    problems = ctx.problems
    if problems.empty:
        return pd.DataFrame({"Severity": [], "Rule": [], "Problems": [], "Rows": []})
    grouped = problems.groupby(["severity", "rule"]).agg(
        Problems=("rule", "size"), Rows=("source_row", "nunique")).reset_index()
    return grouped.rename(columns={"severity": "Severity", "rule": "Rule"})


def excluded_by_aim(ctx: ReportContext) -> pd.DataFrame:
    """How many rows each aim leaves out because a field it needs failed validation."""
    rows = []
    for aim_id, aim in ctx.aims.items():
        left_out = excluded(ctx.journeys, aim)
        rows.append({"Aim": aim_id, "Rows left out": len(left_out),
                     "Reasons": "; ".join(sorted(set(left_out["reason"].astype(str))))[:200]})
    return pd.DataFrame(rows)


def problem_list(ctx: ReportContext) -> pd.DataFrame:
    """Every problem with its spreadsheet row; children shown by pseudonym only."""
    problems = ctx.problems.copy()
    if problems.empty:
        return problems
    ids = problems["child_id"].astype("string")
    problems["child"] = ctx.pseudonyms(ids.fillna("")).where(ids.notna() & (ids != ""), "")
    # A value in an identity column would show the raw id: keep the message, drop the value.
    identity = problems["rule"].isin(["duplicate_episode", "missing_child_id"])
    problems["value"] = problems["value"].where(~identity, "(not shown)")
    problems["message"] = problems["message"].where(
        ~identity, problems["message"].str.replace(r", value '[^']*'", "", regex=True))
    return problems[["source_row", "child", "column", "value", "rule", "severity", "message"]]
