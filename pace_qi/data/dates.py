"""Parsing date text into dates, vectorised, with UK day-first as the default.

ISO dates (2019-02-01) always work, whatever the configured format, because that is what
Excel date cells and most systems export. Anything else must match the configured format
(default DD/MM/YYYY); common UK separators (-, .) are accepted too when the default is in use.
"""

from __future__ import annotations

import pandas as pd

from pace_qi.data.mapping import DEFAULT_DATE_FORMAT

UK_VARIANTS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


def parse_dates(text: pd.Series, date_format: str = DEFAULT_DATE_FORMAT) -> pd.Series:
    """Dates from text; unparseable or blank values are NaT (compare with `text` to tell apart)."""
    stripped = text.astype("string").str.strip()
    result = pd.to_datetime(
        stripped.where(stripped.str.match(r"^\d{4}-\d{2}-\d{2}", na=False)).str.slice(0, 10),
        format="%Y-%m-%d",
        errors="coerce",
    )
    formats = UK_VARIANTS if date_format == DEFAULT_DATE_FORMAT else (date_format,)
    for fmt in formats:
        todo = result.isna() & stripped.notna()
        if not todo.any():
            break
        parsed = pd.to_datetime(stripped.where(todo), format=fmt, errors="coerce")
        result = result.fillna(parsed)
    return result.astype("datetime64[ns]").dt.normalize()
