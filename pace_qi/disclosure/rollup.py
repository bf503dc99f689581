"""Rolling monthly numbers up to quarters when most of them would be hidden.

A monthly chart in which most points are `c` tells a committee nothing; three months together
usually pass the threshold. The decision is taken on the monthly numbers *before* anything is
hidden: when more than `rollup_share` of the monthly cells that hold something (non-zero counts,
and percentages with a non-zero denominator) would be hidden, the table is summed by calendar
quarter (January, April, July and October starts, which are also the quarters of the April to
March financial year) and percentages are recomputed from the summed counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pace_qi.disclosure.primary import hidden_percents, small_counts
from pace_qi.disclosure.rounding import percent
from pace_qi.disclosure.settings import DisclosureSettings

#: The column that holds the first day of each quarter in a rolled-up table.
QUARTER = "quarter"
#: True for a quarter with fewer than three months in the data (e.g. the latest one).
PARTIAL_QUARTER = "partial_quarter"

ROLLUP_NOTICE = "Shown by quarter because most monthly numbers were too small to show."


@dataclass(frozen=True)
class RollupResult:
    """The table to show and whether it was rolled up.

    - `table`: the monthly table unchanged, or one row per quarter (and `by` group) with the
      columns `quarter` (first day of the quarter), the `by` columns, the summed counts, the
      recomputed percentages (0 to 100) and `partial_quarter`.
    - `rolled_up`, `notice`: the sentence to print with the chart (None when not rolled up).
    - `period_column`: the name of the time column of `table` (`month_column` or `quarter`).
    - `hidden_share`: the share of monthly cells that would have been hidden.
    """

    table: pd.DataFrame
    rolled_up: bool
    notice: str | None
    period_column: str
    hidden_share: float


def rollup_to_quarters(
    monthly: pd.DataFrame,
    month_column: str = "month",
    count_columns: Sequence[str] = (),
    percent_columns: Mapping[str, tuple[str, str]] | None = None,
    by: Sequence[str] = (),
    settings: DisclosureSettings | None = None,
) -> RollupResult:
    """Sum `count_columns` by quarter when more than `rollup_share` of monthly cells would hide.

    `month_column` holds the months (datetimes or monthly periods); `percent_columns` maps each
    percentage to its (numerator, denominator) counts; `by` are grouping columns kept as they
    are (e.g. `team`). Other columns cannot be summed and are dropped from a quarterly table.
    """
    settings = settings or DisclosureSettings()
    percents = dict(percent_columns or {})
    counts = list(dict.fromkeys([*count_columns, *(c for p in percents.values() for c in p)]))
    share = hidden_share(monthly, counts, percents, settings)
    if share <= settings.rollup_share:
        return RollupResult(monthly, False, None, month_column, share)

    months = _as_month_starts(monthly[month_column])
    frame = monthly[[*by, *counts]].assign(
        **{QUARTER: months.dt.to_period("Q").dt.start_time, "_month": months}
    )
    keys = [QUARTER, *by]
    quarterly = frame.groupby(keys, sort=True, dropna=False)
    table = quarterly[counts].sum(min_count=1).reset_index()
    table[PARTIAL_QUARTER] = quarterly["_month"].nunique().to_numpy() < 3
    for column, (numerator, denominator) in percents.items():
        table[column] = percent(
            table[numerator].to_numpy(dtype=float, na_value=np.nan),
            table[denominator].to_numpy(dtype=float, na_value=np.nan),
        )
    table = table[[*keys, *counts, *percents, PARTIAL_QUARTER]]
    return RollupResult(table, True, _notice(table), QUARTER, share)


def hidden_share(
    monthly: pd.DataFrame,
    counts: Sequence[str],
    percents: Mapping[str, tuple[str, str]],
    settings: DisclosureSettings,
) -> float:
    """The share of cells holding something that primary suppression would hide (0 if none)."""
    values = monthly[list(counts)].to_numpy(dtype=float, na_value=np.nan)
    hidden = int(small_counts(values, settings).sum())
    cells = int(np.nansum(values > 0))
    for numerator, denominator in percents.values():
        num = monthly[numerator].to_numpy(dtype=float, na_value=np.nan)
        den = monthly[denominator].to_numpy(dtype=float, na_value=np.nan)
        is_hidden, _ = hidden_percents(
            num, den, small_counts(num, settings), small_counts(den, settings), settings
        )
        defined = np.nan_to_num(den, nan=0.0) > 0
        cells += int(defined.sum())
        hidden += int((is_hidden & defined).sum())
    return hidden / cells if cells else 0.0


def _as_month_starts(months: pd.Series) -> pd.Series:
    """Months as timestamps of their first day, from datetimes or monthly periods."""
    if isinstance(months.dtype, pd.PeriodDtype):
        return months.dt.to_timestamp()
    return pd.to_datetime(months).dt.to_period("M").dt.start_time


def _notice(table: pd.DataFrame) -> str:
    """The roll-up sentence, naming any quarter that holds fewer than three months."""
    partial = table.loc[table[PARTIAL_QUARTER], QUARTER].drop_duplicates()
    if partial.empty:
        return ROLLUP_NOTICE
    starts = ", ".join(partial.dt.strftime("%b %Y"))
    return (
        f"{ROLLUP_NOTICE} Some quarters hold fewer than three months of data "
        f"(the quarter starting {starts})."
    )
