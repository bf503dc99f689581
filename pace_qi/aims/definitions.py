"""What an aim or a process measure says, as checked data (pydantic models).

An aim lives in a parameter file (`params/aims/aim2.yml`) so that a local authority can add or
edit one without touching code. These models are the single place that says which keys a file
may hold, what type each one has and which columns it may name; `pace_qi.aims.loading` turns
their validation errors into one message that names the file and the key.

Two kinds, told apart by `kind`:

- `interval`: the time from a `start` date to an `end` date for every child in a cohort, met when
  it is at most `within_weeks` weeks (Aims 2-4 and the process measures);
- `completion`: children who have been in a state (e.g. looked after at home on a supervision
  order) for `eligible_after_weeks` weeks must have an `event` (e.g. a routine audit) by a due
  date (Aim 1).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pace_qi import columns as col

#: Columns whose dates end an episode's clock early ("exits") in an interval aim, by default.
DEFAULT_EXIT_COLUMNS: tuple[str, ...] = (col.LOOKED_AFTER_END, col.PLAN_CHANGED)
#: Columns whose dates end the state of a completion aim, by default.
DEFAULT_STATE_END_COLUMNS: tuple[str, ...] = (col.LOOKED_AFTER_END, col.ACCOMMODATED)


def known_column(name: str) -> bool:
    """A column an aim may name: a canonical column or any extra `*_date` column."""
    return name in col.CANONICAL_COLUMNS or name.endswith("_date")


def _unknown_column_message(name: str, *, must_be_date: bool) -> str:
    pool = list(col.CANONICAL_COLUMNS)
    close = difflib.get_close_matches(name, pool, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    what = "a date column (a canonical date or a name ending in _date)" if must_be_date else (
        "a canonical column (see pace_qi.columns) or a name ending in _date"
    )
    return f"unknown column '{name}': expected {what}{hint}"


def check_date_column(name: str) -> str:
    """Accept a date column; reject anything else with a message that suggests a fix."""
    if not col.is_date_column(name):
        raise ValueError(_unknown_column_message(name, must_be_date=True))
    return name


class _Strict(BaseModel):
    """Every parameter model refuses keys it does not know (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Cohort(_Strict):
    """Who is counted: episodes whose clock starts on or after a date and that pass `where`.

    `where` maps a column to one allowed value or a list of them, e.g.
    `permanence_route: [permanence_order, permanence_order_authority_to_adopt]`.
    """

    start_on_or_after: dt.date
    where: dict[str, str | list[str]] = Field(default_factory=dict)

    @field_validator("where")
    @classmethod
    def _known_columns_and_codes(cls, where: dict[str, str | list[str]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in where.items():
            if not known_column(name):
                raise ValueError(_unknown_column_message(name, must_be_date=False))
            values = [value] if isinstance(value, str) else list(value)
            allowed = col.CODES.get(name)
            if allowed is not None:
                for code in values:
                    if code not in allowed:
                        close = difflib.get_close_matches(code, allowed, n=1)
                        hint = f"; did you mean '{close[0]}'?" if close else ""
                        raise ValueError(
                            f"'{code}' is not a code of {name} "
                            f"(allowed: {', '.join(allowed)}){hint}"
                        )
            out[name] = values
        return out


class Target(_Strict):
    """The aim's target: `percent` of the cohort met by the date `by`."""

    percent: float = Field(ge=0, le=100)
    by: dt.date


class _Common(_Strict):
    """Keys shared by every aim and measure."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    title: str | None = None
    statement: str | None = None
    improvement: Literal["increase", "decrease"] = "increase"


class IntervalMeasure(_Common):
    """Time from `start` to `end`, met when at most `within_weeks` weeks (no target).

    The process measures (`params/measures/*.yml`) use this form; an aim adds a `target`.
    """

    kind: Literal["interval"] = "interval"
    start: str
    end: str
    within_weeks: float = Field(gt=0)
    guidance_weeks: float | None = Field(default=None, gt=0)
    reminder_weeks: float | None = Field(default=None, gt=0)
    exits: tuple[str, ...] = DEFAULT_EXIT_COLUMNS
    cohort: Cohort

    @field_validator("start", "end")
    @classmethod
    def _check_clock_columns(cls, name: str) -> str:
        return check_date_column(name)

    @field_validator("exits")
    @classmethod
    def _check_exits(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_date_column(n) for n in names)

    @model_validator(mode="after")
    def _start_differs_from_end(self) -> IntervalMeasure:
        if self.start == self.end:
            raise ValueError(f"start and end are both '{self.start}'; they must differ")
        return self

    @property
    def used_columns(self) -> tuple[str, ...]:
        """Every column the evaluation reads (a validation error in any of them drops the row)."""
        return (self.start, self.end, *self.exits, *self.cohort.where)


class IntervalAim(IntervalMeasure):
    """An interval aim: an interval measure with a target (Aims 2-4)."""

    target: Target


class CompletionAim(_Common):
    """Children `eligible_after_weeks` into a state that starts at `start` must have `event`.

    Due date: the target's `by` date for children eligible by then, otherwise eligibility plus
    `grace_weeks`. The state ends at the first of `state_ends` after it starts.
    """

    kind: Literal["completion"]
    start: str
    eligible_after_weeks: float = Field(ge=0)
    event: str
    grace_weeks: float = Field(ge=0)
    state_ends: tuple[str, ...] = DEFAULT_STATE_END_COLUMNS
    cohort: Cohort
    target: Target

    @field_validator("start", "event")
    @classmethod
    def _check_state_and_event(cls, name: str) -> str:
        return check_date_column(name)

    @field_validator("state_ends")
    @classmethod
    def _check_state_ends(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_date_column(n) for n in names)

    @property
    def used_columns(self) -> tuple[str, ...]:
        return (self.start, self.event, *self.state_ends, *self.cohort.where)


#: An aim file holds one of the two kinds, chosen by its `kind` key.
Aim = Annotated[IntervalAim | CompletionAim, Field(discriminator="kind")]
#: Anything `evaluate` accepts.
AimLike = IntervalAim | IntervalMeasure | CompletionAim
