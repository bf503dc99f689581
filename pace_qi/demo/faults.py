"""Realistic data problems, injected into SYNTHETIC journeys so that validation has work to do.

Real extracts have blank dates, dates typed into the wrong column, rows exported twice, codes
nobody mapped and dates nobody could parse. `inject_faults` spoils a copy of clean journeys in
those ways and logs every change, so that a test can check that validation finds each one.

Each detectable fault (out of order, duplicate, bad code, unparseable date) goes on a row of its
own, apart from every other fault, so that what validation reports about a row can be traced to
exactly one cause. Missing dates go on other rows again: validation cannot tell a blank optional
date from an event that has not happened, so they are logged but not expected to be found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import columns as c
from pace_qi.demo.journeys import as_text

FAULT_KINDS: tuple[str, ...] = (
    "missing_date",
    "out_of_order",
    "duplicate",
    "bad_code",
    "unparseable_date",
)
#: Faults that validation can see in the data alone.
DETECTABLE_FAULTS: tuple[str, ...] = ("out_of_order", "duplicate", "bad_code", "unparseable_date")

#: Shares of rows (or, for missing dates, of filled optional date cells) and the least number.
RATES: dict[str, tuple[float, int]] = {
    "missing_date": (0.03, 1),
    "out_of_order": (0.01, 2),
    "duplicate": (0.005, 2),
    "bad_code": (0.005, 2),
    "unparseable_date": (0.005, 3),
}

#: Pairs of dates that must be in this order when both are present.
ORDERED_PAIRS: tuple[tuple[str, str], ...] = (
    (c.LOOKED_AFTER_START, c.ACCOMMODATED),
    *zip(c.MILESTONES[:-1], c.MILESTONES[1:], strict=True),
    (c.LOOKED_AFTER_START, c.LOOKED_AFTER_END),
)

#: Codes that look like what people type but match no canonical code, whatever the case.
BAD_CODES: dict[str, tuple[str, ...]] = {
    c.RECOMMENDATION: ("home", "TBC", "awaiting panel"),
    c.ROUTE: ("PO", "adopted", "long term fostering", "S11"),
}
UNPARSEABLE_DATES: tuple[str, ...] = ("31/02/2019", "unknown", "2019-13-01", "30/02/2018")

#: Dates that may be blanked: everything but the start of care, which identifies the episode.
_NOT_BLANKED = (c.LOOKED_AFTER_START,)

LOG_COLUMNS: tuple[str, ...] = ("row", "column", "fault", "value")


def inject_faults(frame: pd.DataFrame, seed: int = 2019) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A faulty copy of `frame` (dates as ISO text) and the log of every fault injected.

    The log has one row per fault: `row` (0-based position in the returned frame), `column`,
    `fault` (one of `FAULT_KINDS`) and `value` (the text now in that cell; for a missing date,
    the date that was removed; for an out-of-order pair, `column` is the later column of the
    pair, now dated before the earlier one). The same seed gives the same faults.
    """
    rng = np.random.default_rng(seed)
    text = as_text(frame).reset_index(drop=True)
    dates = _parsed_dates(frame.reset_index(drop=True))
    taken = np.zeros(len(text), dtype=bool)
    logs = []
    for inject in (_out_of_order, _bad_codes, _unparseable_dates):
        text, log, rows = inject(rng, text, dates, taken)
        taken[rows] = True
        logs.append(log)
    originals = _pick(rng, ~taken, _count("duplicate", len(text)))
    taken[originals] = True
    text, log = _missing_dates(rng, text, dates, taken)
    logs.append(log)
    faulty, moved, duplicate_log = _duplicate_rows(text, originals)
    log = pd.concat(logs, ignore_index=True)
    log["row"] = moved[log["row"].to_numpy()]
    log = pd.concat([log, duplicate_log], ignore_index=True)
    return faulty, log.sort_values(["row", "column"], ignore_index=True)[list(LOG_COLUMNS)]


def _parsed_dates(frame: pd.DataFrame) -> pd.DataFrame:
    date_cols = [col for col in frame.columns if c.is_date_column(col)]
    return frame[date_cols].apply(pd.to_datetime)


def _count(fault: str, n: int) -> int:
    share, least = RATES[fault]
    return max(least, int(round(share * n)))


def _pick(rng: np.random.Generator, eligible: np.ndarray, k: int) -> np.ndarray:
    """Up to `k` distinct row positions among the eligible ones, in ascending order."""
    candidates = np.flatnonzero(eligible)
    return np.sort(rng.choice(candidates, size=min(k, candidates.size), replace=False))


def _pick_column(rng: np.random.Generator, allowed: np.ndarray) -> np.ndarray:
    """For each row of a boolean (rows × columns) array, one allowed column index at random."""
    scores = np.where(allowed, rng.random(allowed.shape), -1.0)
    return scores.argmax(axis=1)


