"""PDSA cycles as first-class records: read, check, study against the data, and chart.

Data flow: `load_cycles(folder)` -> `check(cycle, aims, measures, ...)` (plain-English
findings) and `study(cycle, journeys, aims, measures, as_of)` (each prediction against what
happened in the cycle's window, with the engine's numbers) -> `draft_study` (the Study
paragraph); `ramp_frame` and `annotations` give the tables that `pace_qi.charts` draws.
`new_cycle_command` is the `pace-qi new-cycle` job. See docs/pdsa.md.
"""

from pace_qi.pdsa.checks import MAX_CYCLE_DAYS, MIN_CHILDREN, Finding, check, findings_frame
from pace_qi.pdsa.loading import load_cycle, load_cycles
from pace_qi.pdsa.new_cycle import new_cycle_command
from pace_qi.pdsa.ramps import ANNOTATION_COLUMNS, RAMP_COLUMNS, annotations, ramp_frame
from pace_qi.pdsa.record import DECISIONS, Act, Cycle, Do, Plan, Prediction, Study
from pace_qi.pdsa.study import STUDY_COLUMNS, StudyResult, draft_study, study, study_frame
from pace_qi.pdsa.window import Window, cycle_window

__all__ = [
    "ANNOTATION_COLUMNS",
    "DECISIONS",
    "MAX_CYCLE_DAYS",
    "MIN_CHILDREN",
    "RAMP_COLUMNS",
    "STUDY_COLUMNS",
    "Act",
    "Cycle",
    "Do",
    "Finding",
    "Plan",
    "Prediction",
    "Study",
    "StudyResult",
    "Window",
    "annotations",
    "check",
    "cycle_window",
    "draft_study",
    "findings_frame",
    "load_cycle",
    "load_cycles",
    "new_cycle_command",
    "ramp_frame",
    "study",
    "study_frame",
]
