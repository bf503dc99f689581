"""The timeline checklist as the team sees it: pseudonyms, teams, checkpoints (internal)."""

from __future__ import annotations

import pandas as pd

from pace_qi.reminders import due
from pace_qi.report.context import ReportContext, as_date_text


def checklist(ctx: ReportContext, horizon_weeks: float = 4) -> pd.DataFrame:
    if not ctx.internal:
        raise PermissionError("the reminders list is never shown to governance")
    table = due(ctx.journeys, ctx.aims, ctx.as_of, horizon_weeks=horizon_weeks)
    return pd.DataFrame({
        "Child (pseudonym)": ctx.pseudonyms(table["child_id"]).to_numpy(),
        "Team": table["team"].astype("string").fillna("").to_numpy(),
        "Aim": table["aim"].to_numpy(),
        "Checkpoint": table["checkpoint"].to_numpy(),
        "Date": table["date"].map(as_date_text).to_numpy(),
        "Weeks left": table["weeks_left"].to_numpy(),
        "State": table["state"].astype(str).to_numpy(),
    })
