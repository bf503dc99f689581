"""The canonical data contract: column names, codes and the order of milestones.

Every other module refers to columns through these names, so that a local authority's own
column names are translated once (by the mapping file, in `pace_qi.data`) and never again.

Journeys (the validated, wide form) hold one row per child's care episode with:

- `child_id` (str, required) and `episode_id` (str; default child_id + looked_after_start_date);
- the date columns below as pandas datetimes normalised to midnight (NaT = not happened / unknown);
- the code columns below holding canonical codes (or missing);
- any extra column whose name ends in `_date` (an extra event, e.g. `meeting_72h_date`);
- `source_row`: the row number as the user sees it in their spreadsheet (header = row 1);
- `error_columns`: the columns of this row that failed validation, joined by ";" ("" when
  clean). A measure that needs one of these columns leaves the row out and says so.
"""

from __future__ import annotations

CHILD_ID = "child_id"
EPISODE_ID = "episode_id"
SOURCE_ROW = "source_row"
ERROR_COLUMNS = "error_columns"

DATE_OF_BIRTH = "date_of_birth"
SEX = "sex"
TEAM = "team"
LOOKED_AFTER_START = "looked_after_start_date"
LOOKED_AFTER_END = "looked_after_end_date"
HOME_SUPERVISION_START = "home_supervision_start_date"
HOME_AUDIT = "home_audit_date"
ACCOMMODATED = "accommodated_date"
RECOMMENDATION_DATE = "permanence_recommendation_date"
RECOMMENDATION = "permanence_recommendation"
ROUTE = "permanence_route"
PANEL = "panel_date"
ADM_DECISION = "adm_decision_date"
APPLICATION_LODGED = "application_lodged_date"
ORDER_GRANTED = "order_granted_date"
PLAN_CHANGED = "plan_changed_date"

#: Date columns of the contract, in the order a journey usually passes them.
DATE_COLUMNS: tuple[str, ...] = (
    DATE_OF_BIRTH,
    LOOKED_AFTER_START,
    HOME_SUPERVISION_START,
    HOME_AUDIT,
    ACCOMMODATED,
    RECOMMENDATION_DATE,
    PANEL,
    ADM_DECISION,
    APPLICATION_LODGED,
    ORDER_GRANTED,
    PLAN_CHANGED,
    LOOKED_AFTER_END,
)

TEXT_COLUMNS: tuple[str, ...] = (SEX, TEAM)

#: Allowed canonical codes for each coded column.
CODES: dict[str, tuple[str, ...]] = {
    RECOMMENDATION: ("return_home", "remain_home", "away_from_home"),
    ROUTE: (
        "adoption",
        "permanence_order_authority_to_adopt",
        "permanence_order",
        "kinship_care_order",
        "compulsory_supervision_order",
        "other",
    ),
}

#: The permanence milestones in the order they must happen (where both dates exist).
MILESTONES: tuple[str, ...] = (
    ACCOMMODATED,
    RECOMMENDATION_DATE,
    PANEL,
    ADM_DECISION,
    APPLICATION_LODGED,
    ORDER_GRANTED,
)

#: Human names of the milestones and stages, for tables and charts.
LABELS: dict[str, str] = {
    ACCOMMODATED: "Accommodated",
    RECOMMENDATION_DATE: "Permanence recommendation",
    PANEL: "Fostering and Adoption Panel",
    ADM_DECISION: "Agency decision (ADM)",
    APPLICATION_LODGED: "Court application lodged",
    ORDER_GRANTED: "Order granted",
    HOME_SUPERVISION_START: "Looked after at home (CSO)",
    HOME_AUDIT: "Routine audit reported",
    LOOKED_AFTER_START: "Became looked after",
    LOOKED_AFTER_END: "Ceased to be looked after",
    PLAN_CHANGED: "Plan changed",
}

#: Columns a row must have after mapping.
REQUIRED_COLUMNS: tuple[str, ...] = (CHILD_ID,)

#: Every canonical column (extra `*_date` events come on top of these).
CANONICAL_COLUMNS: tuple[str, ...] = (
    CHILD_ID,
    EPISODE_ID,
    DATE_OF_BIRTH,
    SEX,
    TEAM,
    LOOKED_AFTER_START,
    LOOKED_AFTER_END,
    HOME_SUPERVISION_START,
    HOME_AUDIT,
    ACCOMMODATED,
    RECOMMENDATION_DATE,
    RECOMMENDATION,
    ROUTE,
    PANEL,
    ADM_DECISION,
    APPLICATION_LODGED,
    ORDER_GRANTED,
    PLAN_CHANGED,
)


def is_date_column(name: str) -> bool:
    """A column holds dates when the contract says so or its name ends in `_date`."""
    return name in DATE_COLUMNS or name.endswith("_date")
