"""Row validation: turn the user's text into journeys, listing every problem by spreadsheet row.

Input: the text frame from `reading` (columns already renamed to canonical names, plus
`source_row`). Output: journeys in the canonical form (see `pace_qi.columns`) and a problem
table with one row per problem: `source_row, child_id, column, value, rule, severity, message`.

Conservation: a row leaves the journeys only for an identity error (missing child_id or a
duplicate episode) and is then in the problem table with that error. A bad field (an
unparseable, future, pre-1990 or out-of-order date, an unknown code) is blanked, named in the
row's `error_columns`, and listed; the measures that need that field leave the row out.
"""

from __future__ import annotations

import pandas as pd

from pace_qi import columns as col
from pace_qi.data.dates import parse_dates
from pace_qi.data.mapping import Mapping, snake
from pace_qi.data.rules import RULES

EARLIEST = pd.Timestamp("1990-01-01")
PROBLEM_COLUMNS = ["source_row", "child_id", "column", "value", "rule", "severity", "message"]
ADM_DAYS_AFTER_PANEL = 14
LONG_STAGE_DAYS = 1096  # three years


def validate(
    text: pd.DataFrame, mapping: Mapping, as_of: pd.Timestamp, names: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate canonical-named text; `names` maps canonical names to the user's own names."""
    problems: list[pd.DataFrame] = []
    frame = text.copy()
    frame[col.CHILD_ID] = frame[col.CHILD_ID].astype("string").str.strip()
    frame[col.SOURCE_ROW] = frame[col.SOURCE_ROW].astype("int64")

    missing_id = frame[col.CHILD_ID].isna() | (frame[col.CHILD_ID] == "")
    problems.append(_problems(frame, missing_id, col.CHILD_ID, "missing_child_id", names,
                              "the child's ID is blank"))
    frame = frame.loc[~missing_id].copy()

    date_columns = [c for c in frame.columns if col.is_date_column(c)]
    bad = pd.DataFrame(False, index=frame.index, columns=date_columns + list(col.CODES))
    for name in date_columns:
        parsed, found = _check_dates(frame, name, mapping, as_of, names)
        problems.extend(found)
        bad[name] = parsed.isna() & frame[name].notna()
        frame[name] = parsed
    for name in col.CODES:
        if name in frame.columns:
            canonical, found = _check_codes(frame, name, mapping, names)
            problems.append(found)
            bad[name] = canonical.isna() & frame[name].notna()
            frame[name] = canonical

    frame = _add_missing_columns(frame)
    frame[col.EPISODE_ID] = _episode_ids(frame)
    duplicate = frame.duplicated(subset=[col.CHILD_ID, col.EPISODE_ID], keep="first")
    first_row = frame.groupby([col.CHILD_ID, col.EPISODE_ID])[col.SOURCE_ROW].transform("first")
    problems.append(
        _problems(frame, duplicate, col.EPISODE_ID, "duplicate_episode", names,
                  "the same child and episode as row " + first_row.astype(str)
                  + " (the first is used, this row is left out)")
    )
    frame = frame.loc[~duplicate].copy()
    bad = bad.loc[frame.index]

    order_bad, found = _check_order(frame, names)
    problems.extend(found)
    bad = bad.reindex(columns=list(dict.fromkeys([*bad.columns, *order_bad.columns])),
                      fill_value=False)
    for name in order_bad.columns:
        bad[name] = bad[name] | order_bad[name]
        frame[name] = frame[name].mask(order_bad[name])
    problems.extend(_warnings(frame, names))

    frame[col.ERROR_COLUMNS] = _joined_names(bad)
    ordered = [c for c in col.CANONICAL_COLUMNS]
    extras = [c for c in frame.columns if c.endswith("_date") and c not in ordered]
    journeys = frame[ordered + extras + [col.SOURCE_ROW, col.ERROR_COLUMNS]].reset_index(drop=True)
    table = pd.concat([p for p in problems if not p.empty] or [_empty()], ignore_index=True)
    table = table.sort_values(["source_row", "severity", "rule"], kind="stable")
    return journeys, table.reset_index(drop=True)[PROBLEM_COLUMNS]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in PROBLEM_COLUMNS})


def _problems(
    frame: pd.DataFrame,
    mask: pd.Series,
    column: str,
    rule_id: str,
    names: dict[str, str],
    what: str | pd.Series,
    value: pd.Series | None = None,
) -> pd.DataFrame:
    """One problem row per True in `mask`, with a message naming row, column, value and fix."""
    if not mask.any():
        return _empty()
    rule = RULES[rule_id]
    shown = names.get(column, column)
    rows = frame.loc[mask]
    values = (value if value is not None else frame.get(column, pd.Series(pd.NA, frame.index)))
    values = values.loc[mask].astype("string").fillna("")
    reason = what.loc[mask] if isinstance(what, pd.Series) else what
    message = (
        "Row " + rows[col.SOURCE_ROW].astype(str) + ", column '" + shown + "', value '"
        + values + "': " + reason + ". " + rule.fix
    )
    return pd.DataFrame({
        "source_row": rows[col.SOURCE_ROW].to_numpy(),
        "child_id": rows[col.CHILD_ID].to_numpy(),
        "column": shown,
        "value": values.to_numpy(),
        "rule": rule.id,
        "severity": rule.severity,
        "message": message.to_numpy(),
    })


