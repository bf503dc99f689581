"""Ramp tables and chart annotations from the cycle records."""

from __future__ import annotations

import pandas as pd
import pytest
from _pdsa_cases import cycle

from pace_qi.charts.annotations import normalise_annotations
from pace_qi.pdsa import ANNOTATION_COLUMNS, RAMP_COLUMNS, annotations, ramp_frame

CYCLES = {
    c.id: c
    for c in (
        cycle(id="aim3_cycle2", cycle=2, title="All teams", **{
            "plan.start": "2018-11-05", "plan.end": "2018-12-21", "act.decision": "adopt"
        }),
        cycle(),  # cycle 1: 3 Sep to 26 Oct 2018, adapt
        cycle(id="aim3_cycle3", cycle=3, title="Panel timeline", **{
            "plan.start": "2019-09-23", "plan.end": "2019-12-20", "act.decision": None
        }),
        cycle(id="aim2_cycle1", aim="aim2", title="Checklist", **{
            "plan.start": "2019-02-04", "plan.end": "2019-03-29"
        }),
    )
}


def test_ramp_frame_sorted_by_aim_and_cycle_with_pending_for_no_decision():
    frame = ramp_frame(CYCLES)
    assert list(frame.columns) == list(RAMP_COLUMNS)
    assert frame["id"].tolist() == ["aim2_cycle1", "aim3_cycle1", "aim3_cycle2", "aim3_cycle3"]
    assert frame["decision"].tolist() == ["adapt", "adapt", "adopt", "pending"]
    assert frame["start"].dtype == "datetime64[ns]"
    assert frame.loc[1, "end"] == pd.Timestamp("2018-10-26")


def test_ramp_frame_for_one_aim_and_open_cycles_at_the_as_at_date():
    frame = ramp_frame(CYCLES, aim="aim3", as_of="2019-12-01")
    assert frame["cycle"].tolist() == [1, 2, 3]
    assert frame["end"].isna().tolist() == [False, False, True]


def test_ramp_frame_draws_as_a_ramp_chart():
    from pace_qi.charts import ramp_chart

    chart = ramp_chart(ramp_frame(CYCLES, as_of="2019-12-01"), as_of=pd.Timestamp("2019-12-01"))
    assert "C3 pending (in progress)" in chart.alt_text


def test_annotations_of_an_aim_list_every_cycle_with_its_window():
    notes = annotations(CYCLES, "aim3")
    assert list(notes.columns) == list(ANNOTATION_COLUMNS)
    assert notes["label"].tolist() == [
        "PDSA 1: 2-week planning meeting",
        "PDSA 2: All teams",
        "PDSA 3: Panel timeline",
    ]
    assert notes["x"].tolist() == [
        pd.Timestamp("2018-09-03"), pd.Timestamp("2018-11-05"), pd.Timestamp("2019-09-23")
    ]
    assert notes["end"].notna().all()


def test_annotations_for_a_cycle_report_shade_only_that_cycle_and_stop_there():
    notes = annotations(CYCLES, "aim3", highlight="aim3_cycle2")
    assert notes["label"].tolist() == ["PDSA 1: 2-week planning meeting", "PDSA 2: All teams"]
    assert notes["end"].isna().tolist() == [True, False]
    assert notes.loc[1, "end"] == pd.Timestamp("2018-12-21")
    numbered = normalise_annotations(notes)
    assert numbered["number"].tolist() == [1, 2]


def test_annotations_unknown_highlight_and_undated_cycles():
    with pytest.raises(KeyError, match="aim2_cycle1"):
        annotations(CYCLES, "aim3", highlight="aim2_cycle1")
    undated = [cycle(**{"plan.start": None}), cycle(id="aim3_cycle2", cycle=2)]
    assert len(annotations(undated, "aim3")) == 1
