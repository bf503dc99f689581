"""`pace-qi validate`: check an extract and say what is wrong, row by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pace_qi.data import LoadResult, load

FIRST_PROBLEMS = 20


def summary_lines(result: LoadResult) -> list[str]:
    """The plain-English summary printed by `validate` and shown in the data-quality report."""
    problems = result.problems
    lines = [
        f"File: {result.path} (sha256 {result.sha256[:12]}…), data as at {result.as_of:%d %b %Y}",
        f"Rows read: {result.rows_read}; episodes used: {len(result.journeys)}; "
        f"rows with errors: {result.rows_with_errors}; rows with warnings: "
        f"{result.rows_with_warnings}",
    ]
    if result.ignored_columns:
        lines.append("Columns not used by pace-qi: " + ", ".join(result.ignored_columns))
    if problems.empty:
        lines.append("No problems found.")
        return lines
    counts = problems.groupby(["severity", "rule"]).size().sort_index()
    lines.append("Problems by rule:")
    lines += [f"  {severity:<7} {rule:<22} {n}" for (severity, rule), n in counts.items()]
    return lines


def validate_command(
    path: str, mapping: str | None, as_of: dt.date | None, report: str | None
) -> int:
    """Exit 0 when there are no errors, 1 when rows have errors (2 comes from InputFileError)."""
    result = load(path, mapping=mapping, as_of=as_of)
    for line in summary_lines(result):
        print(line)
    problems = result.problems
    if not problems.empty:
        first = problems.sort_values(["severity", "source_row"], kind="stable")  # errors first
        print(f"First {min(FIRST_PROBLEMS, len(problems))} of {len(problems)} problems "
              "(errors first):")
        for message in first["message"].head(FIRST_PROBLEMS):
            print("  " + message)
    if report:
        target = Path(report)
        target.parent.mkdir(parents=True, exist_ok=True)
        problems.to_csv(target, index=False)
        print(f"Wrote every problem to {target}")
    return 1 if (problems["severity"] == "error").any() else 0
