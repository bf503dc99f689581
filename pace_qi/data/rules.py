"""The row rules: each has an id, a severity and the fix a user can make.

Errors take the bad field out of every measure that needs it (and, for identity problems,
the whole row out of the data); warnings keep the row and list it for a person to check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One validation rule as the user will read it in the problem list."""

    id: str
    severity: str  # "error" or "warning"
    fix: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("missing_child_id", "error", "Fill in the child's ID; the row cannot be used."),
        Rule(
            "duplicate_episode",
            "error",
            "Remove the repeated row, or give the episode its own episode_id.",
        ),
        Rule(
            "unparseable_date",
            "error",
            "Write the date as DD/MM/YYYY (e.g. 03/09/2018) or YYYY-MM-DD.",
        ),
        Rule(
            "date_after_as_of",
            "error",
            "Correct the date, or run with a later --as-of date if the data really are newer.",
        ),
        Rule("date_before_1990", "error", "Correct the date; it is before 1990."),
        Rule(
            "out_of_order",
            "error",
            "Check both dates: one of them is wrong, or they are in the wrong columns.",
        ),
        Rule(
            "unknown_code",
            "error",
            "Use one of the allowed codes, or map yours in the mapping file.",
        ),
        Rule(
            "adm_late",
            "warning",
            "Check the dates: the agency decision is due within 14 days of the panel.",
        ),
        Rule(
            "stage_over_3_years",
            "warning",
            "Check the dates: a stage over 3 years long is unusual.",
        ),
        Rule(
            "later_event_ignored",
            "warning",
            "The first event of each kind is used; remove the repeat if it is a mistake.",
        ),
    )
}
