"""Loading a data extract: read, map, validate.

`load(path, mapping=None, as_of=None) -> LoadResult` is the one front door. Whole-file problems
raise `InputFileError` (one plain message, exit status 2); row problems are listed in
`LoadResult.problems` and never stop the load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pace_qi import columns as col
from pace_qi.data.events import is_long_form, pivot_events
from pace_qi.data.mapping import Mapping, read_mapping, snake
from pace_qi.data.reading import file_sha256, read_raw
from pace_qi.data.validation import PROBLEM_COLUMNS, validate
from pace_qi.errors import InputFileError

__all__ = ["LoadResult", "load", "read_mapping", "Mapping", "as_timestamp", "PROBLEM_COLUMNS"]


@dataclass
class LoadResult:
    """What came out of an extract: the usable journeys and every problem found on the way."""

    journeys: pd.DataFrame
    problems: pd.DataFrame
    path: Path
    sha256: str
    as_of: pd.Timestamp
    rows_read: int
    ignored_columns: list[str] = field(default_factory=list)
    long_form: bool = False

    @property
    def rows_with_errors(self) -> int:
        return int(self.problems.loc[self.problems["severity"] == "error", "source_row"].nunique())

    @property
    def rows_with_warnings(self) -> int:
        warnings = self.problems["severity"] == "warning"
        return int(self.problems.loc[warnings, "source_row"].nunique())

    @property
    def rows_excluded(self) -> int:
        """Rows read but not in the journeys (identity errors)."""
        return self.rows_read - len(self.journeys) if not self.long_form else 0


def as_timestamp(value: dt.date | str | pd.Timestamp | None) -> pd.Timestamp:
    """The as-at date as a midnight Timestamp; None means today."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return pd.Timestamp.today().normalize()
    return pd.Timestamp(value).normalize()


def load(
    path: str | Path,
    mapping: str | Path | Mapping | None = None,
    as_of: dt.date | str | pd.Timestamp | None = None,
) -> LoadResult:
    """Read, map and validate an extract (CSV or .xlsx); see `pace_qi.columns` for the result."""
    path = Path(path)
    rules = mapping if isinstance(mapping, Mapping) else read_mapping(mapping)
    when = as_timestamp(as_of)
    raw = read_raw(path, rules)
    raw = raw.apply(lambda c: c.str.strip().replace("", pd.NA) if c.dtype != "int64" else c)
    text, names, ignored = _canonical_names(raw, rules, path)
    long_form = is_long_form(text)
    repeats = None
    if long_form:
        text, repeats = pivot_events(text, rules)
    journeys, problems = validate(text, rules, when, names)
    if repeats is not None and not repeats.empty:
        problems = pd.concat([problems, repeats], ignore_index=True)
    return LoadResult(
        journeys=journeys,
        problems=problems,
        path=path,
        sha256=file_sha256(path),
        as_of=when,
        rows_read=len(raw),
        ignored_columns=ignored,
        long_form=long_form,
    )


def _canonical_names(
    raw: pd.DataFrame, rules: Mapping, path: Path
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Rename the user's columns to canonical ones; keep the user's names for messages."""
    lookup = rules.column_lookup()
    names: dict[str, str] = {}
    renamed: dict[str, str] = {}
    ignored: list[str] = []
    allowed = set(col.CANONICAL_COLUMNS) | {"event", "date"}
    for original in raw.columns:
        if original == "__source_row":
            continue
        key = snake(original)
        canonical = lookup.get(key, key)
        if canonical in allowed or col.is_date_column(canonical):
            if canonical in names:
                raise InputFileError(
                    f"{path}: the columns '{names[canonical]}' and '{original}' both mean "
                    f"'{canonical}'. Keep one of them, or fix the mapping file."
                )
            names[canonical] = str(original)
            renamed[original] = canonical
        else:
            ignored.append(str(original))
    if col.CHILD_ID not in names:
        found = ", ".join(str(c) for c in raw.columns if c != "__source_row")
        raise InputFileError(
            f"{path}: the required column 'child_id' is missing (columns found: {found}). "
            "Name the column child_id, or map your column to it in a mapping file "
            "(columns: {Your name: child_id})."
        )
    text = raw[list(renamed)].rename(columns=renamed)
    text.insert(0, col.SOURCE_ROW, raw["__source_row"].astype("int64"))
    return text, names, ignored
