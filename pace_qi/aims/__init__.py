"""The aims engine: aim definitions (parameter files), per-child status and summaries.

Data flow: `load_aims(folder)` -> `evaluate(journeys, aim, as_of)` -> `summarise(evaluated,
aim)`; chart series are in `pace_qi.measures`. Rows left out of an aim are listed by
`excluded(journeys, aim)`. The exact counting rules are in `pace_qi.aims.interval`,
`pace_qi.aims.completion` and `docs/aims.md`.
"""

from pace_qi.aims.definitions import (
    Aim,
    AimLike,
    Cohort,
    CompletionAim,
    IntervalAim,
    IntervalMeasure,
    Target,
)
from pace_qi.aims.evaluation import STATUSES, evaluate, normalise_as_of
from pace_qi.aims.loading import load_aim, load_aims, load_measure, load_measures
from pace_qi.aims.rows import excluded
from pace_qi.aims.summary import summarise

__all__ = [
    "STATUSES",
    "Aim",
    "AimLike",
    "Cohort",
    "CompletionAim",
    "IntervalAim",
    "IntervalMeasure",
    "Target",
    "evaluate",
    "excluded",
    "load_aim",
    "load_aims",
    "load_measure",
    "load_measures",
    "normalise_as_of",
    "summarise",
]
