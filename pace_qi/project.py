"""`params/project.yml`: who the reports are for and which data they use.

Checked with pydantic before anything runs, so a typo stops the build with one message that
names the file and the key. YAML's typing traps are caught where they matter: an `as_of` or a
data path that YAML turned into a number or a boolean is refused with the fix (quote it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pace_qi.disclosure import DisclosureSettings
from pace_qi.errors import ParameterFileError

DEMO_AS_OF = dt.date(2019, 12, 1)
Audience = Literal["governance", "internal"]
AUDIENCES: tuple[str, ...] = ("governance", "internal")


class ProjectSettings(BaseModel):
    """The project file. Empty `data` means the built-in SYNTHETIC demo data."""

    model_config = ConfigDict(extra="forbid")

    organisation: str = "Moray Council (SYNTHETIC demo)"
    data: str | None = None
    mapping: str | None = None
    as_of: dt.date | None = None
    audiences: list[Audience] = ["governance", "internal"]
    disclosure: DisclosureSettings = DisclosureSettings()
    demo_seed: int = 2019
    cell_timeout_seconds: int = 600

    @field_validator("data", "mapping", "organisation", mode="before")
    @classmethod
    def _text_not_number(cls, value: object) -> object:
        if isinstance(value, bool | int | float):
            raise ValueError(
                f"YAML read this as {type(value).__name__} {value!r}: put it in quotes"
            )
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @property
    def uses_demo(self) -> bool:
        return not self.data

    def effective_as_of(self, override: dt.date | None = None) -> dt.date:
        """--as-of wins; then the file; then 2019-12-01 for the demo, else today."""
        if override is not None:
            return override
        if self.as_of is not None:
            return self.as_of
        return DEMO_AS_OF if self.uses_demo else dt.date.today()


def load_project(path: str | Path) -> ProjectSettings:
    """Read and check params/project.yml; a missing file means all defaults."""
    path = Path(path)
    if not path.is_file():
        return ProjectSettings()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ParameterFileError(f"{path}: not valid YAML ({exc}).") from exc
    try:
        return ProjectSettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ParameterFileError(f"{path}: key '{key}': {first['msg']}.") from exc
