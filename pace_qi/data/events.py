"""The long events form (`child_id, episode_id, event, date`), pivoted to one row per episode.

Some case systems export one row per event. pace-qi keeps the first event of each kind per
episode (by date) and lists every later repeat as a warning, so no row disappears unseen. The
pivoted row's `source_row` is the first spreadsheet row of its episode.
"""

from __future__ import annotations

import pandas as pd

from pace_qi import columns as col
from pace_qi.data.dates import parse_dates
from pace_qi.data.mapping import Mapping, snake
from pace_qi.data.rules import RULES

EVENT = "event"
DATE = "date"


def is_long_form(frame: pd.DataFrame) -> bool:
    """A long events table has `event` and `date` columns instead of one column per milestone."""
    return {EVENT, DATE}.issubset(frame.columns)


def pivot_events(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wide text rows (dates as ISO text, or the raw text where unparseable) and the repeats."""
    events = frame.copy()
    names = events[EVENT].astype("string").map(snake, na_action="ignore")
    lookup = mapping.code_lookup(EVENT)
    if lookup:
        names = names.replace(lookup)
    events[EVENT] = names.where(names.str.endswith("_date"), names + "_date")
    if col.EPISODE_ID not in events.columns:
        events[col.EPISODE_ID] = pd.NA
    events["__parsed"] = parse_dates(events[DATE], mapping.date_format)
    key = [col.CHILD_ID, col.EPISODE_ID]
    events = events.sort_values([*key, EVENT, "__parsed", col.SOURCE_ROW], na_position="last")
    repeat = events.duplicated(subset=[*key, EVENT], keep="first") & events[EVENT].notna()
    first = events.loc[~repeat & events[EVENT].notna()]
    wide = first.pivot_table(index=key, columns=EVENT, values=DATE, aggfunc="first",
                             dropna=False, observed=True)
    wide.columns = [str(c) for c in wide.columns]
    others = [c for c in events.columns if c not in {EVENT, DATE, "__parsed", *key}]
    attributes = events.groupby(key, dropna=False)[others].first()
    attributes[col.SOURCE_ROW] = events.groupby(key, dropna=False)[col.SOURCE_ROW].min()
    joined = attributes.join(wide, how="left").reset_index()
    rule = RULES["later_event_ignored"]
    rows = events.loc[repeat]
    repeats = pd.DataFrame({
        "source_row": rows[col.SOURCE_ROW].to_numpy(),
        "child_id": rows[col.CHILD_ID].to_numpy(),
        "column": EVENT,
        "value": rows[EVENT].astype("string").to_numpy(),
        "rule": rule.id,
        "severity": rule.severity,
        "message": ("Row " + rows[col.SOURCE_ROW].astype(str) + ", column 'event', value '"
                    + rows[EVENT].astype("string") + "': a later event of the same kind for "
                    "this episode. " + rule.fix).to_numpy(),
    })
    return joined, repeats
