"""Reading an extract from disk into a frame of text, with whole-file problems made plain.

Every cell is read as text (Excel date cells become ISO text), so that a problem can quote the
value exactly as the user typed it. Nothing is parsed here; `validation` does that.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from pace_qi.data.mapping import Mapping, snake
from pace_qi.errors import InputFileError

SUFFIXES = (".csv", ".xlsx")


def file_sha256(path: str | Path) -> str:
    """The extract's fingerprint, printed on every report so a reader knows which data it used."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_raw(path: str | Path, mapping: Mapping) -> pd.DataFrame:
    """Read the file with its first row as the header and every cell as text (or NA)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"{path}: file not found. Check the path and the file name.")
    if not path.is_file():
        raise InputFileError(f"{path}: is a folder, not a file. Give the extract's file name.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError(
            f"{path}: pace-qi reads .csv and .xlsx files, not '{suffix or 'no extension'}'. "
            "Save the extract as CSV UTF-8 or as an Excel workbook (.xlsx)."
        )
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty. Export the extract again.")
    grid = _read_csv(path, mapping) if suffix == ".csv" else _read_xlsx(path, mapping)
    return _with_header(grid, path)


def _read_csv(path: Path, mapping: Mapping) -> pd.DataFrame:
    try:
        return pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding=mapping.encoding,
            skip_blank_lines=False,
        )
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path}: the text is not {mapping.encoding} (byte {exc.start} cannot be read). "
            "In Excel use 'Save As > CSV UTF-8', or set 'encoding:' in the mapping file "
            "(for example cp1252)."
        ) from exc
    except pd.errors.EmptyDataError as exc:
        raise InputFileError(f"{path}: the file has no rows. Export the extract again.") from exc
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputFileError(
            f"{path}: not a readable CSV file ({exc}). Check that every row has the same "
            "number of commas, or save it again from Excel as CSV UTF-8."
        ) from exc


def _read_xlsx(path: Path, mapping: Mapping) -> pd.DataFrame:
    try:
        grid = pd.read_excel(path, header=None, dtype=object, sheet_name=mapping.sheet)
    except ValueError as exc:
        raise InputFileError(
            f"{path}: cannot read the sheet '{mapping.sheet}' ({exc}). Set 'sheet:' in the "
            "mapping file to the sheet's name."
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds for a corrupt or non-Excel file
        raise InputFileError(
            f"{path}: not a readable Excel workbook ({type(exc).__name__}). Open it in Excel "
            "and save it again as .xlsx."
        ) from exc
    return grid.apply(_excel_cells_as_text)


def _excel_cells_as_text(column: pd.Series) -> pd.Series:
    """Excel date cells become ISO text; numbers lose a spurious '.0'; blanks stay NA."""
    as_date = column.map(lambda v: v.date().isoformat() if isinstance(v, dt.datetime) else None)
    whole = column.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else None)
    text = column.astype("string")
    return as_date.fillna(whole).fillna(text).astype("string")


def _with_header(grid: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Take row 1 as the header; refuse files with no header or repeated column names."""
    grid = grid.dropna(how="all")
    if grid.empty:
        raise InputFileError(f"{path}: the file has no rows. Export the extract again.")
    header = grid.iloc[0].astype("string").fillna("").str.strip()
    if not header.str.contains(r"[A-Za-z]", regex=True).any():
        raise InputFileError(
            f"{path}: the first row is not a header (no column names found). Add a first row "
            "with column names such as child_id, accommodated_date."
        )
    names = [snake(h) for h in header]
    seen: dict[str, str] = {}
    for original, name in zip(header, names, strict=True):
        if name and name in seen:
            raise InputFileError(
                f"{path}: the column name '{original}' appears twice (also as '{seen[name]}'). "
                "Rename or delete one of them."
            )
        seen[name] = original
    body = grid.iloc[1:].copy()
    body.columns = list(header)
    body = body.loc[:, [bool(h) for h in header]]
    # The row as the user sees it in their spreadsheet: the header is row 1.
    body.insert(0, "__source_row", body.index.to_numpy() + 1)
    if body.empty:
        raise InputFileError(f"{path}: the file has a header but no data rows.")
    return body.reset_index(drop=True)
