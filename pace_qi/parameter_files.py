"""Reading pace-qi's own YAML parameter files (aims, measures, PDSA cycles) for pydantic.

One reader and one vocabulary for "what was expected", so that every parameter file fails
the same way: one message naming the file, with the YAML line where the text is malformed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
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


_UNION_TAG = re.compile(r"^(str|int|float|bool|date|list\[.*\]|dict\[.*\]|tuple\[.*\])$")


def location(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's error location without the type tags it adds inside unions ('str')."""
    return tuple(p for p in loc if not (isinstance(p, str) and _UNION_TAG.match(p)))


def unknown_key_hint(name: str, allowed: list[str]) -> str:
    """"; did you mean 'within_weeks'?" for a near miss, else the keys allowed there."""
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (allowed: {', '.join(allowed)})" if allowed else ""


def wrong_type(error: dict[str, Any]) -> str | None:
    """'should be text, not 10 (…put it in quotes)', or None for other kinds of error.

    YAML 1.1 reads an unquoted 012 as the number 10 and NO as false; where text was wanted,
    say so, since the file on screen still shows 012.
    """
    wanted = TYPE_WORDS.get(error["type"])
    if wanted is None:
        return None
    value = error.get("input")
    text = f"should be {wanted}, not {value!r}"
    if wanted == "text" and isinstance(value, bool | int | float):
        text += (" (YAML reads unquoted values such as 012 or NO as numbers or true/false: "
                 "put the value in quotes, e.g. '012')")
    return text


def one_per_place(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One error per key: a value that fits no member of a union fails once per member."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for error in errors:
        place = location(tuple(error["loc"]))
        if place not in seen:
            seen.add(place)
            kept.append(error)
    return kept


def parameter_files(folder: Path) -> list[Path]:
    """A folder's .yml/.yaml files in natural order (aim2.yml before aim10.yml)."""
    if not folder.is_dir():
        raise ParameterFileError(f"{folder}: folder not found")

    def natural(path: Path) -> list[Any]:
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]

    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")], key=natural)


def load_by_id(files: list[Path], loader: Callable[[Path], Any], word: str) -> dict[str, Any]:
    """id -> record, in file order; an id used by two files names both (`word`: key or field)."""
    loaded: dict[str, Any] = {}
    seen_in: dict[str, Path] = {}
    for path in files:
        item = loader(path)
        if item.id in loaded:
            raise ParameterFileError(
                f"{path}: {word} 'id' is '{item.id}', already used by {seen_in[item.id]}"
            )
        loaded[item.id] = item
        seen_in[item.id] = path
    return loaded
