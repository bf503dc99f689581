"""From long-form rows to one row per subgroup, as qicharts2 aggregates them.

Rows sharing an x value form one subgroup. With a denominator `n`, y is Σy / Σn (rows where
either is missing are dropped from both sums first); without one, y is the subgroup mean
(the sum for c charts). The subgroup mean, standard deviation and size are kept for xbar and
s charts. Rows with a missing x are dropped; a subgroup whose y values are all missing keeps
its place on the x axis with a missing y (a gap in the line).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np
import pandas as pd

#: Columns of the frame returned by `aggregate`.
SUBGROUP_COLUMNS = ("x", "y", "n", "y_sum", "y_length", "y_mean", "y_sd", "notes", "label")


def x_is_categorical(x: pd.Series) -> bool:
    """True when x is not numeric or datetime: subgroups are categories, not a time order."""
    return not (pd.api.types.is_numeric_dtype(x) or pd.api.types.is_datetime64_any_dtype(x))


def aggregate(
    data: pd.DataFrame,
    x: str,
    y: str,
    n: str | None = None,
    chart: str = "run",
    notes: str | Mapping[Hashable, str] | None = None,
    label: str | None = None,
) -> pd.DataFrame:
    """One row per subgroup with columns `SUBGROUP_COLUMNS`, ordered by x (or first appearance
    for a categorical x). `label` names a column whose first value per subgroup is kept (used
    for part labels)."""
    rows = pd.DataFrame(
        {
            "x": data[x],
            "y": pd.to_numeric(data[y], errors="coerce").astype(float),
            "n": pd.to_numeric(data[n], errors="coerce").astype(float) if n else np.nan,
        },
        index=data.index,
    )
    rows["notes"] = _row_notes(data, x, notes)
    rows["label"] = data[label] if label else np.nan
    if n:
        incomplete = rows["y"].isna() | rows["n"].isna()
        rows.loc[incomplete, ["y", "n"]] = np.nan
    rows = rows[rows["x"].notna()]

    categorical = x_is_categorical(rows["x"])
    grouped = rows.groupby("x", sort=not categorical, observed=True, dropna=True)
    out = pd.DataFrame(
        {
            "y_sum": grouped["y"].sum(min_count=1),
            "y_length": grouped["y"].count(),
            "y_mean": grouped["y"].mean(),
            "y_sd": grouped["y"].std(ddof=1),
            "n": grouped["n"].sum(min_count=1) if n else np.nan,
            "notes": grouped["notes"].agg(_join_notes),
            "label": grouped["label"].first(),
        }
    )
    if n:
        y_value = out["y_sum"] / out["n"].where(out["n"] != 0)
    elif chart == "c":
        y_value = out["y_sum"]
    else:
        y_value = out["y_mean"]
    out["y"] = y_value.astype(float)
    out = out.reset_index()
    if isinstance(out["x"].dtype, pd.CategoricalDtype) and not isinstance(
        data[x].dtype, pd.CategoricalDtype
    ):
        out["x"] = out["x"].astype(data[x].dtype)
    return out.loc[:, list(SUBGROUP_COLUMNS)]


def _row_notes(data: pd.DataFrame, x: str, notes: str | Mapping[Hashable, str] | None) -> pd.Series:
    """Per-row note text from a column name or a mapping of x value to note."""
    if notes is None:
        return pd.Series(pd.NA, index=data.index, dtype="str")
    if isinstance(notes, str):
        return data[notes].astype("str")
    return data[x].map(dict(notes)).astype("str")


def _join_notes(values: pd.Series) -> str | None:
    """Unique, non-empty notes of one subgroup joined with ' | ' (None when there are none)."""
    kept = [v for v in pd.unique(values.dropna()) if str(v).strip() and str(v) != "NA"]
    return " | ".join(str(v) for v in kept) if kept else None
