"""Build small canonical journeys frames for the aims, measures and reminders tests.

Every test writes its rows by hand (dates as ISO text), so each expected status can be checked
against the rules with a calendar; this helper only fills in the columns a row leaves out.
"""

from __future__ import annotations

import pandas as pd

from pace_qi import columns as col


def journeys(*rows: dict) -> pd.DataFrame:
    """A journeys frame: every canonical column, dates as datetime64, clean error_columns."""
    records = []
    for number, row in enumerate(rows, start=1):
        record = {name: None for name in col.CANONICAL_COLUMNS}
        record[col.CHILD_ID] = f"C{number:03d}"
        record.update(row)
        record.setdefault(col.EPISODE_ID, None)
        if record[col.EPISODE_ID] is None:
            record[col.EPISODE_ID] = f"{record[col.CHILD_ID]}-1"
        record.setdefault(col.ERROR_COLUMNS, "")
        record[col.SOURCE_ROW] = number + 1
        records.append(record)
    names = [*col.CANONICAL_COLUMNS, col.ERROR_COLUMNS, col.SOURCE_ROW]
    names += [n for record in records for n in record if n not in names]
    frame = pd.DataFrame.from_records(records, columns=list(dict.fromkeys(names)))
    for name in frame.columns:
        if col.is_date_column(name):
            frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
    frame[col.ERROR_COLUMNS] = frame[col.ERROR_COLUMNS].fillna("").astype("str")
    return frame


def status_of(evaluated: pd.DataFrame, child_id: str) -> str:
    """The one status of a child (fails loudly if the child is missing or listed twice)."""
    found = evaluated.loc[evaluated[col.CHILD_ID] == child_id, "status"]
    assert len(found) == 1, f"{child_id} appears {len(found)} times"
    return str(found.iloc[0])
