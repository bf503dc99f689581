"""Read aim and measure parameter files, with one clear message per mistake.

A QI lead edits these YAML files by hand, so a mistake must come back as one sentence that names
the file and the key and, where it can, suggests the fix:

    params/aims/aim2.yml: key 'within_weks' is not allowed; did you mean 'within_weeks'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from pace_qi.aims.definitions import Aim, AimLike, CompletionAim, IntervalAim, IntervalMeasure
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

_AIM_ADAPTER: TypeAdapter[IntervalAim | CompletionAim] = TypeAdapter(Aim)
_KINDS: dict[str, type[BaseModel]] = {"interval": IntervalAim, "completion": CompletionAim}

_TYPE_WORDS = TYPE_WORDS


def _read_yaml(path: Path) -> dict[str, Any]:
    return read_yaml(path, "id: aim1")


def _model_at(model: type[BaseModel], path: Iterable[str | int]) -> type[BaseModel] | None:
    """The nested model that a location points into, to suggest the right key names."""
    current: Any = model
    for part in path:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = field.annotation
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One sentence for one pydantic error."""
    loc = [str(p) for p in location(error["loc"])]
    kind = error["type"]
    key = ".".join(loc)
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent is not None else []
        return f"key '{key}' is not allowed{unknown_key_hint(loc[-1], allowed)}"
    if kind == "missing":
        return f"key '{key}' is missing"
    if kind == "value_error":
        message = re.sub(r"^Value error, ", "", error["msg"])
        return f"key '{key}': {message}"
    wanted = wrong_type({**error, "type": kind}) if kind in _TYPE_WORDS else None
    if wanted is not None:
        return f"key '{key}' {wanted}"
    return f"key '{key}': {error['msg']}"


def _most_telling_first(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A misspelt key shows up as 'not allowed' and as 'missing'; report the misspelling."""
    rank = {"extra_forbidden": 0, "missing": 2}
    return sorted(errors, key=lambda e: rank.get(e["type"], 1))


def _explained_by(first: dict[str, Any], other: dict[str, Any], model: type[BaseModel]) -> bool:
    """Is `other` the 'missing' half of the misspelt key that `first` already names?"""
    if first["type"] != "extra_forbidden" or other["type"] != "missing":
        return False
    parent = _model_at(model, [str(p) for p in first["loc"][:-1]])
    if parent is None or tuple(other["loc"][:-1]) != tuple(first["loc"][:-1]):
        return False
    close = difflib.get_close_matches(str(first["loc"][-1]), list(parent.model_fields), n=1)
    return bool(close) and close[0] == str(other["loc"][-1])


def _validate(path: Path, data: dict[str, Any], model: type[BaseModel] | None) -> AimLike:
    """Validate against `model`, or choose the aim kind from `kind` when `model` is None."""
    if model is None:
        kind = data.get("kind")
        if kind not in _KINDS:
            if kind is None:
                raise ParameterFileError(
                    f"{path}: key 'kind' is missing (write 'kind: interval' or 'kind: completion')"
                )
            raise ParameterFileError(
                f"{path}: key 'kind' should be 'interval' or 'completion', not {kind!r}"
            )
        model = _KINDS[kind]
    try:
        return model.model_validate(data)  # type: ignore[return-value]
    except ValidationError as exc:
        errors = _most_telling_first(one_per_place(exc.errors()))
        first = _describe(errors[0], model)
        rest = [e for e in errors[1:] if not _explained_by(errors[0], e, model)]
        more = f" (and {len(rest)} more problem(s) in this file)" if rest else ""
        raise ParameterFileError(f"{path}: {first}{more}") from None


def load_aim(path: str | Path) -> IntervalAim | CompletionAim:
    """Read one aim file (`kind: interval` or `kind: completion`); raise ParameterFileError."""
    path = Path(path)
    return _validate(path, _read_yaml(path), None)  # type: ignore[return-value]


def load_measure(path: str | Path) -> IntervalMeasure:
    """Read one process-measure file: the interval form without a target."""
    path = Path(path)
    data = _read_yaml(path)
    if data.get("kind", "interval") != "interval":
        raise ParameterFileError(
            f"{path}: key 'kind' should be 'interval' for a process measure, not {data['kind']!r}"
        )
    return _validate(path, data, IntervalMeasure)  # type: ignore[return-value]


def _load_folder(folder: str | Path, loader) -> dict[str, Any]:
    files = parameter_files(Path(folder))
    if not files:
        raise ParameterFileError(f"{folder}: no .yml files found")
    return load_by_id(files, loader, "key")


def load_aims(folder: str | Path) -> dict[str, IntervalAim | CompletionAim]:
    """Every aim in a folder, as a dict id -> aim in file-name order (aim1, aim2, ... aim10)."""
    return _load_folder(folder, load_aim)


def load_measures(folder: str | Path) -> dict[str, IntervalMeasure]:
    """Every process measure in a folder, as a dict id -> measure in file-name order."""
    return _load_folder(folder, load_measure)
