"""Hand-made PDSA cycles, measures and journeys for the pdsa tests.

`cycle(**changes)` builds a complete, well-formed cycle (no quality findings) and applies
changes by dotted path (`cycle(**{"plan.start": None})`), so each test names only what it
breaks. `journeys(rows)` writes a tiny journeys frame for the planning-meeting measure `pm`
(clock from the 72-hour meeting to the planning meeting, met within 2 weeks = 14 days).
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from pace_qi import columns as col
from pace_qi.aims import IntervalMeasure, load_aims
from pace_qi.pdsa import Cycle

AIMS = load_aims("params/aims")

PM = IntervalMeasure.model_validate(
    {
        "id": "pm",
        "name": "Planning meeting within 2 weeks",
        "start": "meeting_72h_date",
        "end": "planning_meeting_date",
        "within_weeks": 2,
        "cohort": {"start_on_or_after": "2018-01-01"},
    }
)
MEASURES = {"pm": PM}

GOOD: dict[str, Any] = {
    "id": "aim3_cycle1",
    "aim": "aim3",
    "cycle": 1,
    "title": "2-week planning meeting",
    "change_idea": "A planning meeting within 2 weeks of the 72-hour meeting.",
    "objective": "Test whether the meeting can be held in time.",
    "questions": ["Can it be booked at the 72-hour meeting?"],
    "predictions": [
        {
            "measure": "pm",
            "statement": "80% of children have a planning meeting within 2 weeks",
            "expected_percent": 80,
        }
    ],
    "plan": {
        "who": "South team",
        "what": "Book the meeting at the 72-hour meeting.",
        "where": "South team",
        "start": "2018-09-03",
        "end": "2018-10-26",
        "data_collection": "Meeting dates from the case system.",
    },
    "do": {"observations": "Most meetings were booked.", "problems": None},
    "study": {"narrative": None},
    "act": {"decision": "adapt", "next_steps": "All teams.", "next_cycle": None},
}


def record(**changes: Any) -> dict[str, Any]:
    """The good record as a dict, with `changes` applied at dotted paths."""
    data = copy.deepcopy(GOOD)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return data


def cycle(**changes: Any) -> Cycle:
    """A validated cycle: the good record with `changes` applied."""
    return Cycle.model_validate(record(**changes))


def journeys(*rows: tuple[str, str | None, str | None]) -> pd.DataFrame:
    """Rows of (72-hour meeting, planning meeting, looked-after end), dates as ISO text."""
    frame = pd.DataFrame(
        {
            col.CHILD_ID: [f"C{i:02d}" for i in range(1, len(rows) + 1)],
            "meeting_72h_date": [r[0] for r in rows],
            "planning_meeting_date": [r[1] for r in rows],
            col.LOOKED_AFTER_END: [r[2] for r in rows],
            col.PLAN_CHANGED: [None] * len(rows),
        }
    )
    dates = ("meeting_72h_date", "planning_meeting_date", col.LOOKED_AFTER_END, col.PLAN_CHANGED)
    for name in dates:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
    frame[col.EPISODE_ID] = frame[col.CHILD_ID] + "-1"
    frame[col.ERROR_COLUMNS] = ""
    return frame
