"""Reading pace-qi's own YAML parameter files (aims, measures, PDSA cycles) for pydantic.

One reader and one vocabulary for "what was expected", so that every parameter file fails
the same way: one message naming the file, with the YAML line where the text is malformed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pace_qi.errors import ParameterFileError

#: pydantic error types, in the words a QI lead would use for what the key needs.
TYPE_WORDS: dict[str, str] = {
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD",
    "date_type": "a date written YYYY-MM-DD",
    "dict_type": "a mapping of keys to values",
    "model_type": "a section of keys and values",
    "model_attributes_type": "a section of keys and values",
    "list_type": "a list",
    "tuple_type": "a list",
}


def read_yaml(path: Path, example: str) -> dict[str, Any]:
    """The file's top-level mapping; `example` shows a first line, e.g. "id: aim1"."""
    if not path.is_file():
        raise ParameterFileError(f"{path}: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ParameterFileError(f"{path}: not valid YAML{where}: {exc}") from exc
    if not isinstance(data, dict):
        raise ParameterFileError(f"{path}: expected keys and values (e.g. '{example}')")
    return data