def _log(rows: np.ndarray, column: pd.Series | np.ndarray, fault: str, value) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "column": np.asarray(column, dtype=object),
            "fault": fault,
            "value": np.asarray(value, dtype=object),
        }
    )


def _out_of_order(rng, text: pd.DataFrame, dates: pd.DataFrame, taken: np.ndarray):
    """Swap a pair of dates that were strictly in order, so that the pair is now reversed."""
    present = [pair for pair in ORDERED_PAIRS if set(pair) <= set(dates.columns)]
    in_order = np.column_stack(
        [(dates[first] < dates[second]).to_numpy(dtype=bool) for first, second in present]
    )
    rows = _pick(rng, in_order.any(axis=1) & ~taken, _count("out_of_order", len(text)))
    which = _pick_column(rng, in_order[rows])
    text = text.copy()
    later_columns = np.empty(rows.size, dtype=object)
    for j, (first, second) in enumerate(present):
        swap = rows[which == j]
        before = text.loc[swap, first].to_numpy()
        text.loc[swap, first] = text.loc[swap, second].to_numpy()
        text.loc[swap, second] = before
        later_columns[which == j] = second
    values = text.to_numpy(dtype=object)[rows, text.columns.get_indexer(later_columns)]
    return text, _log(rows, later_columns, "out_of_order", values), rows


def _bad_codes(rng, text: pd.DataFrame, dates: pd.DataFrame, taken: np.ndarray):
    """Replace a filled code with one that matches no canonical code."""
    code_cols = [col for col in BAD_CODES if col in text.columns]
    filled = text[code_cols].notna().to_numpy()
    rows = _pick(rng, filled.any(axis=1) & ~taken, _count("bad_code", len(text)))
    which = _pick_column(rng, filled[rows])
    text = text.copy()
    columns = np.asarray(code_cols, dtype=object)[which]
    values = np.empty(rows.size, dtype=object)
    for j, col in enumerate(code_cols):
        hit = which == j
        values[hit] = rng.choice(np.asarray(BAD_CODES[col], dtype=object), size=int(hit.sum()))
        text.loc[rows[hit], col] = values[hit]
    return text, _log(rows, columns, "bad_code", values), rows


def _unparseable_dates(rng, text: pd.DataFrame, dates: pd.DataFrame, taken: np.ndarray):
    """Replace a filled date with text that no date format can read."""
    date_cols = [col for col in dates.columns if col not in _NOT_BLANKED]
    filled = dates[date_cols].notna().to_numpy()
    rows = _pick(rng, filled.any(axis=1) & ~taken, _count("unparseable_date", len(text)))
    which = _pick_column(rng, filled[rows])
    columns = np.asarray(date_cols, dtype=object)[which]
    values = rng.choice(np.asarray(UNPARSEABLE_DATES, dtype=object), size=rows.size)
    text = text.copy()
    for j, col in enumerate(date_cols):
        hit = which == j
        text.loc[rows[hit], col] = values[hit]
    return text, _log(rows, columns, "unparseable_date", values), rows


def _missing_dates(rng, text: pd.DataFrame, dates: pd.DataFrame, taken: np.ndarray):
    """Blank a share of the filled optional dates, on rows that carry no other fault."""
    date_cols = [col for col in dates.columns if col not in _NOT_BLANKED]
    filled = dates[date_cols].notna().to_numpy() & ~taken[:, None]
    share, least = RATES["missing_date"]
    blank = filled & (rng.random(filled.shape) < share)
    if blank.sum() < least and filled.any():
        blank.flat[rng.choice(np.flatnonzero(filled), size=least, replace=False)] = True
    rows, col_index = np.nonzero(blank)
    columns = np.asarray(date_cols, dtype=object)[col_index]
    values = text[date_cols].to_numpy(dtype=object)[rows, col_index]
    text = text.copy()
    for j, col in enumerate(date_cols):
        text.loc[rows[col_index == j], col] = np.nan
    return text, _log(rows, columns, "missing_date", values)


def _duplicate_rows(text: pd.DataFrame, originals: np.ndarray):
    """Repeat each original row just after itself, as a double export would.

    Returns the new frame, where each old position moved to, and the duplicate log.
    """
    n = len(text)
    repeats = np.ones(n, dtype="int64")
    repeats[originals] = 2
    order = np.repeat(np.arange(n), repeats)
    faulty = text.iloc[order].reset_index(drop=True)
    moved = np.cumsum(repeats) - repeats
    copies = moved[originals] + 1
    episode_ids = faulty.loc[copies, c.EPISODE_ID]
    log = _log(copies, np.full(copies.size, c.EPISODE_ID), "duplicate", episode_ids)
    return faulty, moved, log
