"""The mapping file: how a local authority's extract translates into the canonical contract.

A mapping is YAML, for example `params/data.yml`::

    columns:                 # your column name: canonical name
      Child ID: child_id
      Date accommodated: accommodated_date
    codes:                   # per canonical column, your code: canonical code
      permanence_route:
        Adoption: adoption
        PO: permanence_order
    date_format: "%d/%m/%Y"  # how your dates are written (UK day-first is the default)
    sheet: 0                 # Excel only: sheet name or position
    encoding: utf-8          # CSV only

Column names and codes are matched ignoring case, spaces and punctuation, so "Child ID",
"child id" and "CHILD_ID" all mean `child_id` without any mapping at all. The mapping is only
needed where a name or code differs in substance.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pace_qi.errors import InputFileError

DEFAULT_DATE_FORMAT = "%d/%m/%Y"


def snake(name: object) -> str:
    """Normalise a header or code so that 'Child ID', 'child-id' and 'CHILD_ID' compare equal."""
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_")


class Mapping(BaseModel):
    """What a mapping file may say. Every key is optional; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] = {}
    codes: dict[str, dict[str, str]] = {}
    date_format: str = DEFAULT_DATE_FORMAT
    sheet: str | int = 0
    encoding: str = "utf-8-sig"

    @field_validator("sheet", mode="before")
    @classmethod
    def _sheet_position(cls, value: object) -> object:
        """The file is read as text, so a sheet position arrives as '0': make it a number."""
        return int(value) if isinstance(value, str) and value.isdigit() else value

    def column_lookup(self) -> dict[str, str]:
        """Normalised user column name → canonical column name."""
        return {snake(k): snake(v) for k, v in self.columns.items()}

    def code_lookup(self, column: str) -> dict[str, str]:
        """Normalised user code → canonical code, for one canonical column."""
        return {snake(k): snake(v) for k, v in self.codes.get(column, {}).items()}


def read_mapping(path: str | Path | None) -> Mapping:
    """Read and check a mapping file; `None` means no mapping (names already canonical)."""
    if path is None:
        return Mapping()
    path = Path(path)
    if not path.is_file():
        raise InputFileError(
            f"{path}: mapping file not found. Check the path, or leave out --mapping if your "
            "columns already use pace-qi's names."
        )
    try:
        # BaseLoader keeps every value as the text written: YAML 1.1 would read the code 012
        # as the number 10 and NO as false, and a mapping of codes must see them as written.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: not valid YAML ({exc}). Fix the file's layout.") from exc
    if not isinstance(raw, dict):
        raise InputFileError(f"{path}: expected keys such as 'columns:' and 'codes:' at the top.")
    try:
        return Mapping.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise InputFileError(
            f"{path}: key '{key}': {first['msg']}. Allowed keys: columns, codes, date_format, "
            "sheet, encoding."
        ) from exc
