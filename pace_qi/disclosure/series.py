"""`protect_series`: a governance chart's monthly percentage series, with small numbers hidden.

A run chart of "% within target" draws one point per month from a numerator (e.g. `n_met`) and
a denominator (e.g. `n_resolved`). For a governance audience the series is first rolled up to
quarters when most months would be hidden (`rollup`), then each hidden count and percentage is
set to NaN, so that the chart draws a gap rather than a point that gives a child away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pace_qi.disclosure.footnote import footnote
from pace_qi.disclosure.guard import check_aggregate_only
from pace_qi.disclosure.primary import hidden_percents, small_counts
from pace_qi.disclosure.rollup import rollup_to_quarters
from pace_qi.disclosure.rounding import percent, round_counts
from pace_qi.disclosure.settings import DisclosureSettings
from pace_qi.disclosure.table import actions_frame

#: Added to a protected series: True where the percentage is hidden (drawn as a gap).
PERCENT_HIDDEN = "percent_hidden"


@dataclass(frozen=True)
class ProtectedSeries:
    """A series ready to draw for a governance audience.

    - `series`: one row per month (or quarter): the period column; the numerator and
      denominator (NaN where hidden, the numerator also where denominator minus numerator is
      small; rounded when rounding is on); the percentage (0 to 100, from the shown counts;
      NaN where hidden or undefined); `percent_hidden`; and, when rolled up, `partial_quarter`.
      Other columns are kept for months and dropped for quarters.
    - `actions`: what was hidden and why (columns as `DisclosureResult.actions`; `row` holds the
      period), plus a `rollup` row when the series was rolled up.
    - `footnote`, `notice`: the standard footnote, and the roll-up sentence (or None).
    - `period_column`: the time column of `series` (`month_column` or `quarter`).
    """

    series: pd.DataFrame
    actions: pd.DataFrame
    footnote: str
    notice: str | None
    period_column: str


def protect_series(
    series: pd.DataFrame,
    numerator: str,
    denominator: str,
    month_column: str = "month",
    percent_column: str | None = None,
    settings: DisclosureSettings | None = None,
    rollup: bool = True,
    unit: str = "children",
) -> ProtectedSeries:
    """Protect a monthly percentage series; see the module docstring.

    The series is first checked to be aggregate (`check_aggregate_only`). `percent_column`
    defaults to `percent_<name>` for a numerator `n_<name>` (`n_met` -> `percent_met`), else
    `percent`. With `rollup=False` the months are kept whatever happens.
    """
    settings = settings or DisclosureSettings()
    check_aggregate_only(series)
    percent_column = percent_column or _percent_name(numerator)
    frame, period, notice = series, month_column, None
    if rollup:
        rolled = rollup_to_quarters(
            series,
            month_column,
            percent_columns={percent_column: (numerator, denominator)},
            settings=settings,
        )
        frame, period, notice = rolled.table, rolled.period_column, rolled.notice

    num = frame[numerator].to_numpy(dtype=float, na_value=np.nan)
    den = frame[denominator].to_numpy(dtype=float, na_value=np.nan)
    num_hidden, den_hidden = small_counts(num, settings), small_counts(den, settings)
    # Shown side by side, the two counts would give their difference (e.g. the children who
    # did not meet the aim): when that is small, the numerator is hidden as well.
    complement_small = small_counts(den - num, settings) & ~num_hidden & ~den_hidden
    num_hidden = num_hidden | complement_small
    percent_hidden, reason = hidden_percents(num, den, num_hidden, den_hidden, settings)
    if settings.round_to is not None:
        num, den = round_counts(num, settings.round_to), round_counts(den, settings.round_to)
    shown_percent = percent(num, den)
    percent_hidden &= ~np.isnan(shown_percent)

    protected = frame.assign(
        **{
            numerator: np.where(num_hidden, np.nan, num),
            denominator: np.where(den_hidden, np.nan, den),
            percent_column: np.where(percent_hidden, np.nan, shown_percent),
            PERCENT_HIDDEN: percent_hidden,
        }
    )
    periods = frame[period].to_numpy(dtype=object)
    small = f"a count from 1 to {settings.largest_hidden}"
    primary = num_hidden & ~complement_small
    actions = [(periods[i], numerator, "primary", small) for i in np.flatnonzero(primary)]
    actions += [
        (periods[i], numerator, "secondary", f"{denominator} minus {numerator} is small")
        for i in np.flatnonzero(complement_small)
    ]
    actions += [(periods[i], denominator, "primary", small) for i in np.flatnonzero(den_hidden)]
    actions += [
        (periods[i], percent_column, "percent", reason[i]) for i in np.flatnonzero(percent_hidden)
    ]
    if notice is not None:
        actions.append((None, period, "rollup", notice))
    note = footnote(settings, unit=unit, rounded=settings.round_to is not None, chart=True)
    return ProtectedSeries(protected, actions_frame(actions), note, notice, period)


def _percent_name(numerator: str) -> str:
    """`n_met` -> `percent_met`; anything else -> `percent`."""
    return f"percent_{numerator[2:]}" if numerator.startswith("n_") else "percent"