def _check_dates(
    frame: pd.DataFrame, name: str, mapping: Mapping, as_of: pd.Timestamp, names: dict[str, str]
) -> tuple[pd.Series, list[pd.DataFrame]]:
    text = frame[name]
    parsed = parse_dates(text, mapping.date_format)
    unparseable = parsed.isna() & text.notna() & (text.astype("string").str.strip() != "")
    future = parsed > as_of
    early = parsed < EARLIEST
    found = [
        _problems(frame, unparseable, name, "unparseable_date", names, "this is not a date"),
        _problems(frame, future, name, "date_after_as_of", names,
                  f"the date is after the data as-at date {as_of:%d/%m/%Y}"),
        _problems(frame, early, name, "date_before_1990", names, "the date is before 1990"),
    ]
    return parsed.mask(future | early), found


def _check_codes(
    frame: pd.DataFrame, name: str, mapping: Mapping, names: dict[str, str]
) -> tuple[pd.Series, pd.DataFrame]:
    allowed = col.CODES[name]
    lookup = {code: code for code in allowed} | mapping.code_lookup(name)
    keys = frame[name].astype("string").map(snake, na_action="ignore")
    canonical = keys.map(lookup).where(lambda s: s.isin(allowed))
    unknown = canonical.isna() & frame[name].notna() & (keys != "")
    found = _problems(frame, unknown, name, "unknown_code", names,
                      "not a known code (allowed: " + ", ".join(allowed) + ")")
    return canonical.astype("string").where(~unknown), found


def _add_missing_columns(frame: pd.DataFrame) -> pd.DataFrame:
    for name in col.CANONICAL_COLUMNS:
        if name not in frame.columns:
            frame[name] = (
                pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
                if name in col.DATE_COLUMNS
                else pd.Series(pd.NA, index=frame.index, dtype="string")
            )
    for name in col.TEXT_COLUMNS:
        frame[name] = frame[name].astype("string").str.strip()
    return frame


def _episode_ids(frame: pd.DataFrame) -> pd.Series:
    """The user's episode_id, else child_id plus the date the child became looked after."""
    given = frame[col.EPISODE_ID].astype("string").str.strip().replace("", pd.NA)
    start = frame[col.LOOKED_AFTER_START].dt.strftime("%Y-%m-%d").astype("string")
    default = frame[col.CHILD_ID] + ("-" + start).fillna("")
    return given.fillna(default)


def _order_pairs(frame: pd.DataFrame) -> list[tuple[str, str, pd.Series, pd.Series]]:
    """(earlier name, later name, earlier date, later date) for every pair that must be in order.

    Milestones are compared with the nearest earlier milestone that is present, so a missing
    panel date still lets a recommendation be checked against the agency decision.
    """
    pairs = []
    previous = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    previous_name = pd.Series(pd.NA, index=frame.index, dtype="string")
    for name in col.MILESTONES:
        pairs.append((previous_name, name, previous, frame[name]))
        present = frame[name].notna()
        previous = frame[name].where(present, previous)
        previous_name = previous_name.mask(present, name)
    pairs.append((col.LOOKED_AFTER_START, col.ACCOMMODATED,
                  frame[col.LOOKED_AFTER_START], frame[col.ACCOMMODATED]))
    pairs.append((col.LOOKED_AFTER_START, col.LOOKED_AFTER_END,
                  frame[col.LOOKED_AFTER_START], frame[col.LOOKED_AFTER_END]))
    return pairs


def _check_order(
    frame: pd.DataFrame, names: dict[str, str]
) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    flagged = pd.DataFrame(False, index=frame.index, columns=list(col.MILESTONES) + [
        col.LOOKED_AFTER_START, col.LOOKED_AFTER_END])
    found = []
    for earlier_name, later_name, earlier, later in _order_pairs(frame):
        wrong = later < earlier
        if not wrong.any():
            continue
        if isinstance(earlier_name, str):
            flagged[earlier_name] |= wrong
            earlier_shown = pd.Series(names.get(earlier_name, earlier_name), index=frame.index)
        else:
            for name in col.MILESTONES:
                flagged[name] |= wrong & (earlier_name == name).fillna(False)
            earlier_shown = earlier_name.map(lambda n: names.get(n, n), na_action="ignore")
        flagged[later_name] |= wrong
        what = ("the date is before '" + earlier_shown.astype("string") + "' ("
                + earlier.dt.strftime("%d/%m/%Y").astype("string") + ")")
        found.append(_problems(frame, wrong, later_name, "out_of_order", names, what,
                               value=later.dt.strftime("%d/%m/%Y")))
    return flagged, found


def _warnings(frame: pd.DataFrame, names: dict[str, str]) -> list[pd.DataFrame]:
    gap = (frame[col.ADM_DECISION] - frame[col.PANEL]).dt.days
    found = [_problems(frame, gap > ADM_DAYS_AFTER_PANEL, col.ADM_DECISION, "adm_late", names,
                       "the agency decision came " + gap.astype("Int64").astype(str)
                       + " days after the panel",
                       value=frame[col.ADM_DECISION].dt.strftime("%d/%m/%Y"))]
    for earlier, later in zip(col.MILESTONES, col.MILESTONES[1:], strict=False):
        days = (frame[later] - frame[earlier]).dt.days
        found.append(_problems(frame, days > LONG_STAGE_DAYS, later, "stage_over_3_years", names,
                               "this stage took " + (days // 7).astype("Int64").astype(str)
                               + " weeks from '" + names.get(earlier, earlier) + "'",
                               value=frame[later].dt.strftime("%d/%m/%Y")))
    return found


def _joined_names(flags: pd.DataFrame) -> pd.Series:
    """'panel_date;adm_decision_date' for the True columns of each row, '' when none."""
    joined = pd.Series("", index=flags.index, dtype="string")
    for name in flags.columns:
        joined = joined + flags[name].map({True: name + ";", False: ""}).astype("string")
    return joined.str.rstrip(";")
