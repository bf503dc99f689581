"""Read PDSA cycle files (`params/pdsa/*.yml`), with one clear sentence per mistake.

A mistake comes back as a `ParameterFileError` that names the file and the field, e.g.

    params/pdsa/aim3_cycle3.yml: field 'plan.start' should be a date written YYYY-MM-DD, not 'soon'

List positions are counted from 1 as a reader counts them: `predictions[1].measure` is the
first prediction's measure.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pace_qi.errors import ParameterFileError
from pace_qi.parameter_files import (
    TYPE_WORDS,
    load_by_id,
    location,
    one_per_place,
    parameter_files,
    read_yaml,
    unknown_key_hint,
    wrong_type,
)
from pace_qi.pdsa.record import Cycle

_TYPE_WORDS = {**TYPE_WORDS, "literal_error": "one of adopt, adapt, abandon, pending"}


def _read_yaml(path: Path) -> dict[str, Any]:
    return read_yaml(path, "id: aim3_cycle1")


def _field_name(loc: tuple[Any, ...]) -> str:
    """('predictions', 0, 'measure') -> 'predictions[1].measure' (positions from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _section_model(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the last key of `loc`, to suggest the right spelling."""
    current: Any = Cycle
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = (annotation, *args)
        models = [a for a in candidates if isinstance(a, type) and issubclass(a, BaseModel)]
        if not models:
            return None
        current = models[0]
    return current


def _describe(error: dict[str, Any]) -> str:
    """One sentence for one pydantic error."""
    loc = location(tuple(error["loc"]))
    name = _field_name(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _section_model(loc)
        allowed = list(model.model_fields) if model is not None else []
        return f"field '{name}' is not allowed{unknown_key_hint(str(loc[-1]), allowed)}"
    if kind == "missing":
        return f"field '{name}' is missing"
    if kind == "value_error":
        message = re.sub(r"^Value error, ", "", error["msg"])
        return f"field '{name}': {message}" if name else message
    if kind == "literal_error":
        return f"field '{name}' should be {_TYPE_WORDS[kind]}, not {error.get('input')!r}"
    wanted = wrong_type(error)
    if wanted is not None:
        return f"field '{name}' {wanted}"
    return f"field '{name}': {error['msg']}"


def _first_error(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """A misspelt key is both 'not allowed' and 'missing'; name the misspelling first."""
    rank = {"extra_forbidden": 0, "missing": 2}
    return sorted(errors, key=lambda e: rank.get(e["type"], 1))[0]


def load_cycle(path: str | Path) -> Cycle:
    """Read one cycle file; raise `ParameterFileError` naming the file and the field."""
    path = Path(path)
    data = _read_yaml(path)
    try:
        return Cycle.model_validate(data)
    except ValidationError as exc:
        errors = one_per_place(exc.errors())
        first = _describe(_first_error(errors))
        more = f" (and {len(errors) - 1} more problem(s) in this file)" if len(errors) > 1 else ""
        raise ParameterFileError(f"{path}: {first}{more}") from None


def cycle_files(folder: str | Path) -> list[Path]:
    """The .yml/.yaml files of a PDSA folder in natural file-name order."""
    return parameter_files(Path(folder))


def load_cycles(folder: str | Path) -> dict[str, Cycle]:
    """Every cycle in a folder, id -> cycle, in file-name order (an empty folder gives {}).

    A team starts with no cycles, so an empty folder is not an error; a missing folder is,
    and so is an id used by two files.
    """
    return load_by_id(cycle_files(folder), load_cycle, "field")
