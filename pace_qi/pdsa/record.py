"""What a PDSA cycle record holds: the IHI worksheet as checked data (pydantic models).

Why a model: a QI lead writes these files by hand (`params/pdsa/aim3_cycle2.yml`), so every key
is declared here, a misspelt key is refused rather than ignored, and the loader can name the
file and the field of any mistake. The sections follow the IHI PDSA worksheet: the header
(`id`, `aim`, `cycle`, `title`, `change_idea`, `objective`, `questions`), `predictions`,
`plan`, `do`, `study`, `act`.

Only what a record cannot exist without is required (`id`, `aim`, `cycle`, `title`).
Everything a team fills in as the cycle runs (dates, predictions, observations, the decision)
is optional here, so that a record can be written before the cycle starts; the
weaknesses of an unfinished or badly specified cycle are reported by `pace_qi.pdsa.check`,
as plain-English findings, instead of stopping the build.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The decisions of the Act step; `pending` means the team has not decided yet.
DECISIONS: tuple[str, ...] = ("adopt", "adapt", "abandon", "pending")

Decision = Literal["adopt", "adapt", "abandon", "pending"]


class _Strict(BaseModel):
    """Refuse unknown keys (a typo must not pass silently); records are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Prediction(_Strict):
    """What the team expects to happen, tied to a measure so it can be checked against data.

    `measure` is an aim id (`aim3`) or a process-measure id (`planning_meeting_2wk`).
    `expected_percent` is the percent of children expected to meet the measure;
    `expected_weeks` the expected median weeks from the measure's start to its end event (give
    one, not both). `by`, when given, is the date as at which the prediction is judged (the
    study counts outcomes known by then, or by the data's as-at date if that is earlier).
    """

    measure: str | None = None
    statement: str | None = None
    expected_percent: float | None = Field(default=None, ge=0, le=100)
    expected_weeks: float | None = Field(default=None, gt=0)
    by: dt.date | None = None

    @model_validator(mode="after")
    def _one_expectation(self) -> Prediction:
        if self.expected_percent is not None and self.expected_weeks is not None:
            raise ValueError("give expected_percent or expected_weeks, not both")
        return self


class Plan(_Strict):
    """Who does what, where and when, and how the data are collected."""

    who: str | None = None
    what: str | None = None
    where: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    data_collection: str | None = None


class Do(_Strict):
    """What was observed while the test ran, and what went wrong (filled in as it runs)."""

    observations: str | None = None
    problems: str | None = None


class Study(_Strict):
    """The team's own account of the results; when empty the report drafts one from the data."""

    narrative: str | None = None


class Act(_Strict):
    """The decision at the end of the cycle and what comes next."""

    decision: Decision | None = None
    next_steps: str | None = None
    next_cycle: str | None = None


class Cycle(_Strict):
    """One PDSA cycle: a small test of one change idea, number `cycle` in its aim's ramp."""

    id: str = Field(min_length=1)
    aim: str = Field(min_length=1)
    cycle: int = Field(ge=1)
    title: str = Field(min_length=1)
    change_idea: str = ""
    objective: str = ""
    questions: list[str] = Field(default_factory=list)
    predictions: list[Prediction] = Field(default_factory=list)
    plan: Plan = Field(default_factory=Plan)
    do: Do = Field(default_factory=Do)
    study: Study = Field(default_factory=Study)
    act: Act = Field(default_factory=Act)

    @property
    def decided(self) -> bool:
        """True once the team has recorded adopt, adapt or abandon."""
        return self.act.decision not in (None, "pending")

    @property
    def label(self) -> str:
        """'PDSA 2: <title>', the text used on charts and in lists."""
        return f"PDSA {self.cycle}: {self.title}"
